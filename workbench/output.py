"""Writing rows for people and for programs: an aligned table, CSV, a JSON array or JSON lines."""
from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import sys
import uuid
from collections.abc import Iterable, Sequence
from typing import IO


def json_value(value):
    """A JSON-ready form of what DuckDB returns (dates, decimals, UUIDs, nested values)."""
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (uuid.UUID, dt.timedelta)):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    return value


def dumps(obj) -> str:
    return json.dumps(json_value(obj), ensure_ascii=False)


def flat_value(value):
    """A value for one cell of a flat table: nested values (lists, structs) as JSON text, the rest as
    ``json_value`` gives them."""
    return dumps(value) if isinstance(value, (list, tuple, dict)) else json_value(value)


def _cell(value) -> str:
    if value is None:
        return ""
    text = str(flat_value(value)) if not isinstance(value, str) else value
    return text.replace("\n", " ")


def write_rows(columns: Sequence[str], rows: Iterable[Sequence], fmt: str, out: IO[str] | None = None,
               max_width: int = 60) -> None:
    out = out or sys.stdout
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if v is None else flat_value(v) for v in row])
    elif fmt == "json":
        out.write(dumps([dict(zip(columns, row)) for row in rows]) + "\n")
    elif fmt == "jsonl":
        for row in rows:
            out.write(dumps(dict(zip(columns, row))) + "\n")
    elif fmt == "table":
        cells = [[_cell(v)[:max_width] for v in row] for row in rows]
        widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
        out.write("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip() + "\n")
        out.write("  ".join("-" * w for w in widths) + "\n")
        for row in cells:
            out.write("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() + "\n")
        out.write(f"({len(cells)} row{'s' if len(cells) != 1 else ''})\n")
    else:
        raise ValueError(f"unknown format {fmt!r} (table, csv, json or jsonl)")
