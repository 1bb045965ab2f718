"""What each reviewer decided, for measuring how far reviewers agree (:mod:`workbench.agreement`)."""
from __future__ import annotations

from workbench.store.db import Store


def reviewer_verdicts(store: Store) -> list[dict]:
    """Each reviewer's own verdict on each claim they decided (``claim_id``, ``reviewer``, ``verdict``): their
    newest verdict on it that no undo reverted, whoever decided the claim after them (``review_rounds_v.verdicts``;
    an editor's adjudication is no reviewer's)."""
    return store.records(
        "SELECT claim_id, v.reviewer, v.verdict FROM review_rounds_v, UNNEST(verdicts) AS u(v) "
        "ORDER BY claim_id, v.reviewer")
