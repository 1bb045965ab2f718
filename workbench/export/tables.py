"""Exports: ``claims_v`` as CSV, JSON lines or Parquet (the rows the SQL surface documents), and the
reviewed claims as ClaimReview JSON-LD."""
from __future__ import annotations

import io
import json
from dataclasses import dataclass

import pyarrow.parquet as pq

from workbench.errors import WorkbenchError
from workbench.export.claimreview import claim_reviews
from workbench.output import write_rows
from workbench.store.db import Store
from workbench.store.exports import claims_table

EXPORT_FORMATS = ("claimreview", "csv", "jsonl", "parquet")


@dataclass(frozen=True)
class Export:
    """An export, ready for a file or a download button, and what it holds."""

    data: bytes
    items: int
    noun: str  # what the items are: "claims", or "reviews" for ClaimReview


def render(store: Store, fmt: str) -> Export:
    """Render an export; parquet is binary, the others UTF-8 text."""
    if fmt not in EXPORT_FORMATS:
        raise WorkbenchError(f"unknown export format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})")
    if fmt == "claimreview":
        reviews = claim_reviews(store)
        return Export((json.dumps(reviews, indent=2, ensure_ascii=False) + "\n").encode("utf-8"), len(reviews),
                      "reviews")
    table = claims_table(store)
    if fmt == "parquet":
        buffer = io.BytesIO()
        pq.write_table(table, buffer)
        return Export(buffer.getvalue(), table.num_rows, "claims")
    text = io.StringIO(newline="")
    write_rows(table.column_names, (row.values() for row in table.to_pylist()), fmt, text)
    return Export(text.getvalue().encode("utf-8"), table.num_rows, "claims")
