"""What each reviewer decided, for measuring how far reviewers agree (:mod:`workbench.agreement`)."""
from __future__ import annotations

from workbench.store.db import Store


def reviewer_verdicts(store: Store) -> list[dict]:
    """Each reviewer's own verdict on each claim they decided (``claim_id``, ``reviewer``, ``verdict``): their
    newest verdict on it that no undo reverted, whoever decided the claim after them (``review_rounds_v.verdicts``;
    an editor's adjudication is no reviewer's); and the ``relation`` matching gave the claim's best evidence
    (``matches_v`` rank 1; None when it has none)."""
    return store.records(
        "WITH own AS (SELECT claim_id, v.reviewer, v.verdict FROM review_rounds_v, UNNEST(verdicts) AS u(v)) "
        "SELECT own.claim_id, own.reviewer, own.verdict, m.relation FROM own "
        "LEFT JOIN matches_v m ON m.claim_id = own.claim_id AND m.rank = 1 "
        "ORDER BY own.claim_id, own.reviewer")
