"""Reranking retrieved passages: a fitted logistic blend of text, fuzzy, topic and figure evidence.

score = logistic(intercept + w.text·text + w.fuzz·fuzz + w.topic·topic + w.figure_<outcome>), where

- text: the passage's BM25 score for the claim's words, saturating: bm25 / (bm25 + bm25_half);
- fuzz: rapidfuzz's token-set ratio of claim sentence and passage, averaged with the partial ratio of the
  claim's subject against the passage (wording that BM25's bag of stems misses);
- topic: the mean of the share of the subject's key words the passage uses and the share of the sentence's
  named entities it names;
- figure: what the best of the passage's figures does to the claim's (:func:`figure_outcome`): the same
  measure with an agreeing figure, a conflicting one, a merely compatible one; a comparable figure about
  another measure, actor, place or time; or nothing to compare. Each outcome has its own weight.

So a score is how likely the passage is evidence for the claim (it supports or contradicts it). The
weights live in :class:`workbench.settings.MatchWeights`; ``bench/fit_weights.py`` fits them on the tuning
part of the relations evaluation set, cross-validated, not by hand.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

from rapidfuzz import fuzz, utils

from workbench.claims import Claim, Quantity
from workbench.match.figures import (
    FigureComparison,
    compare,
    content_words,
    counted,
    entity_overlap,
    subject_overlap,
)
from workbench.match.frames import FrameCheck, check
from workbench.match.index import Hit
from workbench.settings import FusionWeights, MatchWeights

AGREES, CONFLICTS, COMPATIBLE, ELSEWHERE, NOTHING = "agrees", "conflicts", "compatible", "elsewhere", "nothing"
OUTCOMES = (AGREES, CONFLICTS, COMPATIBLE, ELSEWHERE, NOTHING)


@dataclass(frozen=True)
class ClaimQuery:
    """What matching knows about a claim: the claim (sentence, figure and frame, subject, predicate, time,
    named entities) and its document's date, against which undated figures and relative times are read."""

    claim: Claim
    published: str | None = None
    id: object = None

    @property
    def text(self) -> str:
        return self.claim.sentence.text

    @property
    def subject(self) -> str | None:
        return self.claim.subject

    @property
    def entities(self) -> tuple[str, ...]:
        return self.claim.entities

    @cached_property
    def unit(self) -> str | None:
        """What a count counts (a death toll counts deaths); other kinds of figure have none. Like the other
        cached properties, worked out once per claim rather than once per candidate."""
        quantity = self.claim.quantity
        return counted(quantity, self.claim.predicate) if quantity is not None and quantity.kind == "count" else None

    @cached_property
    def compared(self) -> tuple[Claim, ...]:
        """The figures a passage's are compared with: the claim's own, or a statement's time when its sentence
        gives one ("last year" → 2024; the document's date, every undated sentence's time, says nothing)."""
        if self.claim.quantity is not None:
            return (self.claim,)
        time = self.claim.time
        if not time or not time[:4].isdigit() or time == (self.published or "")[:len(time)]:
            return ()
        when = Quantity(text=time, start=0, end=0, value=float(time[:4]), unit="year", kind="date", iso=time)
        return (replace(self.claim, kind="date", quantity=when),)

    @cached_property
    def fuzz_text(self) -> str:
        """The sentence as rapidfuzz compares it (its ``default_process``)."""
        return utils.default_process(self.text)

    @cached_property
    def fuzz_subject(self) -> str:
        """The subject (else the sentence) as rapidfuzz compares it."""
        return utils.default_process(self.subject or self.text)


# Not frozen, for speed: see workbench.match.frames.FrameCheck.
@dataclass(slots=True)
class Judgement:
    """One comparable figure of the passage: how its value stands against the claim's, and whether it is
    about the same measure."""

    comparison: FigureComparison
    frame: FrameCheck


# Not frozen, for speed: see workbench.match.frames.FrameCheck.
@dataclass(slots=True)
class Scored:
    hit: Hit
    score: float
    text_score: float
    fuzz_score: float
    topic_score: float
    figure_score: float
    judgements: tuple[Judgement, ...]
    outcome: str


def opposite(comparison: FigureComparison) -> bool:
    """The two figures report changes the other way round ("shrank 3.4%" vs "grew 3.4%")."""
    mine, theirs = comparison.mine, comparison.theirs
    return bool(mine.direction and theirs.direction) and mine.direction != theirs.direction


def figure_outcome(judgements: tuple[Judgement, ...]) -> str:
    same = [j for j in judgements if j.frame.same]
    if any(j.comparison.agrees and not opposite(j.comparison) for j in same):
        return AGREES
    if any(j.comparison.conflicts or opposite(j.comparison) for j in same):
        return CONFLICTS
    if same:
        return COMPATIBLE
    return ELSEWHERE if judgements else NOTHING


def words_in_context(hit: Hit) -> frozenset[str]:
    """The passage's words with those of its context (its source's title and opening passage)."""
    return hit.words | hit.context_words


def judge_hit(query: ClaimQuery, hit: Hit, context_words: frozenset[str], complete: bool = False
              ) -> tuple[Judgement, ...]:
    """Every comparable figure of the passage against the claim's, each with its frame check (``complete``:
    every question answered, see :func:`workbench.match.frames.check`); ``context_words`` are
    :func:`words_in_context`'s."""
    claim_words = content_words(query.text)
    judgements = []
    for claim in query.compared:
        for comparison in compare(claim, list(hit.figures)):
            frame = check(comparison.claim, query.published, comparison.other, hit.published, claim_words, context_words,
                          hit.words, (hit.actors, hit.places, hit.title_actors), comparison.mine, comparison.theirs, complete)
            judgements.append(Judgement(comparison, frame))
    return tuple(judgements)


def completed(query: ClaimQuery, scored: Scored) -> Scored:
    """A ranked candidate with every frame question answered for each of its figures: what relating it
    weighs. Ranking stops at the first no, for speed; only the few candidates shown are completed."""
    context_words = words_in_context(scored.hit)
    return replace(scored, judgements=judge_hit(query, scored.hit, context_words, complete=True))


# Not frozen, for speed: see workbench.match.frames.FrameCheck.
@dataclass(slots=True)
class Parts:
    """What a candidate's score is made of, before weighting."""

    bm25: float
    fuzz: float
    topic: float
    judgements: tuple[Judgement, ...]
    outcome: str

    def text(self, bm25_half: float) -> float:
        """BM25, saturating: half a text match at ``bm25_half``."""
        return self.bm25 / (self.bm25 + bm25_half) if self.bm25 > 0 else 0.0


def parts(query: ClaimQuery, hit: Hit) -> Parts:
    hit_text = utils.default_process(hit.text)  # once for both ratios; the claim's is processed once per claim
    sentence_ratio = fuzz.token_set_ratio(query.fuzz_text, hit_text) / 100
    subject_ratio = fuzz.partial_ratio(query.fuzz_subject, hit_text) / 100
    context_words = words_in_context(hit)
    overlap = entity_overlap(query.entities, context_words)
    topic = (subject_overlap(query.subject, query.unit, hit.words) + (1.0 if overlap is None else overlap)) / 2
    judgements = judge_hit(query, hit, context_words)
    return Parts(hit.bm25, (sentence_ratio + subject_ratio) / 2, topic, judgements, figure_outcome(judgements))


def score_hit(query: ClaimQuery, hit: Hit, weights: MatchWeights) -> Scored:
    found = parts(query, hit)
    text_score = found.text(weights.bm25_half)
    score = weights.score(text_score, found.fuzz, found.topic, found.outcome)
    return Scored(hit, round(score, 4), round(text_score, 4), round(found.fuzz, 4), round(found.topic, 4),
                  round(weights.figure(found.outcome), 4), found.judgements, found.outcome)


def rerank(query: ClaimQuery, hits: list[Hit], weights: MatchWeights) -> list[Scored]:
    return sorted((score_hit(query, hit, weights) for hit in hits), key=lambda s: (-s.score, s.hit.passage_id))


def fused_scores(scored: list[Scored], fusion: FusionWeights, unread: dict[int, float] | None = None
                 ) -> dict[int, float]:
    """Each passage's reciprocal-rank fusion score: 1/(k + rank by score, for passages the words or figures
    found) + vectors/(k + rank by meaning, for passages at least ``floor`` similar), where ``unread`` are the
    passages only the vectors found that were not scored (:class:`workbench.match.index.Found`), by their
    cosine; passages with neither rank have none."""
    fused: dict[int, float] = {}
    for rank, item in enumerate((s for s in scored if s.hit.lexical), start=1):
        fused[item.hit.passage_id] = 1.0 / (fusion.k + rank)
    by_meaning = [(s.hit.passage_id, s.hit.similarity) for s in scored if s.hit.nearest]
    by_meaning += sorted((unread or {}).items())
    by_meaning = sorted(((passage_id, similarity) for passage_id, similarity in by_meaning
                         if similarity >= fusion.floor), key=lambda item: -item[1])
    for rank, (passage_id, _) in enumerate(by_meaning, start=1):
        fused[passage_id] = fused.get(passage_id, 0.0) + fusion.vectors / (fusion.k + rank)
    return fused


def fuse(scored: list[Scored], fusion: FusionWeights, unread: dict[int, float] | None = None) -> list[Scored]:
    """Reranked candidates (best first) in the order of their :func:`fused_scores`, then of their scores."""
    fused = fused_scores(scored, fusion, unread)
    return sorted(scored, key=lambda s: (-fused.get(s.hit.passage_id, 0.0), -s.score, s.hit.passage_id))


def placing(scored: list[Scored], fusion: FusionWeights, unread: dict[int, float], top: int) -> dict[int, float]:
    """The unread passages that may place among the ``top`` fused candidates (all of them when fewer than
    ``top`` passages have a fused score: the rest are then ordered by their scores)."""
    fused = fused_scores(scored, fusion, unread)
    if len(fused) < top:
        return dict(unread)
    cutoff = sorted(fused.values(), reverse=True)[top - 1]
    return {passage_id: similarity for passage_id, similarity in unread.items()
            if fused.get(passage_id, 0.0) >= cutoff}
