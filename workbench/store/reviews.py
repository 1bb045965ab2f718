"""Reviews in the database: the queue, a claim in context, verdicts, undo, corrections, manual claims, progress.

What a reviewer does is appended, never overwritten: a verdict is a new ``reviews`` row, undo another row,
a correction a ``corrections`` row that ``claims_v`` applies over the extracted reading. The rules a write
must pass first live in :mod:`workbench.review`; each function here is one short read or one transaction.
A ``sentence_id`` (an article's sentence) and a ``passage_id`` (a source's passage) are both ids of
``segments`` rows, which the tables call ``segment_id``.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from workbench.errors import ReviewError
from workbench.store import queue as review_queue
from workbench.store.db import Store, next_id, records, utc_now

#: The fields of a claim's reading a reviewer may correct; ``claims_v`` applies the newest correction of each.
#: ``wording`` is how the claim is worded for publication (ClaimReview's ``claimReviewed``), not part of the reading.
CORRECTABLE = ("kind", "value", "value_max", "unit", "qualifier", "subject", "predicate", "time", "attribution",
               "hedged", "wording")
QUEUE_COLUMNS = ("claim_id", "document", "kind", "quantity", "sentence", "checkworthiness", "priority", "status",
                 "reviewer")
#: The queue's order: ``claims_v.priority`` (the sentence's check-worthiness, dates that only time another figure
#: after the figures they time, the document's own date last), then dates after other claims of equal priority.
QUEUE_ORDER = "priority DESC, dates, claim_id"


@dataclass(frozen=True)
class QueueFilter:
    """Which claims the queue shows; every field narrows it."""

    status: str = "unreviewed"  # a verdict, "unreviewed", "reviewed" (any verdict) or "all"
    kinds: tuple[str, ...] = ()
    document_id: int | None = None
    reviewer: str | None = None
    min_checkworthiness: float = 0.0  # of the claim's queue priority (``claims_v.priority``)
    text: str = ""
    #: Only claims assigned to this reviewer and awaiting their verdict (``assignments_v.pending``); with it, the
    #: status "unreviewed" means awaiting them: new, or sent back for correction though it has a verdict.
    assignee: str | None = None
    pool: bool = False  # only claims nobody is assigned
    #: Only claims whose second, blind review is due and that this reviewer did not decide (``review_rounds_v``);
    #: with it too, "unreviewed" means awaiting them.
    second_for: str | None = None


def _where(filters: QueueFilter) -> tuple[str, list]:
    """The filters as a condition on ``review_queue`` (see :mod:`workbench.store.queue`), and its parameters."""
    clauses, params = ["priority >= ?"], [filters.min_checkworthiness]
    if filters.assignee is not None:
        clauses.append("assignee = ? AND pending")
        params.append(filters.assignee)
    if filters.pool:
        clauses.append("assignee IS NULL")
    if filters.second_for is not None:
        clauses.append("second_due AND NOT list_contains(deciders, ?)")
        params.append(filters.second_for)
    awaiting = filters.assignee is not None or filters.second_for is not None
    if filters.status == "reviewed":
        clauses.append("status <> 'unreviewed'")
    elif filters.status not in ("all", "unreviewed" if awaiting else "all"):
        clauses.append("status = ?")
        params.append(filters.status)
    if filters.kinds:
        clauses.append("list_contains(?, kind)")
        params.append(list(filters.kinds))
    if filters.document_id is not None:
        clauses.append("document_id = ?")
        params.append(filters.document_id)
    if filters.reviewer:
        clauses.append("reviewer = ?")
        params.append(filters.reviewer)
    if filters.text.strip():
        clauses.append("(segment_id IN (SELECT id FROM segments WHERE text ILIKE ?) OR coalesce(subject, '') ILIKE ? "
                       "OR coalesce(quantity, '') ILIKE ?)")
        pattern = f"%{filters.text.strip()}%"
        params += [pattern, pattern, pattern]
    return " AND ".join(clauses), params


def queue(store: Store, filters: QueueFilter = QueueFilter(), limit: int = 50, offset: int = 0) -> list[dict]:
    """One page of the queue (:data:`QUEUE_COLUMNS`) in :data:`QUEUE_ORDER`: the page is picked from
    ``review_queue`` (paginated in SQL), then only its rows are joined to their document and sentence."""
    where, params = _where(filters)
    return store.records(
        f"WITH page AS (SELECT * FROM review_queue WHERE {where} ORDER BY {QUEUE_ORDER} LIMIT ? OFFSET ?) "
        "SELECT p.claim_id, d.title AS document, p.kind, p.quantity, s.text AS sentence, p.checkworthiness, "
        "p.priority, p.status, p.reviewer FROM page p JOIN documents d ON d.id = p.document_id "
        f"JOIN segments s ON s.id = p.segment_id ORDER BY {QUEUE_ORDER}",
        params + [limit, offset])


def queue_count(store: Store, filters: QueueFilter = QueueFilter()) -> int:
    where, params = _where(filters)
    return store.value(f"SELECT count(*) FROM review_queue WHERE {where}", params)


def queue_position(store: Store, filters: QueueFilter, claim_id: int) -> int | None:
    """Where a claim stands in the filtered queue (0-based), or None when the filters leave it out."""
    where, params = _where(filters)
    found = store.records(f"SELECT position FROM (SELECT claim_id, row_number() OVER (ORDER BY {QUEUE_ORDER}) - 1 "
                          f"AS position FROM review_queue WHERE {where}) WHERE claim_id = ?", params + [claim_id])
    return found[0]["position"] if found else None


@dataclass(frozen=True)
class ClaimDetail:
    """A claim with what a reviewer needs: its reading (a ``claims_v`` row), the sentences around it, evidence
    candidates (``matches_v`` rows with the passage's ``figures``), its verdicts and its corrections, newest first."""

    claim: dict
    before: str | None
    after: str | None
    candidates: list[dict] = field(default_factory=list)
    history: list[dict] = field(default_factory=list)
    corrections: list[dict] = field(default_factory=list)


def _reading(con, claim_id: int, columns: str = "*") -> dict | None:
    """A claim's ``claims_v`` row (``columns`` of it), computed from its sentence's claims alone."""
    return next(records(con.execute(f"SELECT {columns} FROM claims_of(?) WHERE claim_id = ?",
                                    [review_queue.sentence_claims(con, [claim_id]), claim_id])), None)


def claim_detail(store: Store, claim_id: int) -> ClaimDetail:
    with store.read() as con:
        claim = _reading(con, claim_id)
        if claim is None:
            raise ReviewError(f"claim {claim_id} does not exist")
        around = next(records(con.execute(
            "SELECT b.text AS before, a.text AS after FROM segments s "
            "LEFT JOIN segments b ON b.document_id = s.document_id AND b.seq = s.seq - 1 "
            "LEFT JOIN segments a ON a.document_id = s.document_id AND a.seq = s.seq + 1 "
            "WHERE s.id = ?", [claim["segment_id"]])))
        candidates = list(records(con.execute(
            "SELECT m.*, (SELECT list({'text': q.text, 'start': q.char_start, 'end': q.char_end} "
            "ORDER BY q.char_start) FROM quantities q WHERE q.segment_id = m.passage_id) AS figures "
            "FROM matches_v m WHERE claim_id = ? ORDER BY rank", [claim_id])))
        history = list(records(con.execute(
            "SELECT review_id, reviewer, action, verdict, note, evidence, undoes, created_at FROM reviews_v "
            "WHERE claim_id = ? ORDER BY review_id DESC", [claim_id])))
        corrections = list(records(con.execute(
            "SELECT id, field, old_value, new_value, reviewer, created_at FROM corrections WHERE claim_id = ? "
            "ORDER BY id DESC", [claim_id])))
    return ClaimDetail(claim, around["before"], around["after"], candidates, history, corrections)


# -- writes --------------------------------------------------------------------------------------

def _require_claim(con, claim_id: int) -> None:
    if not con.execute("SELECT count(*) FROM claims WHERE id = ?", [claim_id]).fetchone()[0]:
        raise ReviewError(f"claim {claim_id} does not exist")


def _append_review(con, claim_id: int, reviewer: str, action: str, verdict: str | None, note: str | None,
                   evidence: str | None, undoes: int | None = None) -> int:
    review_id = next_id(con, "reviews")
    con.execute("INSERT INTO reviews (id, claim_id, reviewer, action, verdict, note, evidence, undoes, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [review_id, claim_id, reviewer, action, verdict, note, evidence, undoes, utc_now()])
    return review_id


def _require_passages(con, passage_ids: Sequence[int]) -> None:
    found = {row[0] for row in con.execute("SELECT id FROM segments WHERE kind = 'passage' AND list_contains(?, id)",
                                           [list(passage_ids)]).fetchall()}
    missing = [passage_id for passage_id in passage_ids if passage_id not in found]
    if missing:
        raise ReviewError(f"passage {missing[0]} does not exist (evidence is a source's passage)")


def add_verdict(store: Store, claim_id: int, reviewer: str, verdict: str, note: str | None,
                evidence: str, passage_ids: Sequence[int] = ()) -> int:
    """Append a verdict (``evidence`` as its JSON text, naming the passages ``passage_ids``, which must exist)
    and return its review id."""
    with store.write() as con:
        _require_claim(con, claim_id)
        _require_passages(con, passage_ids)
        review_id = _append_review(con, claim_id, reviewer, "verdict", verdict, note, evidence)
        review_queue.refresh(con, [claim_id])
        return review_id


def undo_last_verdict(store: Store, reviewer: str) -> dict | None:
    """Undo the reviewer's newest verdict that is still in force: a new row, by ``reviewer``, restores the
    claim's state before it. Returns ``{"claim_id", "undone", "restored", "note", "evidence"}`` (the note and
    the evidence JSON of the verdict undone, so the reviewer can take it up again), or None when there is none.

    Only a claim's newest row can be undone, so the claim's state is always its newest verdict that no undo
    reverted, still credited to whoever gave it (``claims_v``)."""
    with store.write() as con:
        undone = next(records(con.execute(
            "SELECT r.id, r.claim_id, r.note, r.evidence FROM reviews r WHERE r.reviewer = ? AND r.action = 'verdict' "
            "AND NOT EXISTS (SELECT 1 FROM reviews u WHERE u.undoes = r.id) "
            "AND r.id = (SELECT max(id) FROM reviews x WHERE x.claim_id = r.claim_id) "
            "ORDER BY r.id DESC LIMIT 1", [reviewer])), None)
        if undone is None:
            return None
        before = next(records(con.execute(
            "SELECT verdict, note, evidence FROM reviews WHERE claim_id = ? AND id < ? ORDER BY id DESC LIMIT 1",
            [undone["claim_id"], undone["id"]])), {})
        _append_review(con, undone["claim_id"], reviewer, "undo", before.get("verdict"), before.get("note"),
                       before.get("evidence"), undoes=undone["id"])
        review_queue.refresh(con, [undone["claim_id"]])
    return {"claim_id": undone["claim_id"], "undone": undone["id"], "restored": before.get("verdict"),
            "note": undone["note"], "evidence": undone["evidence"]}


def _as_stored_text(value) -> str | None:
    """A reading's value as ``corrections`` stores it (and ``claims_v`` casts it back)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    return repr(value) if isinstance(value, float) else str(value)


def add_corrections(store: Store, claim_id: int, reviewer: str, changes: dict[str, str | None]) -> int:
    """Append a correction for each change (a :data:`CORRECTABLE` field → its new value as stored text) that
    differs from the claim's current reading; returns how many. The original reading stays."""
    with store.write() as con:
        _require_claim(con, claim_id)
        current = _reading(con, claim_id, ", ".join(CORRECTABLE))
        changed = 0
        for name, value in changes.items():
            old = _as_stored_text(current[name])
            if old == value:
                continue
            con.execute("INSERT INTO corrections (id, claim_id, field, old_value, new_value, reviewer, created_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [next_id(con, "corrections"), claim_id, name, old, value, reviewer, utc_now()])
            changed += 1
        if changed:
            review_queue.refresh(con, [claim_id])
    return changed


def add_manual_claim(store: Store, sentence_id: int, reviewer: str, kind: str, subject: str | None,
                     figure_text: str | None = None, value: float | None = None, unit: str | None = None,
                     qualifier: str | None = None) -> int:
    """Add a claim on an article's sentence, with the figure ``figure_text`` (found in the sentence) and its
    reading when given, and return its id."""
    with store.write() as con:
        sentence = next(records(con.execute(
            "SELECT document_id, char_start, text, checkworthiness FROM segments WHERE id = ? AND kind = 'sentence'",
            [sentence_id])), None)
        if sentence is None:
            raise ReviewError(f"sentence {sentence_id} does not exist")
        figure_start = None
        if figure_text:
            offset = sentence["text"].find(figure_text)
            if offset < 0:
                raise ReviewError(f"{figure_text!r} is not in the sentence")
            figure_start = sentence["char_start"] + offset
        claim_id = next_id(con, "claims")
        con.execute("INSERT INTO claims (id, document_id, segment_id, kind, subject, checkworthiness, origin, "
                    "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, 'manual', ?, ?)",
                    [claim_id, sentence["document_id"], sentence_id, kind, subject, sentence["checkworthiness"],
                     reviewer, utc_now()])
        if figure_start is not None:
            con.execute("INSERT INTO quantities (id, segment_id, claim_id, text, char_start, char_end, value, unit, "
                        "kind, qualifier, subject) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [next_id(con, "quantities"), sentence_id, claim_id, figure_text, figure_start,
                         figure_start + len(figure_text), value, unit, kind, qualifier, subject])
        review_queue.refresh(con, [claim_id])
    return claim_id


# -- progress ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReviewProgress:
    """How far review has got, as the dashboard shows it; each list holds dicts with the keys named."""

    claims: int
    reviewed: int
    reviewers: int
    per_document: list[dict]  # document, state ("reviewed" or "unreviewed"), claims
    per_reviewer: list[dict]  # reviewer, claims (current verdicts), most first
    per_verdict: list[dict]  # status (the verdict), claims
    relations: list[dict]  # relation, claims: of each claim's best evidence candidate
    per_day: list[dict]  # day, reviews: verdicts given that day


def review_progress(store: Store) -> ReviewProgress:
    with store.read() as con:
        def rows(sql: str) -> list[dict]:
            return list(records(con.execute(sql)))

        totals = rows("SELECT count(*) AS claims, count(*) FILTER (status <> 'unreviewed') AS reviewed, "
                      "count(DISTINCT reviewer) AS reviewers FROM claims_v")[0]
        return ReviewProgress(
            **totals,
            per_document=rows("SELECT document, CASE WHEN status = 'unreviewed' THEN 'unreviewed' ELSE 'reviewed' "
                              "END AS state, count(*) AS claims FROM claims_v GROUP BY ALL ORDER BY document"),
            per_reviewer=rows("SELECT reviewer, count(*) AS claims FROM claims_v WHERE status <> 'unreviewed' "
                              "GROUP BY reviewer ORDER BY claims DESC"),
            per_verdict=rows("SELECT status, count(*) AS claims FROM claims_v WHERE status <> 'unreviewed' "
                             "GROUP BY status"),
            relations=rows("SELECT relation, count(*) AS claims FROM matches_v WHERE rank = 1 GROUP BY relation"),
            per_day=rows("SELECT CAST(date_trunc('day', created_at) AS DATE) AS day, count(*) AS reviews "
                         "FROM reviews WHERE action = 'verdict' GROUP BY ALL ORDER BY day"))
