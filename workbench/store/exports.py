"""What the exports read: every claim as ``claims_v`` documents it, and the claims with given verdicts."""
from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa

from workbench.store.db import Store


def claims_table(store: Store) -> pa.Table:
    """Every claim (all ``claims_v`` columns), in id order, as an Arrow table: named, typed columns."""
    with store.read() as con:
        return con.execute("SELECT * FROM claims_v ORDER BY claim_id").to_arrow_table()


def claims_with_verdict(store: Store, verdicts: Iterable[str], signed_off_only: bool = False) -> list[dict]:
    """The claims whose current verdict is one of ``verdicts``, one row each in id order: the sentence with the
    figure's offsets in the document and the reviewer's ``wording``; the verdict with who gave it, when and why;
    where the claim appeared and who said it; and what the verdict rests on: ``passages`` (each chosen source
    passage's ``source`` title, ``url`` and ``text``, in the reviewer's order, or None) and the ``quote`` and
    ``quote_url`` of evidence from elsewhere. ``signed_off_only``: only claims whose verdict an editor signed off."""
    return store.records(
        "SELECT claim_id, sentence, sentence_start, quantity_start, quantity_end, wording, verdict, reviewer, "
        "reviewed_at, note, document, document_url, published, attribution, attribution_kind, "
        "(SELECT list({'source': d.title, 'url': d.url, 'text': p.text} ORDER BY list_position(e.ids, p.id)) "
        " FROM segments p JOIN documents d ON d.id = p.document_id WHERE list_contains(e.ids, p.id)) AS passages, "
        "json_extract_string(evidence, '$.quote') AS quote, json_extract_string(evidence, '$.url') AS quote_url "
        "FROM claims_v, LATERAL (SELECT CAST(json_extract(evidence, '$.passages') AS BIGINT[]) AS ids) e "
        "WHERE list_contains(?, verdict) AND (NOT ? OR claim_id IN (SELECT claim_id FROM review_rounds_v WHERE "
        "signed_off)) ORDER BY claim_id", [list(verdicts), signed_off_only])
