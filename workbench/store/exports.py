"""What the exports read: every claim as ``claims_v`` documents it, and the claims with given verdicts."""
from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa

from workbench.store.db import Store


def claims_table(store: Store) -> pa.Table:
    """Every claim (all ``claims_v`` columns), in id order, as an Arrow table: named, typed columns."""
    with store.read() as con:
        return con.execute("SELECT * FROM claims_v ORDER BY claim_id").to_arrow_table()


def claims_with_verdict(store: Store, verdicts: Iterable[str]) -> list[dict]:
    """The claims whose current verdict is one of ``verdicts``, in id order: the sentence, the verdict with
    who gave it, when and why, and where the claim appeared."""
    return store.records("SELECT claim_id, sentence, verdict, reviewer, reviewed_at, note, document, document_url, "
                         "published, attribution FROM claims_v WHERE list_contains(?, verdict) ORDER BY claim_id",
                         [list(verdicts)])
