"""The ``checkworthiness`` spaCy component: a 0..1 score for every sentence.

A small ``textcat`` (bag of n-grams) trained on ClaimBuster sentences by
``workbench train-checkworthiness`` scores each sentence. Its input is the sentence's lowercased
words plus feature tokens read off the main pipeline's analysis (numbers masked, entity labels,
tense, person), so the classifier shares the parse the rest of the pipeline already paid for and
costs little on top of it. The trained pipeline ships in ``workbench/nlp/models/checkworthiness``.

Results: ``sent._.checkworthiness`` for each sentence span of ``doc.sents``.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

VERSION = "1"
POSITIVE = "CHECKWORTHY"
DEFAULT_MODEL = resources.files("workbench.nlp") / "models" / "checkworthiness"

_FEATURE_ENTS = {"PERCENT", "MONEY", "CARDINAL", "DATE", "QUANTITY", "ORDINAL", "PERSON", "ORG", "GPE", "NORP",
                 "LAW", "EVENT", "TIME", "LOC"}
_FIRST_PERSON = {"i", "we", "me", "us", "my", "our"}
_SECOND_PERSON = {"you", "your"}


def sentence_features(sent: Span | Doc) -> list[str]:
    """The classifier's input for one analysed sentence: its words, numbers masked, then feature tokens."""
    words = []
    features = set()
    for token in sent:
        if token.is_space:
            continue
        if token.like_num or any(ch.isdigit() for ch in token.text):
            words.append("<num>")
            features.add("__number__")
        else:
            words.append(token.lower_)
        if token.ent_type_ in _FEATURE_ENTS:
            features.add(f"__ent_{token.ent_type_}__")
        if token.tag_ in ("VBD", "VBN"):
            features.add("__past__")
        if token.tag_ == "MD":
            features.add("__modal__")
        if token.tag_ in ("JJS", "RBS", "JJR", "RBR"):
            features.add("__compare__")
        if token.lower_ in _FIRST_PERSON:
            features.add("__first_person__")
        if token.lower_ in _SECOND_PERSON:
            features.add("__second_person__")
    if words and words[-1] == "?":
        features.add("__question__")
    length = len(words)
    features.add("__short__" if length < 8 else "__long__" if length > 30 else "__medium__")
    return words + sorted(features)


@lru_cache(maxsize=4)
def load_classifier(path: str | None = None) -> Language:
    """The trained textcat pipeline (a blank English pipeline with one ``textcat``)."""
    return spacy.load(Path(str(path or DEFAULT_MODEL)))


def _register_extensions() -> None:
    if not Span.has_extension("checkworthiness"):
        Span.set_extension("checkworthiness", default=None)


class CheckWorthiness:
    """Scores every sentence of a Doc with the trained classifier."""

    def __init__(self, nlp: Language, name: str, model: str | None = None):
        self.name = name
        self.classifier = load_classifier(model)
        self.textcat = self.classifier.get_pipe("textcat")
        _register_extensions()

    def scores(self, analysed: Iterable[Span | Doc]) -> list[float]:
        """Check-worthiness of already-analysed sentences (spans or docs)."""
        vocab = self.classifier.vocab
        inputs = [Doc(vocab, words=sentence_features(sent) or ["<empty>"]) for sent in analysed]
        if not inputs:
            return []
        return [doc.cats.get(POSITIVE, 0.0) for doc in self.textcat.pipe(inputs, batch_size=256)]

    def __call__(self, doc: Doc) -> Doc:
        sents = [sent for sent in doc.sents if not sent.text.isspace()]
        for sent, score in zip(sents, self.scores(sents)):
            sent._.checkworthiness = score
        return doc


@Language.factory("checkworthiness", default_config={"model": None})
def make_checkworthiness(nlp: Language, name: str, model: str | None) -> CheckWorthiness:
    return CheckWorthiness(nlp, name, model)
