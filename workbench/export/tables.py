"""Exports: ``claims_v`` as CSV, JSON lines or Parquet (the rows the SQL surface documents), and the
reviewed claims as ClaimReview JSON-LD."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

import pyarrow.parquet as pq

from workbench.errors import WorkbenchError
from workbench.export.claimreview import write_claim_reviews
from workbench.output import write_rows
from workbench.store.db import Store

EXPORT_FORMATS = ("claimreview", "csv", "jsonl", "parquet")
CLAIMS_SQL = "SELECT * FROM claims_v ORDER BY claim_id"


def export_claims(store: Store, fmt: str, output: str | Path | None = None, out: IO[str] | None = None) -> int:
    """Write every claim of ``claims_v`` in ``fmt`` to ``output`` (a path) or ``out``; return the row count.

    ``claimreview`` writes schema.org ClaimReview JSON-LD of the reviewed claims instead.
    """
    if fmt not in EXPORT_FORMATS:
        raise WorkbenchError(f"unknown export format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})")
    if fmt == "claimreview":
        if output is not None:
            with open(output, "w", encoding="utf-8") as handle:
                return write_claim_reviews(store, handle)
        return write_claim_reviews(store, out or sys.stdout)
    if fmt == "parquet" and output is None:
        raise WorkbenchError("parquet is a binary format: name a file with -o FILE.parquet")
    with store.read() as con:
        if fmt == "parquet":
            table = con.execute(CLAIMS_SQL).to_arrow_table()
            pq.write_table(table, str(output))
            return table.num_rows
        cursor = con.execute(CLAIMS_SQL)
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
    if output is not None:
        with open(output, "w", encoding="utf-8", newline="") as handle:
            write_rows(columns, rows, fmt, handle)
    else:
        write_rows(columns, rows, fmt, out or sys.stdout)
    return len(rows)
