"""The store: schema and migrations, documented views, and sharing one file between processes."""
from __future__ import annotations

import subprocess
import sys
import time

import duckdb
import pytest
from conftest import WORKBENCH, database_at_schema, subprocess_env

from workbench.store.db import SCHEMA_VERSION, DatabaseLocked, Store, migrations

DOCUMENTED_COLUMNS = {
    "documents_v": {"id", "kind", "title", "url", "published", "imported_at", "text", "claims", "passages"},
    "claims_v": {"claim_id", "document_id", "document", "sentence", "sentence_start", "sentence_end", "kind",
                 "quantity", "quantity_start", "quantity_end", "value", "value_max", "unit", "qualifier", "iso",
                 "subject", "predicate", "time", "attribution", "hedged", "checkworthiness", "origin", "status",
                 "verdict", "reviewer", "reviewed_at", "note"},
    "matches_v": {"claim_id", "rank", "passage_id", "source_id", "source", "passage", "passage_start",
                  "passage_end", "score", "text_score", "fuzz_score", "figure_score", "relation", "why"},
    "reviews_v": {"review_id", "claim_id", "document", "sentence", "quantity", "value", "unit", "reviewer",
                  "action", "verdict", "note", "evidence", "created_at"},
    "assignments_v": {"claim_id", "reviewer", "assigned_by", "assigned_at", "state", "note", "pending"},
    "review_rounds_v": {"claim_id", "review_id", "verdict", "reviewers", "verdicts", "second_review", "flagged_by",
                        "second_due", "disagree", "signed_off", "signed_off_by", "signed_off_at", "adjudicated"},
}

HOLD_LOCK = """
import duckdb, sys, time
con = duckdb.connect(sys.argv[1])
con.execute("CREATE TABLE IF NOT EXISTS held (x INTEGER)")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def test_a_new_database_is_created_at_the_current_schema(store):
    store.ensure()
    assert store.schema_version() == SCHEMA_VERSION == migrations()[-1][0]
    with store.read() as con:
        tables = {name for (name,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"documents", "segments", "claims", "quantities", "matches", "reviews", "corrections", "runs",
            "schema_version"} <= tables


@pytest.mark.parametrize("view", sorted(DOCUMENTED_COLUMNS))
def test_documented_views_have_their_columns(store, view):
    store.ensure()
    with store.read() as con:
        columns = {row[0] for row in con.execute(f"DESCRIBE {view}").fetchall()}
    assert DOCUMENTED_COLUMNS[view] <= columns


def test_migrations_run_forward_only_once(store):
    store.ensure()
    Store(store.path).ensure()
    with store.read() as con:
        assert con.execute("SELECT count(*) FROM schema_version").fetchone()[0] == len(migrations())


def hold_lock(path, seconds: float) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(path), str(seconds)], stdout=subprocess.PIPE,
                              text=True)
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_a_writer_waits_for_another_process_and_then_succeeds(store):
    store.ensure()
    holder = hold_lock(store.path, 1.5)
    try:
        started = time.monotonic()
        with Store(store.path, lock_timeout=20).write() as con:
            con.execute("CREATE TABLE after_wait (x INTEGER)")
        waited = time.monotonic() - started
    finally:
        holder.wait(10)
    assert waited >= 0.5  # it really did wait for the other process
    with store.read() as con:
        assert con.execute("SELECT count(*) FROM after_wait").fetchone()[0] == 0


def test_a_lock_held_too_long_names_the_holder(store):
    store.ensure()
    holder = hold_lock(store.path, 10)
    try:
        with pytest.raises(DatabaseLocked) as error, Store(store.path, lock_timeout=0.5).read():
            pass
    finally:
        holder.kill()
        holder.wait(10)
    message = str(error.value)
    assert f"process {holder.pid}" in message and "waited 0.5 s" in message and "python" in message


def test_cli_reports_a_locked_database_in_one_line(db_path):
    Store(db_path).ensure()
    holder = hold_lock(db_path, 15)
    try:
        result = subprocess.run([WORKBENCH, "query", "SELECT 1", "--db", str(db_path)], capture_output=True, check=False,
                                text=True, env=subprocess_env(WORKBENCH_LOCK_TIMEOUT="0.5"), timeout=60)
    finally:
        holder.kill()
        holder.wait(10)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert "database is in use by process" in result.stderr


def test_a_failed_write_leaves_nothing_behind(store):
    store.ensure()
    with pytest.raises(duckdb.Error), store.write() as con:
        con.execute("INSERT INTO runs (id, kind, started_at) VALUES (1, 'import', now())")
        con.execute("INSERT INTO runs (id, kind, started_at) VALUES (1, 'import', now())")  # duplicate key
    with store.read() as con:
        assert con.execute("SELECT count(*) FROM runs").fetchone()[0] == 0


def corpus(folder, prefix: str, count: int):
    folder.mkdir(parents=True)
    for n in range(count):
        (folder / f"{prefix}{n}.txt").write_text(
            f"{prefix.upper()} report {n}: at least {n + 3} people were hurt and {n + 1} km of road closed.\n"
            f"The {prefix} agency said repairs would cost ${n + 2} million.", encoding="utf-8")


@pytest.mark.slow
def test_two_processes_import_into_one_file_at_once_without_loss(tmp_path, db_path):
    corpus(tmp_path / "a", "alpha", 24)
    corpus(tmp_path / "b", "beta", 24)
    env = subprocess_env(WORKBENCH_LOCK_TIMEOUT="60")
    commands = [[WORKBENCH, "import", str(tmp_path / name), "--db", str(db_path), "--batch-size", "2"]
                for name in ("a", "b")]
    processes = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
                 for cmd in commands]
    results = [p.communicate(timeout=300) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], results
    store = Store(db_path)
    with store.read() as con:
        documents = con.execute("SELECT count(*), count(DISTINCT sha256) FROM documents").fetchone()
        claims = con.execute("SELECT count(*) FROM claims").fetchone()[0]
        runs = con.execute("SELECT count(*), sum(documents) FROM runs WHERE kind = 'import'").fetchone()
        ids = con.execute("SELECT count(*) = count(DISTINCT id) FROM claims").fetchone()[0]
    assert documents == (48, 48)
    assert claims == 48 * 3
    assert runs == (2, 48)
    assert ids


@pytest.mark.slow
def test_queries_run_while_an_import_is_writing(tmp_path, db_path):
    corpus(tmp_path / "a", "gamma", 40)
    env = subprocess_env(WORKBENCH_LOCK_TIMEOUT="60")
    importing = subprocess.Popen([WORKBENCH, "import", str(tmp_path / "a"), "--db", str(db_path), "--batch-size", "1"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    counts = []
    try:
        while importing.poll() is None:
            if db_path.exists():
                query = subprocess.run([WORKBENCH, "query", "SELECT count(*) AS n FROM documents", "--db",
                                        str(db_path), "--format", "csv"], capture_output=True, text=True, env=env,
                                       timeout=120, check=False)
                assert query.returncode == 0, query.stderr
                counts.append(int(query.stdout.splitlines()[1]))
    finally:
        importing.communicate(timeout=300)
    assert importing.returncode == 0
    assert counts == sorted(counts)  # each query saw a committed state, never a half-written one


def test_an_older_database_is_migrated_forward_and_keeps_its_data(db_path):
    version = migrations()[0][0]
    con = database_at_schema(db_path, version)
    con.execute("INSERT INTO documents (id, kind, sha256, text, imported_at) VALUES (1, 'article', 'h', 'Old.', now())")
    con.execute("INSERT INTO segments VALUES (1, 1, 0, 'sentence', 0, 4, 'Old.', 0.9)")
    con.execute("INSERT INTO claims (id, document_id, segment_id, kind, created_at) VALUES (1, 1, 1, 'count', now())")
    con.execute("INSERT INTO quantities (id, segment_id, claim_id, text, char_start, char_end, value, kind) "
                "VALUES (1, 1, 1, 'Old', 0, 3, 7, 'count')")
    con.close()
    store = Store(db_path)
    assert store.schema_version() == SCHEMA_VERSION > version
    with store.read() as con:
        assert con.execute("SELECT text FROM documents_v").fetchall() == [("Old.",)]
        assert con.execute("SELECT sentence, quantity, value FROM claims_v").fetchall() == [("Old.", "Old", 7.0)]
        assert {"implied", "implied_qualifier", "implied_start"} <= {
            row[0] for row in con.execute("DESCRIBE quantities").fetchall()}
        assert con.execute("SELECT implied_qualifier, implied_start FROM claims_v").fetchall() == [(None, None)]
        assert len(con.execute("SELECT value FROM meta WHERE key = 'database_id'").fetchone()[0]) == 36


def test_reviews_v_carries_the_claims_figure(cli, store, write):
    from workbench.review import save_verdict

    assert cli("import", str(write("galwan.txt", "At least 20 Indian soldiers and four Chinese troops died."))).exit_code == 0
    with store.read() as con:
        claim_id = con.execute("SELECT claim_id FROM claims_v WHERE quantity = 'four'").fetchone()[0]
    save_verdict(store, claim_id, "ana", "supported")
    with store.read() as con:
        assert con.execute("SELECT quantity, value, unit, verdict FROM reviews_v").fetchall() == [
            ("four", 4.0, "troop", "supported")]
