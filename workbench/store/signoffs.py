"""Second reviews and sign-offs in the database: ``review_flags`` (claims an editor sends to a second, blind
reviewer), ``signoffs`` (an editor's approval of a claim's verdict in force, or their adjudication), and
``review_rounds_v`` (each decided claim's reviewers, their own verdicts, and where it stands). The rules live in
:mod:`workbench.team`."""
from __future__ import annotations

from collections.abc import Sequence

from workbench.errors import ReviewError
from workbench.store import queue
from workbench.store.db import Store, records, utc_now
from workbench.store.reviews import _append_review, _require_claim

_ROUND_COLUMNS = ("claim_id, review_id, verdict, reviewers, verdicts, second_review, flagged_by, second_due, disagree, "
                  "signed_off, signed_off_by, signed_off_at, adjudicated")


def review_round(store: Store, claim_id: int) -> dict | None:
    """A decided claim's ``review_rounds_v`` row, or None while it has no verdict."""
    found = store.records(f"SELECT {_ROUND_COLUMNS} FROM review_rounds_of([?])", [claim_id])
    return found[0] if found else None


def rounds(store: Store, disagree: bool | None = None, signed_off: bool | None = None) -> list[dict]:
    """The decided claims (``review_rounds_v`` rows with the claim's ``quantity`` and ``sentence``) that reviewers
    disagree on or not, are signed off or not (None: either), whose second review is not due, in claim order."""
    clauses, params = ["NOT r.second_due"], []
    for column, wanted in (("disagree", disagree), ("signed_off", signed_off)):
        if wanted is not None:
            clauses.append(f"r.{column} = ?")
            params.append(wanted)
    return store.records(f"SELECT r.*, c.quantity, c.sentence FROM review_rounds_v r JOIN claims_v c USING (claim_id) "
                         f"WHERE {' AND '.join(clauses)} ORDER BY claim_id", params)


def flag_second_review(store: Store, claim_ids: Sequence[int], editor: str) -> int:
    """Send claims to a second, blind reviewer; returns how many were not already flagged."""
    with store.write() as con:
        for claim_id in claim_ids:
            _require_claim(con, claim_id)
        before = con.execute("SELECT count(*) FROM review_flags").fetchone()[0]
        now = utc_now()
        for claim_id in claim_ids:
            con.execute("INSERT OR IGNORE INTO review_flags (claim_id, flagged_by, flagged_at) VALUES (?, ?, ?)",
                        [claim_id, editor, now])
        queue.refresh(con, claim_ids)
        return con.execute("SELECT count(*) FROM review_flags").fetchone()[0] - before


def _in_force(con, claim_id: int) -> dict:
    _require_claim(con, claim_id)
    found = next(records(con.execute(
        "SELECT review_id, verdict, second_due, signed_off FROM review_rounds_of([?])", [claim_id])), None)
    if found is None:
        raise ReviewError(f"claim {claim_id} has no verdict to sign off yet")
    return found


def _append_signoff(con, claim_id: int, review_id: int, verdict: str, editor: str, adjudicated: bool) -> None:
    con.execute("INSERT INTO signoffs (id, claim_id, review_id, verdict, editor, adjudicated, created_at) VALUES "
                "((SELECT coalesce(max(id), 0) + 1 FROM signoffs), ?, ?, ?, ?, ?, ?)",
                [claim_id, review_id, verdict, editor, adjudicated, utc_now()])


def sign_off(store: Store, claim_ids: Sequence[int], editor: str) -> int:
    """Sign off each claim's verdict in force, in one transaction; returns how many were not signed off already.
    A claim without a verdict, or whose second review is still due, is refused."""
    with store.write() as con:
        signed = 0
        for claim_id in claim_ids:
            current = _in_force(con, claim_id)
            if current["second_due"]:
                raise ReviewError(f"claim {claim_id} awaits its second review; sign it off once that is in")
            if not current["signed_off"]:
                _append_signoff(con, claim_id, current["review_id"], current["verdict"], editor, False)
                signed += 1
    return signed


def adjudicate(store: Store, claim_id: int, editor: str, verdict: str, note: str | None, evidence: str) -> int:
    """The editor's final verdict on a claim: a verdict row in their name, signed off as adjudicated, in one
    transaction; returns its review id."""
    with store.write() as con:
        _in_force(con, claim_id)
        review_id = _append_review(con, claim_id, editor, "verdict", verdict, note, evidence)
        _append_signoff(con, claim_id, review_id, verdict, editor, True)
        queue.refresh(con, [claim_id])
    return review_id


def signoff_history(store: Store, claim_id: int) -> list[dict]:
    """A claim's sign-offs, adjudications and second review asked for (``action``: ``signed off``,
    ``adjudicated`` or ``second review``, with ``verdict``, ``editor`` and ``created_at``), newest first."""
    return store.records(
        "SELECT CASE WHEN adjudicated THEN 'adjudicated' ELSE 'signed off' END AS action, verdict, editor, "
        "created_at FROM signoffs WHERE claim_id = ? UNION ALL "
        "SELECT 'second review', NULL, flagged_by, flagged_at FROM review_flags WHERE claim_id = ? "
        "ORDER BY created_at DESC",
        [claim_id, claim_id])
