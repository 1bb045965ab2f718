"""What each reviewer decided, for measuring how far reviewers agree (:mod:`workbench.agreement`)."""
from __future__ import annotations

from workbench.store.db import Store


def reviewer_verdicts(store: Store) -> list[dict]:
    """Each reviewer's own verdict on each claim they decided (``claim_id``, ``reviewer``, ``verdict``): their
    newest verdict on it that no undo reverted, whoever decided the claim after them."""
    return store.records(
        "SELECT claim_id, reviewer, verdict FROM reviews v WHERE action = 'verdict' "
        "AND NOT EXISTS (SELECT 1 FROM reviews u WHERE u.undoes = v.id) "
        "QUALIFY row_number() OVER (PARTITION BY claim_id, reviewer ORDER BY id DESC) = 1 ORDER BY claim_id, reviewer")
