"""Reranking retrieved passages: a documented blend of text, fuzzy, topic and figure evidence.

score = w.text·text + w.fuzz·fuzz + w.topic·topic + w.figure·figure, each part in 0..1:

- text: the passage's BM25 score for the claim's words, saturating: bm25 / (bm25 + bm25_half);
- fuzz: rapidfuzz's token-set ratio of claim sentence and passage, averaged with the partial ratio of the
  claim's subject against the passage (wording that BM25's bag of stems misses);
- topic: how much the passage is about the same thing: the mean of the share of the subject's key words
  it uses and the share of the sentence's named entities it names;
- figure: 1 when a figure agrees with the claim's in a passage on its topic and subject (0.7 on its topic
  only, 0.5 elsewhere: a coincidence is worth less); 0.6 when a comparable figure differs in a passage on
  the claim's topic and subject (a contradiction is evidence too), 0 when it differs elsewhere (the same
  sentence about another country is the likeliest impostor); 0.4 when a comparable figure on topic neither establishes nor refutes it ("over
  210" for "over 300"); 0.2 when there is nothing to compare.

A passage is *on topic* when it names more than half of the claim sentence's entities, or the entity in
the claim's own subject ("Chinese" of "Chinese troops"), or when the claim names none. The weights live in
:class:`workbench.settings.MatchWeights`.
"""
from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, utils

from workbench.match.figures import (
    Figure,
    FigureComparison,
    compare,
    content_words,
    entity_overlap,
    same_subject,
    subject_overlap,
)
from workbench.match.index import Hit
from workbench.settings import MatchWeights

AGREES_ON_SUBJECT, AGREES_ON_TOPIC, AGREES_ELSEWHERE = 1.0, 0.7, 0.5
DIFFERS_ON_SUBJECT, DIFFERS_ELSEWHERE = 0.6, 0.0
COMPATIBLE_ON_TOPIC = 0.4
NOTHING_TO_COMPARE = 0.2


@dataclass(frozen=True)
class ClaimQuery:
    """What matching needs to know about a claim: its sentence, subject, predicate, entities and figures.

    ``unit`` is the counted noun of a count ("soldier"), which a passage about the same thing must use.
    """

    text: str
    subject: str | None = None
    predicate: str | None = None
    figures: tuple[Figure, ...] = ()
    unit: str | None = None
    entities: tuple[str, ...] = ()
    when: Figure | None = None  # a statement's own time ("last year" → 2024), compared like a figure
    id: object = None

    @property
    def figure(self) -> Figure | None:
        return self.figures[0] if self.figures else None

    @property
    def compared(self) -> tuple[Figure, ...]:
        """The figures a passage's are compared with: the claim's, or a statement's own time."""
        return self.figures or ((self.when,) if self.when is not None else ())


@dataclass(frozen=True)
class Scored:
    hit: Hit
    score: float
    text_score: float
    fuzz_score: float
    topic_score: float
    figure_score: float
    comparisons: tuple[FigureComparison, ...]
    passage_words: frozenset[str]
    on_topic: bool
    on_subject: bool


def on_topic(claim: ClaimQuery, words: set[str]) -> tuple[bool, float | None]:
    """Is the passage about what the claim is about, by its named entities? (and the share it names)"""
    overlap = entity_overlap(claim.entities, words)
    if overlap is None or overlap > 0.5:
        return True, overlap
    subject_words = content_words(claim.subject)
    in_subject = [entity for entity in claim.entities if content_words(entity) & subject_words]
    return bool(in_subject) and entity_overlap(tuple(in_subject), words) == 1.0, overlap


def figure_part(comparisons: tuple[FigureComparison, ...], topic: bool, subject: bool) -> float:
    if not comparisons:
        return NOTHING_TO_COMPARE
    if any(c.agrees for c in comparisons):
        return AGREES_ON_SUBJECT if topic and subject else AGREES_ON_TOPIC if topic else AGREES_ELSEWHERE
    if any(c.conflicts for c in comparisons):
        return DIFFERS_ON_SUBJECT if topic and subject else DIFFERS_ELSEWHERE
    return COMPATIBLE_ON_TOPIC if topic else NOTHING_TO_COMPARE


def score_hit(claim: ClaimQuery, hit: Hit, weights: MatchWeights) -> Scored:
    text_score = hit.bm25 / (hit.bm25 + weights.bm25_half) if hit.bm25 > 0 else 0.0
    sentence_ratio = fuzz.token_set_ratio(claim.text, hit.text, processor=utils.default_process) / 100
    subject_ratio = fuzz.partial_ratio(claim.subject or claim.text, hit.text, processor=utils.default_process) / 100
    fuzz_score = (sentence_ratio + subject_ratio) / 2
    words = frozenset(content_words(hit.text))
    topical, overlap = on_topic(claim, words | content_words(hit.context))
    subject = subject_overlap(claim.subject, claim.unit, words)
    topic_score = (subject + (1.0 if overlap is None else overlap)) / 2
    on_subject = same_subject(claim.subject, claim.unit, words)
    others = [Figure.of(f) for f in hit.figures]
    comparisons = tuple(pair for figure in claim.compared for pair in compare(figure, others))
    figure_score = figure_part(comparisons, topical, on_subject) if claim.compared else 0.0
    score = (weights.text * text_score + weights.fuzz * fuzz_score + weights.topic * topic_score
             + weights.figure * figure_score)
    return Scored(hit, round(score, 4), round(text_score, 4), round(fuzz_score, 4), round(topic_score, 4),
                  figure_score, comparisons, words, topical, on_subject)


def rerank(claim: ClaimQuery, hits: list[Hit], weights: MatchWeights) -> list[Scored]:
    return sorted((score_hit(claim, hit, weights) for hit in hits), key=lambda s: (-s.score, s.hit.passage_id))
