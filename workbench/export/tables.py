"""``claims_v`` as CSV, JSON lines or Parquet: the same rows the SQL surface documents."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

import pyarrow.parquet as pq

from workbench.errors import WorkbenchError
from workbench.output import write_rows
from workbench.store.db import Store

TABLE_FORMATS = ("csv", "jsonl", "parquet")
CLAIMS_SQL = "SELECT * FROM claims_v ORDER BY claim_id"


def export_claims(store: Store, fmt: str, output: str | Path | None = None, out: IO[str] | None = None) -> int:
    """Write every claim of ``claims_v`` in ``fmt`` to ``output`` (a path) or ``out``; return the row count."""
    if fmt not in TABLE_FORMATS:
        raise WorkbenchError(f"unknown export format {fmt!r} (choose from {', '.join(TABLE_FORMATS)})")
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
