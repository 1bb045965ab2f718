"""``workbench query``: read-only SQL, refused writes, the three output formats."""
from __future__ import annotations

import csv
import io
import json
import time

import pytest

from workbench.store.query import QueryRefused, check_read_only

ARTICLE = "At least 20 Indian soldiers and four Chinese troops died in 2020.\nTariffs of 50% were imposed."


@pytest.fixture
def loaded(cli, write):
    assert cli("import", str(write("galwan.txt", ARTICLE))).exit_code == 0
    return cli


def snapshot(cli):
    result = cli("query", "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM claims), "
                          "(SELECT count(*) FROM runs)", "--format", "csv")
    return result.stdout


@pytest.mark.parametrize("sql", [
    "DELETE FROM claims",
    "DROP TABLE claims",
    "DROP VIEW claims_v",
    "UPDATE documents SET title = 'x'",
    "INSERT INTO runs (id, kind, started_at) VALUES (99, 'x', now())",
    "COPY claims TO '/tmp/stolen.csv'",
    "COPY (SELECT * FROM claims) TO '/tmp/stolen.parquet' (FORMAT parquet)",
    "ATTACH '/tmp/other.duckdb' AS other",
    "CREATE TABLE x AS SELECT 1",
    "SET enable_external_access = true",
    "INSTALL httpfs",
    "LOAD fts",
    "SELECT 1; DELETE FROM claims",
    "CHECKPOINT",
])
def test_statements_that_would_write_are_refused_and_change_nothing(loaded, sql):
    before = snapshot(loaded)
    result = loaded("query", sql)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert snapshot(loaded) == before


def test_reading_files_outside_the_database_is_refused(loaded):
    result = loaded("query", "SELECT * FROM read_csv('/etc/passwd')")
    assert result.exit_code == 2
    assert "query failed" in result.stderr


def test_select_in_every_format(loaded):
    sql = "SELECT quantity, value, unit FROM claims_v WHERE quantity IS NOT NULL ORDER BY quantity_start"
    as_json = json.loads(loaded("query", sql, "--format", "json").stdout)
    assert as_json[:2] == [{"quantity": "At least 20", "value": 20.0, "unit": "soldier"},
                           {"quantity": "four", "value": 4.0, "unit": "troop"}]
    as_csv = list(csv.reader(io.StringIO(loaded("query", sql, "--format", "csv").stdout)))
    assert as_csv[0] == ["quantity", "value", "unit"] and as_csv[1] == ["At least 20", "20.0", "soldier"]
    table = loaded("query", sql, "--format", "table").stdout.splitlines()
    assert table[0].split() == ["quantity", "value", "unit"] and table[-1] == f"({len(as_json)} rows)"


@pytest.mark.parametrize("sql", ["WITH t AS (SELECT 1 AS x) SELECT x FROM t", "FROM documents_v SELECT title",
                                 "DESCRIBE claims_v", "SHOW TABLES", "EXPLAIN SELECT * FROM claims_v",
                                 "SUMMARIZE documents"])
def test_every_kind_of_read_is_allowed(loaded, sql):
    assert loaded("query", sql, "--format", "json").exit_code == 0


def test_a_missing_database_is_a_clear_error_and_is_not_created(cli, db_path):
    result = cli("query", "SELECT 1")
    assert result.exit_code == 2 and "no such database" in result.stderr
    assert not db_path.exists()


def test_checks_without_a_database():
    check_read_only("select 42")
    with pytest.raises(QueryRefused, match="one statement at a time"):
        check_read_only("select 1; select 2")
    with pytest.raises(QueryRefused, match="cannot parse"):
        check_read_only("selec 1")
    with pytest.raises(QueryRefused, match="no SQL statement"):
        check_read_only("  ")


def test_a_slow_statement_is_stopped_and_the_file_is_free_again(loaded):
    started = time.monotonic()
    result = loaded("query", "SELECT count(*) FROM range(1000000000000)", "--timeout", "1")
    assert result.exit_code == 2 and time.monotonic() - started < 10
    assert result.stderr == "error: stopped after 1 s: the statement took too long (narrow it, or allow it more " \
                            "time)\n"
    assert snapshot(loaded).startswith("(SELECT")  # and the database answers at once


def test_rows_are_capped_in_sql_and_the_cap_is_said(loaded):
    result = loaded("query", "SELECT * FROM range(300000000) t(n)", "--max-rows", "3", "--format", "csv")
    assert result.exit_code == 0 and result.stdout.split() == ["n", "0", "1", "2"]
    assert "the first 3 rows; more matched" in result.stderr
    exact = loaded("query", "SELECT * FROM range(3) t(n)", "--max-rows", "3", "--format", "csv")
    assert exact.stdout.split() == ["n", "0", "1", "2"] and "more matched" not in exact.stderr


@pytest.mark.parametrize("name", ["rows.csv", "rows.jsonl", "rows.parquet"])
def test_every_row_streams_to_a_file(loaded, tmp_path, name):
    path = tmp_path / name
    result = loaded("query", "SELECT n, n * 2 AS double FROM range(250000) t(n)", "-o", str(path))
    assert result.exit_code == 0 and result.stderr == f"wrote 250000 rows to {path}\n"
    count = loaded("query", f"SELECT count(*) AS n FROM '{path}'", "--format", "csv")
    assert count.exit_code == 2  # the surface itself cannot read files; DuckDB in the test can
    import duckdb

    assert duckdb.connect().execute(f"SELECT count(*), max(double) FROM '{path}'").fetchone() == (250000, 499998)


def test_a_file_write_that_times_out_leaves_no_file(loaded, tmp_path):
    path = tmp_path / "never.csv"
    result = loaded("query", "SELECT count(*) FROM range(1000000000000)", "-o", str(path), "--timeout", "1")
    assert result.exit_code == 2 and "stopped after 1 s" in result.stderr
    assert not path.exists() and not (tmp_path / ".never.csv.partial").exists()


def test_timestamps_with_a_time_zone_print(loaded):
    result = loaded("query", "SELECT TIMESTAMPTZ '2024-05-01 10:00:00+05:30' AS at", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == [{"at": "2024-05-01T04:30:00+00:00"}]


def test_the_check_reads_no_file(loaded, tmp_path):
    folder = tmp_path / "exported"
    folder.mkdir()
    (folder / "schema.sql").write_text("SECRETWORD TABLE x;")
    (folder / "load.sql").write_text("")
    for sql in (f"IMPORT DATABASE '{folder}'", f"PRAGMA import_database('{folder}')"):
        result = loaded("query", sql)
        assert result.exit_code == 2 and "SECRETWORD" not in result.stderr
