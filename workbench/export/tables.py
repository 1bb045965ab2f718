"""Exports: ``claims_v`` as CSV, JSON lines or Parquet (the rows the SQL surface documents), and the
reviewed claims as ClaimReview JSON-LD."""
from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pyarrow.parquet as pq

from workbench.errors import WorkbenchError
from workbench.export.claimreview import RATINGS, claim_reviews
from workbench.output import write_rows
from workbench.store.db import Store
from workbench.store.exports import claims_table, count_claims

EXPORT_FORMATS = ("claimreview", "csv", "jsonl", "parquet")


def render(store: Store, fmt: str) -> bytes:
    """An export as bytes, ready for a file or a download button."""
    if fmt not in EXPORT_FORMATS:
        raise WorkbenchError(f"unknown export format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})")
    if fmt == "claimreview":
        return (json.dumps(claim_reviews(store), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    table = claims_table(store)
    if fmt == "parquet":
        buffer = io.BytesIO()
        pq.write_table(table, buffer)
        return buffer.getvalue()
    text = io.StringIO(newline="")
    write_rows(table.column_names, (row.values() for row in table.to_pylist()), fmt, text)
    return text.getvalue().encode("utf-8")


def export_claims(store: Store, fmt: str, output: str | Path | None = None) -> int:
    """Write an export to ``output`` (a path) or standard output; return how many claims or reviews it holds."""
    if fmt == "parquet" and output is None:
        raise WorkbenchError("parquet is a binary format: name a file with -o FILE.parquet")
    data = render(store, fmt)
    if output is not None:
        Path(output).write_bytes(data)
    else:
        sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
    return count(store, fmt)


def count(store: Store, fmt: str) -> int:
    return count_claims(store, RATINGS if fmt == "claimreview" else None)
