"""Source passages: a sentence, or a short run of sentences when the later ones lean on the earlier.

Evidence is read in passages. "It was the first deadly clash since 1975." means nothing without the
sentence before it, so a sentence that opens with a pronoun, a demonstrative or a reference like
"The figure" joins the passage before it, up to a few sentences. Offsets always index the source text.
"""
from __future__ import annotations

from dataclasses import dataclass

from workbench.nlp.extract import ScoredSentence

MAX_SENTENCES = 3
MAX_CHARS = 600
LEANING_OPENERS = {"it", "this", "that", "these", "those", "they", "he", "she", "its", "their", "his", "her",
                   "such", "both", "the figure", "the toll", "the number", "the rate", "the move", "the decision",
                   "the increase", "the decline", "the drop", "the rise", "the total", "the deal", "the agency",
                   "the ministry", "the company", "the report"}


@dataclass(frozen=True)
class Passage:
    text: str
    start: int
    end: int
    checkworthiness: float
    sentences: int
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()


def leans_back(sentence: str) -> bool:
    words = sentence.split()
    if not words:
        return False
    first = words[0].strip(",;:\"'“‘").lower()
    first_two = " ".join(w.strip(",;:\"'“‘").lower() for w in words[:2])
    return first in LEANING_OPENERS or first_two in LEANING_OPENERS


def group_passages(text: str, sentences: list[ScoredSentence]) -> list[Passage]:
    """Group a document's sentences (in order, offsets into ``text``) into passages."""
    passages: list[Passage] = []
    for sentence in sentences:
        last = passages[-1] if passages else None
        if last is not None and leans_back(sentence.text) and last.sentences < MAX_SENTENCES and \
                sentence.end - last.start <= MAX_CHARS and "\n\n" not in text[last.end:sentence.start]:
            passages[-1] = Passage(text[last.start:sentence.end], last.start, sentence.end,
                                   max(last.checkworthiness, sentence.checkworthiness), last.sentences + 1,
                                   tuple(dict.fromkeys(last.actors + sentence.actors)),
                                   tuple(dict.fromkeys(last.places + sentence.places)))
        else:
            passages.append(Passage(sentence.text, sentence.start, sentence.end, sentence.checkworthiness, 1,
                                    sentence.actors, sentence.places))
    return passages


def segments_of(kind: str, text: str, sentences: list[ScoredSentence]) -> list[ScoredSentence] | list[Passage]:
    """What a document is stored as: an article's sentences, a source's passages."""
    return sentences if kind == "article" else group_passages(text, sentences)
