"""Source passages: a sentence, or a short run of sentences when the later ones lean on the earlier.

Evidence is read in passages. "It was the first deadly clash since 1975." means nothing without the
sentence before it, so a sentence that opens with a pronoun, a demonstrative or a reference like
"The figure" joins the passage before it, up to a few sentences. Offsets always index the source text.
"""
from __future__ import annotations

from dataclasses import dataclass

from workbench.claims import Claim, Segment
from workbench.nlp.extract import Analysis, ScoredSentence

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


class PassageGrouper:
    """Sentences in, in order, passages out as each is complete: the last passage stays open while the next
    sentence may still lean back on it, so a huge source is grouped as it is analysed."""

    def __init__(self, text: str):
        self.text = text
        self.open: Passage | None = None

    def add(self, sentence: ScoredSentence) -> Passage | None:
        """The passage that ``sentence`` completes by not joining it, if any."""
        last = self.open
        if last is not None and leans_back(sentence.text) and last.sentences < MAX_SENTENCES and \
                sentence.end - last.start <= MAX_CHARS and "\n\n" not in self.text[last.end:sentence.start]:
            self.open = Passage(self.text[last.start:sentence.end], last.start, sentence.end,
                                max(last.checkworthiness, sentence.checkworthiness), last.sentences + 1,
                                tuple(dict.fromkeys(last.actors + sentence.actors)),
                                tuple(dict.fromkeys(last.places + sentence.places)))
            return None
        self.open = Passage(sentence.text, sentence.start, sentence.end, sentence.checkworthiness, 1,
                            sentence.actors, sentence.places)
        return last

    def close(self) -> Passage | None:
        """The open passage: the text has ended."""
        last, self.open = self.open, None
        return last


def group_passages(text: str, sentences: list[ScoredSentence]) -> list[Passage]:
    """Group a document's sentences (in order, offsets into ``text``) into passages."""
    grouper = PassageGrouper(text)
    passages = [passage for passage in map(grouper.add, sentences) if passage is not None]
    last = grouper.close()
    return passages + [last] if last is not None else passages


def segments_of(kind: str, text: str, sentences: list[ScoredSentence]) -> list[ScoredSentence] | list[Passage]:
    """What a document is stored as: an article's sentences, a source's passages."""
    return sentences if kind == "article" else group_passages(text, sentences)


class DocumentSegments:
    """A document's segments and claims as its pieces are analysed, each handed on once it is final, in order:
    an article's sentences at once; a source's passages when complete (see :class:`PassageGrouper`), and its
    claims from the first that may fall in the open passage held back with it, so that every claim handed on
    comes with or after the passage it belongs to and none comes earlier in the text than passages handed on
    before (what :meth:`workbench.store.documents.BatchRows.extend` relies on)."""

    def __init__(self, kind: str, text: str):
        self.grouper = PassageGrouper(text) if kind == "source" else None
        self.waiting: list[Claim] = []

    def add(self, piece: Analysis) -> tuple[list[Segment], list[Claim]]:
        """The segments and claims of ``piece`` (and of pieces before it) that are final now."""
        if self.grouper is None:
            return piece.sentences, piece.claims
        passages = [passage for passage in map(self.grouper.add, piece.sentences) if passage is not None]
        claims = self.waiting + piece.claims
        held = self.grouper.open
        cut = len(claims) if held is None else next(
            (index for index, claim in enumerate(claims) if claim.sentence.start >= held.start), len(claims))
        self.waiting = claims[cut:]
        return passages, claims[:cut]

    def close(self) -> tuple[list[Segment], list[Claim]]:
        """What was held back: the text has ended."""
        last = self.grouper.close() if self.grouper is not None else None
        claims, self.waiting = self.waiting, []
        return ([last] if last is not None else []), claims
