"""Reviewing claims: the queue, a claim in context, verdicts, undo, corrections and manual claims.

Everything a reviewer does is appended, never overwritten: a verdict is a new ``reviews`` row (the
newest per claim is its state), undo is another row that restores the state before the undone one,
and a correction is a ``corrections`` row that ``claims_v`` applies over the original reading.
Every write is one short transaction; a write that cannot be made raises, so the UI can say so and
keep what the reviewer entered.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from workbench.claims import KINDS, QUALIFIERS
from workbench.errors import WorkbenchError
from workbench.store.db import Store, next_id, utc_now

VERDICTS = ("supported", "refuted", "misleading", "unverifiable", "not_a_claim")
VERDICT_LABELS = {"supported": "Supported", "refuted": "Refuted", "misleading": "Misleading",
                  "unverifiable": "Unverifiable", "not_a_claim": "Not a claim"}
STATUSES = ("unreviewed", "reviewed", "all") + VERDICTS
CORRECTABLE = ("kind", "value", "value_max", "unit", "qualifier", "subject", "predicate", "time", "attribution",
               "hedged")


class ReviewError(WorkbenchError):
    """A review action that cannot be taken (unknown claim, missing reviewer, bad value)."""


@dataclass(frozen=True)
class QueueFilter:
    """Which claims the queue shows; every field narrows it."""

    status: str = "unreviewed"
    kinds: tuple[str, ...] = ()
    document_id: int | None = None
    reviewer: str | None = None
    min_checkworthiness: float = 0.0
    text: str = ""

    def where(self) -> tuple[str, list]:
        clauses, params = ["checkworthiness >= ?"], [self.min_checkworthiness]
        if self.status == "reviewed":
            clauses.append("status <> 'unreviewed'")
        elif self.status != "all":
            clauses.append("status = ?")
            params.append(self.status)
        if self.kinds:
            clauses.append("list_contains(?, kind)")
            params.append(list(self.kinds))
        if self.document_id is not None:
            clauses.append("document_id = ?")
            params.append(self.document_id)
        if self.reviewer:
            clauses.append("reviewer = ?")
            params.append(self.reviewer)
        if self.text.strip():
            clauses.append("(sentence ILIKE ? OR coalesce(subject, '') ILIKE ? OR coalesce(quantity, '') ILIKE ?)")
            pattern = f"%{self.text.strip()}%"
            params += [pattern, pattern, pattern]
        return " AND ".join(clauses), params


QUEUE_COLUMNS = ("claim_id", "document", "kind", "quantity", "sentence", "checkworthiness", "status", "reviewer")


def queue(store: Store, filters: QueueFilter = QueueFilter(), limit: int = 50, offset: int = 0) -> list[dict]:
    """One page of the queue, most check-worthy first (paginated in SQL)."""
    where, params = filters.where()
    with store.read() as con:
        rows = con.execute(
            f"SELECT {', '.join(QUEUE_COLUMNS)} FROM claims_v WHERE {where} "
            "ORDER BY checkworthiness DESC, claim_id LIMIT ? OFFSET ?", params + [limit, offset]).fetchall()
    return [dict(zip(QUEUE_COLUMNS, row)) for row in rows]


def queue_count(store: Store, filters: QueueFilter = QueueFilter()) -> int:
    where, params = filters.where()
    with store.read() as con:
        return con.execute(f"SELECT count(*) FROM claims_v WHERE {where}", params).fetchone()[0]


def queue_position(store: Store, filters: QueueFilter, claim_id: int) -> int | None:
    """Where a claim stands in the filtered queue (0-based), or None when the filters leave it out."""
    where, params = filters.where()
    with store.read() as con:
        row = con.execute(f"SELECT checkworthiness FROM claims_v WHERE claim_id = ? AND {where}",
                          [claim_id] + params).fetchone()
        if row is None:
            return None
        return con.execute(f"SELECT count(*) FROM claims_v WHERE {where} AND (checkworthiness > ? OR "
                           "(checkworthiness = ? AND claim_id < ?))", params + [row[0], row[0], claim_id]
                           ).fetchone()[0]


@dataclass
class ClaimDetail:
    """A claim with what a reviewer needs: its reading, context, evidence candidates and history."""

    claim: dict
    before: str | None
    after: str | None
    candidates: list[dict] = field(default_factory=list)
    history: list[dict] = field(default_factory=list)
    corrections: list[dict] = field(default_factory=list)


def _dicts(cursor) -> list[dict]:
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def claim_detail(store: Store, claim_id: int) -> ClaimDetail:
    with store.read() as con:
        rows = _dicts(con.execute("SELECT * FROM claims_v WHERE claim_id = ?", [claim_id]))
        if not rows:
            raise ReviewError(f"claim {claim_id} does not exist")
        claim = rows[0]
        seq = con.execute("SELECT seq FROM segments WHERE id = ?", [claim["segment_id"]]).fetchone()[0]
        neighbours = dict(con.execute(
            "SELECT seq, text FROM segments WHERE document_id = ? AND seq IN (?, ?)",
            [claim["document_id"], seq - 1, seq + 1]).fetchall())
        candidates = _dicts(con.execute(
            "SELECT m.*, (SELECT list({'text': q.text, 'start': q.char_start, 'end': q.char_end} "
            "ORDER BY q.char_start) FROM quantities q WHERE q.segment_id = m.passage_id) AS figures "
            "FROM matches_v m WHERE claim_id = ? ORDER BY rank", [claim_id]))
        history = _dicts(con.execute(
            "SELECT review_id, reviewer, action, verdict, note, evidence, undoes, created_at FROM reviews_v "
            "WHERE claim_id = ? ORDER BY review_id DESC", [claim_id]))
        corrections = _dicts(con.execute(
            "SELECT id, field, old_value, new_value, reviewer, created_at FROM corrections WHERE claim_id = ? "
            "ORDER BY id DESC", [claim_id]))
    return ClaimDetail(claim, neighbours.get(seq - 1), neighbours.get(seq + 1), candidates, history, corrections)


@dataclass(frozen=True)
class Evidence:
    """What a verdict rests on: chosen passages, and/or a quote with its URL."""

    passages: tuple[int, ...] = ()
    quote: str | None = None
    url: str | None = None

    def to_json(self) -> str:
        return json.dumps({"passages": list(self.passages), "quote": self.quote or None, "url": self.url or None})


def _require_reviewer(reviewer: str | None) -> str:
    name = (reviewer or "").strip()
    if not name:
        raise ReviewError("a reviewer name is required before the first verdict")
    return name


def _require_claim(con, claim_id: int) -> None:
    if not con.execute("SELECT count(*) FROM claims WHERE id = ?", [claim_id]).fetchone()[0]:
        raise ReviewError(f"claim {claim_id} does not exist")


def save_verdict(store: Store, claim_id: int, reviewer: str, verdict: str, note: str | None = None,
                 evidence: Evidence = Evidence()) -> int:
    """Record a verdict (a new row; earlier verdicts stay) and return its review id."""
    reviewer = _require_reviewer(reviewer)
    if verdict not in VERDICTS:
        raise ReviewError(f"unknown verdict {verdict!r} (one of {', '.join(VERDICTS)})")
    if evidence.url and not evidence.url.startswith(("http://", "https://")):
        raise ReviewError(f"evidence URL must start with http:// or https:// ({evidence.url[:60]!r})")
    with store.write() as con:
        _require_claim(con, claim_id)
        review_id = next_id(con, "reviews")
        con.execute("INSERT INTO reviews (id, claim_id, reviewer, action, verdict, note, evidence, created_at) "
                    "VALUES (?, ?, ?, 'verdict', ?, ?, ?, ?)",
                    [review_id, claim_id, reviewer, verdict, (note or "").strip() or None, evidence.to_json(),
                     utc_now()])
    return review_id


def undo_last(store: Store, reviewer: str) -> dict | None:
    """Undo the reviewer's newest verdict that is still in force: a new row restores the claim's state before it.

    Returns ``{"claim_id", "undone", "restored"}``, or None when there is nothing to undo.
    """
    reviewer = _require_reviewer(reviewer)
    with store.write() as con:
        undone = con.execute(
            "SELECT r.id, r.claim_id FROM reviews r WHERE r.reviewer = ? AND r.action = 'verdict' "
            "AND NOT EXISTS (SELECT 1 FROM reviews u WHERE u.undoes = r.id) "
            "AND r.id = (SELECT max(id) FROM reviews x WHERE x.claim_id = r.claim_id) "
            "ORDER BY r.id DESC LIMIT 1", [reviewer]).fetchone()
        if undone is None:
            return None
        review_id, claim_id = undone
        before = con.execute(
            "SELECT verdict, note, evidence FROM reviews WHERE claim_id = ? AND id < ? ORDER BY id DESC LIMIT 1",
            [claim_id, review_id]).fetchone()
        verdict, note, evidence = before if before else (None, None, None)
        con.execute("INSERT INTO reviews (id, claim_id, reviewer, action, verdict, note, evidence, undoes, created_at)"
                    " VALUES (?, ?, ?, 'undo', ?, ?, ?, ?, ?)",
                    [next_id(con, "reviews"), claim_id, reviewer, verdict, note, evidence, review_id, utc_now()])
    return {"claim_id": claim_id, "undone": review_id, "restored": verdict}


def _normalise_correction(field_name: str, value: str | None) -> str | None:
    value = None if value is None or str(value).strip() == "" else str(value).strip()
    if field_name not in CORRECTABLE:
        raise ReviewError(f"{field_name!r} cannot be corrected (one of {', '.join(CORRECTABLE)})")
    if value is None:
        if field_name in ("kind", "value", "hedged"):
            raise ReviewError(f"{field_name} cannot be empty")
        return None
    if field_name in ("value", "value_max"):
        try:
            return repr(float(value.replace(",", "")))
        except ValueError:
            raise ReviewError(f"{field_name} must be a number, not {value!r}") from None
    if field_name == "kind" and value not in KINDS:
        raise ReviewError(f"kind must be one of {', '.join(KINDS)}")
    if field_name == "qualifier" and value not in QUALIFIERS:
        raise ReviewError(f"qualifier must be one of {', '.join(QUALIFIERS)} or empty")
    if field_name == "hedged":
        if value.lower() not in ("true", "false"):
            raise ReviewError("hedged must be true or false")
        return value.lower()
    return value


def correct(store: Store, claim_id: int, reviewer: str, changes: dict[str, str | None]) -> int:
    """Record corrections of a claim's reading (the original stays); returns how many fields changed."""
    reviewer = _require_reviewer(reviewer)
    normalised = {name: _normalise_correction(name, value) for name, value in changes.items()}
    with store.write() as con:
        _require_claim(con, claim_id)
        current = _dicts(con.execute(f"SELECT {', '.join(CORRECTABLE)} FROM claims_v WHERE claim_id = ?",
                                     [claim_id]))[0]
        changed = 0
        for name, value in normalised.items():
            old = current[name]
            old_text = None if old is None else (str(old).lower() if isinstance(old, bool) else
                                                 repr(float(old)) if name in ("value", "value_max") else str(old))
            if old_text == value:
                continue
            con.execute("INSERT INTO corrections VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [next_id(con, "corrections"), claim_id, name, old_text, value, reviewer, utc_now()])
            changed += 1
    return changed


def add_manual_claim(store: Store, segment_id: int, reviewer: str, figure_text: str | None = None,
                     kind: str = "statement", value: float | None = None, unit: str | None = None,
                     qualifier: str | None = None, subject: str | None = None) -> int:
    """Add a claim the extractor missed: a sentence, and optionally the figure in it with its reading."""
    reviewer = _require_reviewer(reviewer)
    if kind not in KINDS:
        raise ReviewError(f"kind must be one of {', '.join(KINDS)}")
    if qualifier and qualifier not in QUALIFIERS:
        raise ReviewError(f"qualifier must be one of {', '.join(QUALIFIERS)} or empty")
    with store.write() as con:
        row = con.execute("SELECT document_id, char_start, text, checkworthiness FROM segments WHERE id = ? "
                          "AND kind = 'sentence'", [segment_id]).fetchone()
        if row is None:
            raise ReviewError(f"sentence {segment_id} does not exist")
        document_id, sentence_start, sentence, score = row
        figure_start = None
        if figure_text:
            if kind == "statement" or value is None:
                raise ReviewError("a figure needs its kind and value")
            offset = sentence.find(figure_text)
            if offset < 0:
                raise ReviewError(f"{figure_text!r} is not in the sentence")
            figure_start = sentence_start + offset
        elif kind != "statement":
            raise ReviewError("name the figure in the sentence, or add the claim as a statement")
        claim_id = next_id(con, "claims")
        con.execute("INSERT INTO claims (id, document_id, segment_id, kind, subject, checkworthiness, origin, "
                    "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, 'manual', ?, ?)",
                    [claim_id, document_id, segment_id, kind, (subject or "").strip() or None, score, reviewer,
                     utc_now()])
        if figure_start is not None:
            con.execute("INSERT INTO quantities (id, segment_id, claim_id, text, char_start, char_end, value, unit, "
                        "kind, qualifier, subject) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [next_id(con, "quantities"), segment_id, claim_id, figure_text, figure_start,
                         figure_start + len(figure_text), float(value), (unit or "").strip() or None, kind,
                         qualifier or None, (subject or "").strip() or None])
    return claim_id
