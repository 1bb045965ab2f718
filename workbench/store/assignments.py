"""Assignments in the database: who is to review which claim, and who said so.

Append-only like the reviews: assigning, reassigning and sending back for correction each add an
``assignments`` row, and a claim's newest row is its assignment (``assignments_v``, with ``pending`` while no
verdict given since is in force). The rules (who may assign, which claims a filter selects) live in
:mod:`workbench.team`.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyarrow as pa

from workbench.errors import ReviewError
from workbench.store import queue
from workbench.store.db import Store, records, utc_now

#: A claim has a verdict in force: some verdict of it that no undo reverted (``claims_v.status`` is not unreviewed).
_DECIDED = ("EXISTS (SELECT 1 FROM reviews v WHERE v.claim_id = {claim} AND v.action = 'verdict' "
            "AND NOT EXISTS (SELECT 1 FROM reviews u WHERE u.undoes = v.id))")


@dataclass(frozen=True)
class Assigned:
    """What an assignment did: claims now assigned, and those left alone because they already have a verdict."""

    assigned: int
    reviewed: int


def document_claims(store: Store, document_id: int) -> list[int]:
    """The claims of an article, in id order; an id that is no article is refused."""
    with store.read() as con:
        if not con.execute("SELECT count(*) FROM documents WHERE id = ? AND kind = 'article'",
                           [document_id]).fetchone()[0]:
            raise ReviewError(f"document {document_id} is not an article (its claims are what is assigned)")
        return [row[0] for row in con.execute("SELECT id FROM claims WHERE document_id = ? ORDER BY id",
                                              [document_id]).fetchall()]


def assign(store: Store, claim_ids: Sequence[int], reviewer: str, assigned_by: str) -> Assigned:
    """Assign each claim that has no verdict in force to ``reviewer`` (replacing any earlier assignment), in one
    transaction; claims that have one are counted and left alone (send them back to have them reviewed again)."""
    with store.write() as con:
        con.register("_assign_ids", pa.table({"claim_id": pa.array(sorted(set(claim_ids)), pa.int64())}))
        try:
            missing = con.execute("SELECT min(i.claim_id) FROM _assign_ids i LEFT JOIN claims c ON c.id = i.claim_id "
                                  "WHERE c.id IS NULL").fetchone()[0]
            if missing is not None:
                raise ReviewError(f"claim {missing} does not exist")
            reviewed = con.execute(f"SELECT count(*) FROM _assign_ids i WHERE {_DECIDED.format(claim='i.claim_id')}"
                                   ).fetchone()[0]
            assigned = con.execute(
                "INSERT INTO assignments (id, claim_id, reviewer, assigned_by, assigned_at, state) "
                "SELECT (SELECT coalesce(max(id), 0) FROM assignments) + row_number() OVER (ORDER BY i.claim_id), "
                f"i.claim_id, ?, ?, ?, 'assigned' FROM _assign_ids i WHERE NOT {_DECIDED.format(claim='i.claim_id')}",
                [reviewer, assigned_by, utc_now()]).fetchone()[0]
            queue.refresh(con, [row[0] for row in con.execute("SELECT claim_id FROM _assign_ids").fetchall()])
        finally:
            con.unregister("_assign_ids")
    return Assigned(assigned, reviewed)


def send_back(store: Store, claim_id: int, assigned_by: str, note: str, reviewer: str | None) -> str:
    """Send a claim with a verdict in force back for correction, to ``reviewer`` or else to whoever gave that
    verdict, with ``note``; returns to whom."""
    with store.write() as con:
        decided = next(records(con.execute(
            "SELECT v.reviewer FROM reviews v WHERE v.claim_id = ? AND v.action = 'verdict' "
            "AND NOT EXISTS (SELECT 1 FROM reviews u WHERE u.undoes = v.id) ORDER BY v.id DESC LIMIT 1",
            [claim_id])), None)
        if decided is None:
            raise ReviewError(f"claim {claim_id} has no verdict to correct; assign it instead")
        to = reviewer or decided["reviewer"]
        con.execute("INSERT INTO assignments (id, claim_id, reviewer, assigned_by, assigned_at, state, note) "
                    "VALUES ((SELECT coalesce(max(id), 0) + 1 FROM assignments), ?, ?, ?, ?, 'sent_back', ?)",
                    [claim_id, to, assigned_by, utc_now(), note])
        queue.refresh(con, [claim_id])
    return to


def assignment(store: Store, claim_id: int) -> dict | None:
    """A claim's assignment (an ``assignments_v`` row: reviewer, assigned_by, assigned_at, state, note,
    pending), or None when it has none."""
    found = store.records("SELECT * FROM assignments_of([?])", [claim_id])
    return found[0] if found else None


def assignment_history(store: Store, claim_id: int) -> list[dict]:
    """Every assignment of a claim (reviewer, assigned_by, assigned_at, state, note), newest first."""
    return store.records("SELECT reviewer, assigned_by, assigned_at, state, note FROM assignments "
                         "WHERE claim_id = ? ORDER BY id DESC", [claim_id])


def workload(store: Store) -> list[dict]:
    """Per reviewer with assignments: ``pending`` (awaiting their verdict), ``sent_back`` (of those, sent back
    for correction) and ``done``, by name."""
    return store.records("SELECT reviewer, count(*) FILTER (pending) AS pending, "
                         "count(*) FILTER (pending AND state = 'sent_back') AS sent_back, "
                         "count(*) FILTER (NOT pending) AS done FROM assignments_v GROUP BY reviewer ORDER BY reviewer")
