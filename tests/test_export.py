"""``workbench export``: claims_v as CSV, JSON lines and Parquet."""
from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq

ARTICLE = "At least 20 Indian soldiers and four Chinese troops died in 2020."


def test_export_formats_carry_every_claim(cli, write, tmp_path):
    assert cli("import", str(write("galwan.txt", ARTICLE))).exit_code == 0
    lines = [json.loads(line) for line in cli("export", "--format", "jsonl").stdout.splitlines()]
    assert [(c["quantity"], c["value"], c["status"]) for c in lines] == [
        ("At least 20", 20.0, "unreviewed"), ("four", 4.0, "unreviewed"), ("2020", 2020.0, "unreviewed")]
    rows = list(csv.DictReader(io.StringIO(cli("export", "--format", "csv").stdout)))
    assert [r["unit"] for r in rows] == ["soldier", "troop", "year"]
    out = tmp_path / "claims.parquet"
    result = cli("export", "--format", "parquet", "-o", str(out))
    assert result.exit_code == 0 and "wrote 3 claims" in result.stderr
    table = pq.read_table(out)
    assert table.num_rows == 3 and {"claim_id", "sentence", "kind", "value", "status"} <= set(table.column_names)


def test_parquet_needs_a_file(cli, write):
    cli("import", str(write("galwan.txt", ARTICLE)))
    result = cli("export", "--format", "parquet")
    assert result.exit_code == 2 and "-o FILE.parquet" in result.stderr
