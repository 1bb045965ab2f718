"""Reranking retrieved passages: a documented blend of text, fuzzy, subject and figure evidence.

score = w.text·text + w.fuzz·fuzz + w.subject·subject + w.figure·figure, each part in 0..1:

- text: the passage's BM25 score for the claim's words, saturating: bm25 / (bm25 + bm25_half);
- fuzz: rapidfuzz's token-set ratio of claim sentence and passage, averaged with the partial ratio of the
  claim's subject against the passage (wording that BM25's bag of stems misses);
- subject: the share of the subject's key words (and the counted noun) that the passage uses;
- figure: in a passage about the claim's subject, 1 when one of its figures agrees with the claim's and 0.9
  when a comparable figure differs (a contradiction is strong evidence too); in a passage about something
  else, 0.4 for an agreeing figure (a coincidence worth little) and 0.1 for a differing one; 0 when there
  is nothing to compare.

The weights live in :class:`workbench.settings.MatchWeights`.
"""
from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, utils

from workbench.match.figures import Figure, FigureComparison, compare, content_words, same_subject, subject_overlap
from workbench.match.index import Hit
from workbench.settings import MatchWeights

#: The figure part, by (figures agree, passage about the claim's subject).
FIGURE_SCORES = {(True, True): 1.0, (False, True): 0.9, (True, False): 0.4, (False, False): 0.1}


@dataclass(frozen=True)
class ClaimQuery:
    """What matching needs to know about a claim: its sentence, subject, predicate and figure.

    ``unit`` is the counted noun of a count ("soldier"), which a passage about the same thing must use.
    """

    text: str
    subject: str | None = None
    predicate: str | None = None
    figure: Figure | None = None
    unit: str | None = None
    id: object = None


@dataclass(frozen=True)
class Scored:
    hit: Hit
    score: float
    text_score: float
    fuzz_score: float
    subject_score: float
    figure_score: float
    comparisons: tuple[FigureComparison, ...]
    passage_words: frozenset[str]
    on_subject: bool


def score_hit(claim: ClaimQuery, hit: Hit, weights: MatchWeights) -> Scored:
    text_score = hit.bm25 / (hit.bm25 + weights.bm25_half) if hit.bm25 > 0 else 0.0
    sentence_ratio = fuzz.token_set_ratio(claim.text, hit.text, processor=utils.default_process) / 100
    subject_ratio = fuzz.partial_ratio(claim.subject or claim.text, hit.text, processor=utils.default_process) / 100
    fuzz_score = (sentence_ratio + subject_ratio) / 2
    words = frozenset(content_words(hit.text))
    subject_score = subject_overlap(claim.subject, claim.unit, words)
    on_subject = same_subject(claim.subject, claim.unit, words)
    comparisons: tuple[FigureComparison, ...] = ()
    figure_score = 0.0
    if claim.figure is not None:
        comparisons = tuple(compare(claim.figure, [Figure.of(f) for f in hit.figures]))
        if comparisons:
            figure_score = FIGURE_SCORES[(any(c.agrees for c in comparisons), on_subject)]
    score = (weights.text * text_score + weights.fuzz * fuzz_score + weights.subject * subject_score
             + weights.figure * figure_score)
    return Scored(hit, round(score, 4), round(text_score, 4), round(fuzz_score, 4), round(subject_score, 4),
                  figure_score, comparisons, words, on_subject)


def rerank(claim: ClaimQuery, hits: list[Hit], weights: MatchWeights) -> list[Scored]:
    return sorted((score_hit(claim, hit, weights) for hit in hits), key=lambda s: (-s.score, s.hit.passage_id))
