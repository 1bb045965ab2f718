"""The ``checkworthiness`` spaCy component: a 0..1 score for every sentence.

Two small bag-of-n-grams ``textcat`` models (unigrams and bigrams, hashed), trained on ClaimBuster
sentences by ``workbench train-checkworthiness``, each score the sentence and the component
averages their probabilities. Neither runs a network of its own over the text: their inputs are
token lists read off the analysis the main pipeline already paid for, so together they cost a
few percent of the spaCy pass.

Both read :func:`member_features`, one pass over the sentence's tokens:

* ``textcat``: the lowercased words (numbers masked) plus
  feature tokens (entity labels, past tense, modal, comparative, first/second person, question,
  length bucket).
* ``textcat_syntax``: the lemmas (numbers masked), the same feature
  tokens plus the root's tag and the kind of its subject, then the sentence's part-of-speech
  tags, so its bigrams are also tag bigrams.

A pipeline with only ``textcat`` (the format of version 1) still loads and scores alone. The
trained pipeline ships in ``workbench/nlp/models/checkworthiness``.

Results: ``sent._.checkworthiness`` for each sentence span of ``doc.sents``.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

VERSION = "2"
POSITIVE = "CHECKWORTHY"
DEFAULT_MODEL = resources.files("workbench.nlp") / "models" / "checkworthiness"
#: The classifier pipeline's textcat components, in the order of :func:`member_features`.
MEMBERS = ("textcat", "textcat_syntax")
EMPTY = "<empty>"
_BATCH = 512

_FEATURE_ENTS = {"PERCENT", "MONEY", "CARDINAL", "DATE", "QUANTITY", "ORDINAL", "PERSON", "ORG", "GPE", "NORP",
                 "LAW", "EVENT", "TIME", "LOC"}
_FIRST_PERSON = {"i", "we", "me", "us", "my", "our"}
_SECOND_PERSON = {"you", "your"}
_SUBJECTS = ("nsubj", "nsubjpass")


def member_features(sent: Span | Doc) -> tuple[list[str], list[str]]:
    """Both classifiers' inputs for one analysed sentence, read in a single pass over its tokens."""
    words: list[str] = []
    lemmas: list[str] = []
    tags: list[str] = []
    features: set[str] = set()
    syntax: set[str] = set()
    for token in sent:
        if token.is_space:
            continue
        text = token.text
        lower = token.lower_
        if token.like_num or any(ch.isdigit() for ch in text):
            words.append("<num>")
            lemmas.append("<num>")
            features.add("__number__")
        else:
            words.append(lower)
            lemmas.append(token.lemma_.lower() or lower)
        tag = token.tag_
        tags.append(tag)
        ent = token.ent_type_
        if ent in _FEATURE_ENTS:
            features.add(f"__ent_{ent}__")
        if tag in ("VBD", "VBN"):
            features.add("__past__")
        elif tag == "MD":
            features.add("__modal__")
        elif tag in ("JJS", "RBS", "JJR", "RBR"):
            features.add("__compare__")
        if lower in _FIRST_PERSON:
            features.add("__first_person__")
        elif lower in _SECOND_PERSON:
            features.add("__second_person__")
        if token.dep_ == "ROOT":
            syntax.add(f"__root_{tag}__")
            for child in token.children:
                if child.dep_ in _SUBJECTS:
                    kind = child.lower_ if child.pos_ == "PRON" else child.ent_type_ or child.pos_
                    syntax.add(f"__subj_{kind}__")
    if words and words[-1] == "?":
        features.add("__question__")
    length = len(words)
    features.add("__short__" if length < 8 else "__long__" if length > 30 else "__medium__")
    first = words + sorted(features)
    second = lemmas + sorted(features | syntax)
    if tags:
        second += ["<pos>"] + tags
    return first, second


@lru_cache(maxsize=4)
def load_classifier(path: str | None = None) -> Language:
    """The trained classifier pipeline: a blank English pipeline with the textcat(s) of ``MEMBERS``."""
    return spacy.load(Path(str(path or DEFAULT_MODEL)))


def predict(classifier: Language, rows: list[tuple[list[str], ...]]) -> list[float]:
    """Mean probability of ``POSITIVE`` over the classifier's members; ``rows`` from :func:`member_features`."""
    if not rows:
        return []
    vocab = classifier.vocab
    present = [(index, classifier.get_pipe(name)) for index, name in enumerate(MEMBERS)
               if name in classifier.pipe_names]
    total = None
    for index, textcat in present:
        column = list(textcat.labels).index(POSITIVE)
        scores = []
        for start in range(0, len(rows), _BATCH):
            docs = [Doc(vocab, words=row[index] or [EMPTY]) for row in rows[start:start + _BATCH]]
            scores.extend(textcat.predict(docs)[:, column].tolist())
        total = scores if total is None else [a + b for a, b in zip(total, scores)]
    return [min(1.0, max(0.0, value / len(present))) for value in total]


def _register_extensions() -> None:
    if not Span.has_extension("checkworthiness"):
        Span.set_extension("checkworthiness", default=None)


class CheckWorthiness:
    """Scores every sentence of a Doc with the trained classifier."""

    def __init__(self, nlp: Language, name: str, model: str | None = None):
        self.name = name
        self.classifier = load_classifier(model)
        _register_extensions()

    def scores(self, analysed: Iterable[Span | Doc]) -> list[float]:
        """Check-worthiness of already-analysed sentences (spans or docs)."""
        return predict(self.classifier, [member_features(sent) for sent in analysed])

    def __call__(self, doc: Doc) -> Doc:
        sents = [sent for sent in doc.sents if not sent.text.isspace()]
        for sent, score in zip(sents, self.scores(sents)):
            sent._.checkworthiness = score
        return doc


@Language.factory("checkworthiness", default_config={"model": None})
def make_checkworthiness(nlp: Language, name: str, model: str | None) -> CheckWorthiness:
    return CheckWorthiness(nlp, name, model)
