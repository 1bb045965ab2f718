"""Matching claims to evidence: retrieve, rerank, relate; for stored claims, incrementally.

:class:`Matcher` answers one claim: BM25 over the passages with the claim's words plus the passages
sharing its figures' terms, reranked (``rank.py``) and labelled (``relation.py``). :func:`match_stored`
keeps ``matches`` current for every stored claim: new or corrected claims are matched in full, older
claims only against passages added since they were last matched, and ``--all`` recomputes everything.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, replace

from workbench.match.figures import Figure, counted
from workbench.match.index import PassageIndex, figure_terms, query_terms
from workbench.match.rank import ClaimQuery, Scored, rerank
from workbench.match.relation import SUPPORTS, relate
from workbench.settings import MATCH_POOL, MATCH_TOP, MatchThresholds, MatchWeights
from workbench.store.db import Store, insert_rows, utc_now
from workbench.store.runs import finish_run, start_run

WRITE_BATCH = 500
MATCH_COLUMNS = ("claim_id", "segment_id", "rank", "score", "text_score", "fuzz_score", "figure_score", "relation",
                 "why", "computed_at", "run_id")


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
    text_score: float
    fuzz_score: float
    figure_score: float
    relation: str
    why: str
    suggested: bool
    preselected: bool

    def to_json(self) -> dict:
        return {key: value for key, value in asdict(self).items() if key != "document_id"}


class Matcher:
    """Matches claims against one passage index; load it once, ask many times."""

    def __init__(self, index: PassageIndex, weights: MatchWeights = MatchWeights(),
                 thresholds: MatchThresholds = MatchThresholds(), pool: int = MATCH_POOL):
        self.index = index
        self.weights = weights
        self.thresholds = thresholds
        self.pool = pool

    def match(self, claim: ClaimQuery, top: int = MATCH_TOP, after: int | None = None) -> list[Candidate]:
        # The claim's own words, unweighted: evidence names its subject in other words often enough that
        # weighting the subject up favours passages that copy the claim's wording (bench/retrieval_eval.py).
        tokens = list(dict.fromkeys(term for figure in claim.compared for term in figure_terms(figure)))
        hits = self.index.search(query_terms(claim.text), tokens, self.pool, after)
        return [self.candidate(claim, scored) for scored in rerank(claim, hits, self.weights)[:top]]

    def candidate(self, claim: ClaimQuery, scored: Scored) -> Candidate:
        relation, why = relate(claim, scored)
        hit = scored.hit
        return Candidate(
            passage_id=hit.passage_id, document_id=hit.document_id, source=hit.source, text=hit.text,
            start=hit.start, end=hit.end, score=scored.score, text_score=scored.text_score,
            fuzz_score=scored.fuzz_score, figure_score=scored.figure_score, relation=relation, why=why,
            suggested=suggested(scored.score, self.thresholds),
            preselected=preselected(relation, scored.score, self.thresholds))


def query_from_extraction(text: str, claims: list, id=None) -> ClaimQuery:
    """An ad-hoc claim sentence, read through the extraction pipeline: all its figures count; the first
    one's subject and predicate stand for the claim."""
    with_figures = [c for c in claims if c.quantity is not None]
    first = with_figures[0] if with_figures else (claims[0] if claims else None)
    figures = tuple(replace(Figure.of(c.quantity), predicate=c.predicate) for c in with_figures)
    return ClaimQuery(
        text=text, id=id, subject=first.subject if first else None, predicate=first.predicate if first else None,
        figures=figures, unit=counted_noun(figures[0] if figures else None),
        entities=tuple(first.entities) if first else (), when=time_figure(first.time) if first else None)


# -- stored claims -----------------------------------------------------------------------------------

CLAIMS_SQL = """
SELECT c.claim_id, c.sentence, c.subject, c.predicate, c.kind, c.quantity, c.value, c.value_max, c.unit,
       c.qualifier, c.iso, c.implied, c.implied_qualifier, c.implied_start,
       coalesce(c.entities, []) AS entities, c.time,
       CAST(c.published AS VARCHAR) AS published, s.passages_upto,
       (s.claim_id IS NULL OR (SELECT max(created_at) FROM corrections k WHERE k.claim_id = c.claim_id)
                               > s.matched_at) AS changed
FROM claims_v c
LEFT JOIN match_state s ON s.claim_id = c.claim_id
ORDER BY c.claim_id
"""


def stored_query(row: tuple) -> ClaimQuery:
    (claim_id, sentence, subject, predicate, kind, quantity, value, value_max, unit, qualifier, iso, implied,
     implied_qualifier, implied_start, entities, time, published, *_rest) = row
    figure = None
    if quantity is not None and value is not None:
        figure = Figure(kind=kind, unit=unit, value=value, value_max=value_max, qualifier=qualifier,
                        implied=implied, implied_qualifier=implied_qualifier,
                        implied_start=bool(implied_start), iso=iso, text=quantity,
                        predicate=predicate)
    return ClaimQuery(text=sentence, subject=subject, predicate=predicate, figures=(figure,) if figure else (),
                      unit=counted_noun(figure), entities=tuple(entities), id=claim_id,
                      when=time_figure(time) if time != published else None)


def time_figure(time: str | None) -> Figure | None:
    """A claim's time as a date figure, when the sentence gave one ("2024", "2024-10"); the document's own
    date, the fallback for every sentence without one, says nothing and is left out by the caller."""
    if not time or not time[:4].isdigit():
        return None
    return Figure("date", "year", float(time[:4]), iso=time, text=time)


def counted_noun(figure: Figure | None) -> str | None:
    """What a count counts (a death toll counts deaths), which a passage about the same thing must name;
    other kinds of figure have none."""
    return counted(figure) if figure is not None and figure.kind == "count" else None


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


def _merge(old: list[dict], new: list[Candidate], top: int) -> list[dict]:
    rows = {row["passage_id"]: row for row in old}
    for candidate in new:
        rows[candidate.passage_id] = _row(candidate)
    return sorted(rows.values(), key=lambda r: (-r["score"], r["passage_id"]))[:top]


def _row(candidate: Candidate) -> dict:
    return {"passage_id": candidate.passage_id, "score": candidate.score, "text_score": candidate.text_score,
            "fuzz_score": candidate.fuzz_score, "figure_score": candidate.figure_score,
            "relation": candidate.relation, "why": candidate.why}


def match_stored(store: Store, *, all_claims: bool = False, top: int = MATCH_TOP,
                 progress: Callable[[int], None] | None = None,
                 on_total: Callable[[int], None] | None = None) -> MatchReport:
    """Bring ``matches`` up to date for every stored claim; see the module docstring."""
    started = time.perf_counter()
    index = PassageIndex.for_store(store)
    index.sync(store)
    upto = index.upto
    report = MatchReport(passages=index.count())
    with store.read() as con:
        rows = con.execute(CLAIMS_SQL).fetchall()
    work = []
    for row in rows:
        passages_upto, changed = row[-2], row[-1]
        if all_claims or changed or passages_upto is None:
            work.append((stored_query(row), None))
        elif passages_upto < upto:
            work.append((stored_query(row), passages_upto))
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
        results = [(claim, after, matcher.match(claim, top, after) if report.passages else [])
                   for claim, after in batch]
        _write(store, results, upto, top, run_id)
        report.full += sum(1 for _, after, _ in results if after is None)
        report.incremental += sum(1 for _, after, _ in results if after is not None)
        if progress:
            progress(len(batch))
    with store.read() as con:
        report.candidates = con.execute("SELECT count(*) FROM matches").fetchone()[0]
    report.seconds = time.perf_counter() - started
    finish_run(store, run_id, claims=report.full + report.incremental, passages=report.passages)
    return report


def _write(store: Store, results: list[tuple[ClaimQuery, int | None, list[Candidate]]], upto: int, top: int,
           run_id: int) -> None:
    now = utc_now()
    ids = [claim.id for claim, _, _ in results]
    with store.write() as con:
        old: dict[int, list[dict]] = {}
        incremental = [claim.id for claim, after, _ in results if after is not None]
        if incremental:
            columns = ["claim_id", "passage_id", "score", "text_score", "fuzz_score", "figure_score", "relation",
                       "why"]
            for row in con.execute(f"SELECT {', '.join(c if c != 'passage_id' else 'segment_id' for c in columns)} "
                                   "FROM matches WHERE list_contains(?, claim_id)", [incremental]).fetchall():
                old.setdefault(row[0], []).append(dict(zip(columns[1:], row[1:])))
        con.execute("DELETE FROM matches WHERE list_contains(?, claim_id)", [ids])
        rows: dict[str, list] = {name: [] for name in MATCH_COLUMNS}
        for claim, after, candidates in results:
            merged = _merge(old.get(claim.id, []), candidates, top) if after is not None else \
                [_row(c) for c in candidates]
            for rank, row in enumerate(merged, start=1):
                record = {**row, "claim_id": claim.id, "segment_id": row["passage_id"], "rank": rank,
                          "computed_at": now, "run_id": run_id}
                for name in MATCH_COLUMNS:
                    rows[name].append(record[name])
        insert_rows(con, "matches", rows)
        insert_rows(con, "match_state", {"claim_id": ids, "matched_at": [now] * len(ids),
                                         "passages_upto": [upto] * len(ids)}, or_replace=True)


# -- output ----------------------------------------------------------------------------------------

OUTPUT_SQL = """
SELECT c.claim_id, c.document, c.sentence, c.quantity, c.value, c.unit, c.kind,
       m.passage_id, m.source, m.passage, m.passage_start, m.passage_end, m.score, m.relation, m.why
FROM claims_v c
LEFT JOIN matches_v m ON m.claim_id = c.claim_id
ORDER BY c.claim_id, m.rank
"""


def stored_matches(store: Store, thresholds: MatchThresholds = MatchThresholds()) -> Iterable[dict]:
    """Every claim with its stored candidates, in the contract's JSON shape."""
    with store.read() as con:
        rows = con.execute(OUTPUT_SQL).fetchall()
    current: dict | None = None
    for (claim_id, document, sentence, quantity, value, unit, kind, passage_id, source, passage, start, end, score,
         relation, why) in rows:
        if current is None or current["claim_id"] != claim_id:
            if current is not None:
                yield current
            current = {"claim_id": claim_id, "document": document, "sentence": {"text": sentence},
                       "quantity": None if quantity is None else
                       {"text": quantity, "value": value, "unit": unit, "kind": kind},
                       "kind": kind, "candidates": []}
        if passage_id is not None:
            current["candidates"].append({
                "passage_id": passage_id, "source": source, "text": passage, "start": start, "end": end,
                "score": score, "relation": relation, "why": why, "suggested": suggested(score, thresholds),
                "preselected": preselected(relation, score, thresholds)})
    if current is not None:
        yield current

