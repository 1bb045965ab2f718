"""Matching claims to evidence: retrieve, rerank, relate; for stored claims, incrementally.

:class:`Matcher` answers one claim: BM25 over the passages with the claim's words, the passages sharing
its figures' terms and the passages nearest to its sentence by meaning (``embed.py``), reranked
(``rank.py``) and labelled (``relation.py``). A claim is always a
:class:`workbench.claims.Claim` read by the extraction pipeline, whether it was stored at import or comes
from ``workbench match --input``, so both give the same relation for the same passage.
:func:`match_stored` keeps ``matches`` current for every stored claim: new or corrected claims are matched
in full, older claims only against passages added since they were last matched, and ``--all``
recomputes everything.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from itertools import groupby

from workbench.claims import Claim, Sentence
from workbench.match.embed import embedder
from workbench.match.index import Found, PassageIndex, figure_terms, query_terms
from workbench.match.rank import ClaimQuery, Scored, fuse, placing, rerank
from workbench.match.relation import SUPPORTS, relate
from workbench.settings import (
    MATCH_POOL,
    MATCH_TOP,
    MEANING_POOL,
    FusionWeights,
    MatchThresholds,
    MatchWeights,
)
from workbench.store.db import Store, utc_now
from workbench.store.matching import (
    CANDIDATE_FIELDS,
    claims_to_match,
    count_matches,
    replace_matches,
    stored_candidates,
)
from workbench.store.runs import finish_run, start_run

WRITE_BATCH = 500


def suggested(score: float, thresholds: MatchThresholds = MatchThresholds()) -> bool:
    """Shown as suggested evidence."""
    return score >= thresholds.suggest


def preselected(relation: str, score: float, thresholds: MatchThresholds = MatchThresholds()) -> bool:
    """Ticked for the reviewer (never a verdict by itself): supporting evidence above the "auto" score."""
    return relation == SUPPORTS and score >= thresholds.auto


@dataclass(frozen=True)
class Candidate:
    """A passage proposed as evidence for a claim."""

    passage_id: int
    document_id: int
    source: str | None
    text: str
    start: int
    end: int
    score: float
    text_score: float | None
    fuzz_score: float | None
    figure_score: float | None
    relation: str
    why: str
    suggested: bool
    preselected: bool

    def to_json(self) -> dict:
        return {key: value for key, value in asdict(self).items() if key != "document_id"}


class Matcher:
    """Matches claims against one passage index; load it once, ask many times."""

    def __init__(self, index: PassageIndex, weights: MatchWeights | None = None,
                 thresholds: MatchThresholds = MatchThresholds(), pool: int = MATCH_POOL, by_meaning: bool = True,
                 fusion: FusionWeights | None = None):
        """``by_meaning=False`` leaves out the vectors: words and figures alone, which the evaluations
        compare with."""
        self.index = index
        self.weights = weights or MatchWeights.fitted()
        self.fusion = fusion or FusionWeights.fitted()
        self.thresholds = thresholds
        self.pool = pool
        self.by_meaning = by_meaning

    def match(self, query: ClaimQuery, top: int = MATCH_TOP, after: int | None = None,
              within: list[int] | None = None) -> list[Candidate]:
        """The best ``top`` candidates for a claim; ``after`` only passages added after that id, ``within``
        only (and every one of) the given passages."""
        found = self.found(query, after, within)
        ranked = rerank(query, found.hits, self.weights)
        if self.by_meaning:
            # the passages only the vectors found are read and scored only when they place among the shown
            # ones: fusion places them by meaning alone (at 1M passages a tenth of a claim's first match)
            shown = placing(ranked, self.fusion, found.unread, top)
            ranked += rerank(query, self.index.passages(shown), self.weights)
            ranked = fuse(ranked, self.fusion, {key: value for key, value in found.unread.items() if key not in shown})
        return [self.candidate(query, scored) for scored in ranked[:top]]

    def reranked(self, query: ClaimQuery, after: int | None = None, within: list[int] | None = None) -> list[Scored]:
        """Every retrieved passage, scored, best first, before the fusion with the ranking by meaning (which
        ``bench/retrieval_eval.py --fit`` chooses on these)."""
        found = self.found(query, after, within)
        return rerank(query, found.hits + self.index.passages(found.unread), self.weights)

    def found(self, query: ClaimQuery, after: int | None = None, within: list[int] | None = None) -> Found:
        """The passages the claim's words, figures and vector find, before scoring (:class:`Found`)."""
        # The claim's own words, unweighted: evidence names its subject in other words often enough that
        # weighting the subject up favours passages that copy the claim's wording (bench/retrieval_eval.py).
        tokens = list(dict.fromkeys(term for claim in query.compared for term in figure_terms(claim.quantity)))
        limit = max(self.pool, len(within)) if within is not None else self.pool
        vector = embedder().embed([query.text])[0] if self.by_meaning else None
        return self.index.find(query_terms(query.text), tokens, limit, after, within, vector, MEANING_POOL)

    def candidate(self, query: ClaimQuery, scored: Scored) -> Candidate:
        relation, why = relate(query, scored)
        hit = scored.hit
        return Candidate(
            passage_id=hit.passage_id, document_id=hit.document_id, source=hit.source, text=hit.text,
            start=hit.start, end=hit.end, score=scored.score, text_score=scored.text_score,
            fuzz_score=scored.fuzz_score, figure_score=scored.figure_score, relation=relation, why=why,
            suggested=suggested(scored.score, self.thresholds),
            preselected=preselected(relation, scored.score, self.thresholds))


def claim_query(claim: Claim, published: str | None = None, id=None) -> ClaimQuery:
    """The one way a claim becomes a query, stored or not."""
    return ClaimQuery(claim=claim, published=published, id=id)


def primary_claim(text: str, claims: list[Claim], figure: str | None = None) -> Claim:
    """The claim an ad-hoc sentence makes: the one whose figure is written ``figure`` when given, else its
    first figure that is not a date (a date in such a sentence is mostly the time of its figure), else its
    first figure, else the sentence as a statement."""
    with_figures = [c for c in claims if c.quantity is not None]
    if figure:
        named = [c for c in with_figures if figure in c.quantity.text or c.quantity.text in figure]
        if named:
            return named[0]
    undated = [c for c in with_figures if c.kind != "date"]
    if undated or with_figures:
        return (undated or with_figures)[0]
    return claims[0] if claims else Claim(sentence=Sentence(text, 0, len(text)), kind="statement")


# -- stored claims -----------------------------------------------------------------------------------

@dataclass
class MatchReport:
    full: int = 0
    incremental: int = 0
    unchanged: int = 0
    candidates: int = 0
    passages: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return (f"matched {self.full} claims in full and {self.incremental} against new passages "
                f"({self.unchanged} unchanged), {self.candidates} candidates from {self.passages} passages, "
                f"in {self.seconds:.1f} s")


def match_stored(store: Store, *, all_claims: bool = False, top: int = MATCH_TOP,
                 progress: Callable[[int], None] | None = None,
                 on_total: Callable[[int], None] | None = None) -> MatchReport:
    """Bring ``matches`` up to date for every stored claim; see the module docstring."""
    started = time.perf_counter()
    index = PassageIndex.for_store(store)
    index.sync(store)
    upto = index.upto
    report = MatchReport(passages=index.count())
    work = []
    for stored in claims_to_match(store):
        if all_claims or stored.changed or stored.passages_upto is None:
            work.append((stored, None))
        elif stored.passages_upto < upto:
            work.append((stored, stored.passages_upto))
        else:
            report.unchanged += 1
    if on_total:
        on_total(len(work))
    if not work:
        report.seconds = time.perf_counter() - started
        return report
    run_id = start_run(store, "match")
    matcher = Matcher(index)
    for offset in range(0, len(work), WRITE_BATCH):
        batch = work[offset:offset + WRITE_BATCH]
        results = {}
        for stored, after in batch:
            candidates = matcher.match(claim_query(stored.claim, stored.published, stored.id), top, after) \
                if report.passages else []
            results[stored.id] = [{name: getattr(c, name) for name in CANDIDATE_FIELDS} for c in candidates]
        incremental = {stored.id for stored, after in batch if after is not None}
        replace_matches(store, results, incremental, upto, top, run_id, utc_now())
        report.full += len(batch) - len(incremental)
        report.incremental += len(incremental)
        if progress:
            progress(len(batch))
    report.candidates = count_matches(store)
    report.seconds = time.perf_counter() - started
    finish_run(store, run_id, claims=report.full + report.incremental, passages=report.passages)
    return report


# -- output ----------------------------------------------------------------------------------------

def match_json(claim: Claim, candidates: list[Candidate], **identity) -> dict:
    """A claim with its candidates as ``workbench match`` and ``match --input`` print them, one shape for
    both: who the claim is (``claim_id`` and ``document`` for a stored claim, ``id`` and ``text`` for an
    input line), its sentence, kind and figure, and the candidates best first."""
    return {**identity, "sentence": {"text": claim.sentence.text}, "kind": claim.kind,
            "quantity": claim.quantity.to_json() if claim.quantity is not None else None,
            "candidates": [candidate.to_json() for candidate in candidates]}


def stored_matches(store: Store, thresholds: MatchThresholds = MatchThresholds()) -> Iterator[dict]:
    """Every stored claim (with its corrections) and its stored candidates, as :func:`match_json`."""
    groups = groupby(stored_candidates(store), key=lambda row: row["claim_id"])
    claim_id, rows = next(groups, (None, ()))
    for stored in claims_to_match(store):  # both in claim id order: a merge
        while claim_id is not None and claim_id < stored.id:
            claim_id, rows = next(groups, (None, ()))
        candidates = []
        if claim_id == stored.id:
            candidates = [Candidate(
                passage_id=row["passage_id"], document_id=row["source_id"], source=row["source"],
                text=row["passage"], start=row["passage_start"], end=row["passage_end"], score=row["score"],
                text_score=row["text_score"], fuzz_score=row["fuzz_score"], figure_score=row["figure_score"],
                relation=row["relation"], why=row["why"], suggested=suggested(row["score"], thresholds),
                preselected=preselected(row["relation"], row["score"], thresholds)) for row in rows]
        yield match_json(stored.claim, candidates, claim_id=stored.id, document=stored.document)