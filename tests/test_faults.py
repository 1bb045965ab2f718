"""Faults: damaged copies of a database and of its search index. Each case checks the message, the exit
status, and that nothing stored is lost (the derived index is rebuilt, never trusted to wipe evidence)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import Cli

from workbench.match.index import VECTORS_FILE, PassageIndex, index_path
from workbench.store.db import Store
from workbench.store.runs import start_run
from workbench.system import temporary_folder


@pytest.fixture
def demo(_demo_file, tmp_path) -> Cli:
    """A copy of the demo database with its index and stored matches (built once, conftest): each test damages one."""
    path = tmp_path / "claims.duckdb"
    shutil.copy(_demo_file, path)
    shutil.copytree(index_path(_demo_file), index_path(path))
    return Cli(path)


def stored_candidates(cli: Cli) -> int:
    result = cli("query", "SELECT count(*) AS n FROM matches_v", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    return int(result.stdout.splitlines()[1])


def rematch_keeps_every_candidate(cli: Cli) -> None:
    before = stored_candidates(cli)
    assert before > 50
    result = cli("match", "--all", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert "from 39 passages" in result.stderr
    assert stored_candidates(cli) == before


def test_an_index_that_lost_its_meta_file_is_rebuilt_not_trusted(demo):
    (index_path(demo.db) / "meta.json").unlink()  # tantivy opens this as a new, empty index
    rematch_keeps_every_candidate(demo)


def test_an_index_cut_off_between_its_commit_and_its_state_is_rebuilt(demo):
    path = index_path(demo.db)
    state = json.loads((path / "workbench-index.json").read_text())
    (path / "workbench-index.json").write_text(json.dumps({**state, "passages": state["passages"] - 3,
                                                           "upto": state["upto"] - 3}))
    rematch_keeps_every_candidate(demo)
    assert PassageIndex(path).count() == 39  # not 42: no passage indexed twice


@pytest.mark.parametrize("damage", [
    lambda path: (path / "workbench-index.json").write_text("{garbled"),
    lambda path: (path / VECTORS_FILE).write_bytes(b"\0" * 100),
    lambda path: [segment.write_bytes(segment.read_bytes()[::-1]) for segment in path.glob("*.store")],
], ids=["state garbled", "vectors garbled", "segments garbled"])
def test_a_garbled_index_file_is_rebuilt(demo, damage):
    damage(index_path(demo.db))
    rematch_keeps_every_candidate(demo)


def test_a_file_where_the_index_folder_belongs_is_named_and_nothing_is_lost(demo):
    path = index_path(demo.db)
    before = stored_candidates(demo)
    shutil.rmtree(path)
    path.write_text("not an index")
    result = demo("match", "--all")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {path}: a file where the search index's folder belongs; move it " \
                                    "away (the index is rebuilt from the database)"
    assert stored_candidates(demo) == before


def test_a_run_whose_process_died_is_closed_as_failed_by_the_next(tmp_path):
    store = Store(tmp_path / "runs.duckdb")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    killed = start_run(store, "import")
    with store.write() as con:  # as if that import had been killed: its process gone, its run open
        con.execute("UPDATE runs SET pid = ? WHERE id = ?", [dead.pid, killed])
    alive = start_run(store, "match")  # this process: alive, left open
    start_run(store, "reindex")
    with store.read() as con:
        rows = {run_id: (finished, errors) for run_id, finished, errors in
                con.execute("SELECT id, finished_at, errors FROM runs").fetchall()}
    assert rows[killed][0] is not None
    assert json.loads(rows[killed][1])[0]["reason"].startswith(f"the run stopped before it finished: process "
                                                               f"{dead.pid} on ")
    assert rows[alive] == (None, None)


def test_a_temporary_folder_left_by_a_killed_process_goes_when_the_next_is_made(tmp_path, monkeypatch):
    """An import's spilled rows (or an upload) live in a folder named after its process; a kill leaves it behind,
    and the next folder of that purpose removes it, but not one whose process still runs."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = tmp_path / f"workbench-rows-{dead.pid}-abc"
    running = tmp_path / f"workbench-rows-{os.getppid()}-def"
    other = tmp_path / f"workbench-upload-{dead.pid}-ghi"
    for folder in (left, running, other):
        (folder / "inside").mkdir(parents=True)
    with temporary_folder("rows") as folder:
        assert folder.is_dir() and folder.name.startswith(f"workbench-rows-{os.getpid()}-")
        assert not left.exists()
        assert running.exists() and other.exists()
    assert not folder.exists()


# -- damaged databases ----------------------------------------------------------------------------------

def _cut(data: bytes) -> bytes:
    return data[: len(data) // 2]


#: DuckDB's file: three 4 KB headers, then blocks of 256 KB.
HEADERS, BLOCK = 3 * 4096, 262144


def _garble_middle(data: bytes) -> bytes:
    """4 KB garbled in the middle of every block: whichever blocks hold data (a free one may sit in the file's
    middle, and damage there harms nothing), each fails its checksum."""
    garbled = bytearray(data)
    for start in range(HEADERS, len(data), BLOCK):
        middle = start + BLOCK // 2
        garbled[middle:middle + 4096] = bytes(b ^ 0x5A for b in data[middle:middle + 4096])
    return bytes(garbled)


DAMAGES = {  # name → (what is done to the file's bytes, what the message says of it)
    "empty": (lambda data: b"", "not a DuckDB database file"),
    "random bytes": (lambda data: bytes(range(256)) * (len(data) // 256), "not a DuckDB database file"),
    "header wiped": (lambda data: bytes(4096) + data[4096:], "not a DuckDB database file"),
    "a SQLite file": (lambda data: b"SQLite format 3\0" + bytes(4080),
                      "not a DuckDB database file (SQLite, or another format)"),
    "cut in half": (_cut, "the file is cut short"),
    "middle garbled": (_garble_middle, "a block of the file fails its checksum"),
}


@pytest.fixture
def damaged(demo, request):
    damage, _ = DAMAGES[request.param]
    demo.db.write_bytes(damage(demo.db.read_bytes()))
    return demo


@pytest.mark.parametrize("damaged", list(DAMAGES), indirect=True)
@pytest.mark.parametrize("command", [("import", "ARTICLE", "--no-match"), ("demo", "--if-empty")],
                         ids=["import", "demo --if-empty"])
def test_a_damaged_database_is_one_clear_line_and_exit_2(damaged, command, request, write):
    article = write("new.txt", "Twelve people were rescued on Monday.")
    before = damaged.db.read_bytes()
    result = damaged(*[str(article) if part == "ARTICLE" else part for part in command])
    meaning = DAMAGES[request.node.callspec.params["damaged"]][1]
    assert result.exit_code == 2
    assert result.stderr == (f"error: {damaged.db}: the database is damaged or not a workbench database: {meaning}; "
                             "restore it from a backup, or choose another database with --db\n")
    if command[0] == "demo":
        assert damaged.db.read_bytes() == before  # nothing written into it


@pytest.mark.parametrize("damaged", ["empty", "header wiped", "a SQLite file", "cut in half"], indirect=True)
@pytest.mark.parametrize("command", [("query", "SELECT count(*) FROM claims_v"), ("export", "--format", "csv"),
                                     ("match",)], ids=["query", "export", "match"])
def test_every_read_of_a_damaged_database_says_so(damaged, command):
    before = damaged.db.read_bytes()
    result = damaged(*command)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "the database is damaged or not a workbench database" in result.stderr
    assert damaged.db.read_bytes() == before


def test_a_duckdb_database_of_something_else_is_not_taken_over(tmp_path, write):
    import duckdb

    path = tmp_path / "theirs.duckdb"
    duckdb.connect(str(path)).execute("CREATE TABLE accounts AS SELECT 1 AS id").close()
    result = Cli(path)("import", str(write("a.txt", "Ten people died.")))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}: a DuckDB database of something else (tables accounts)")
    assert duckdb.connect(str(path)).execute("SELECT table_name FROM duckdb_tables()").fetchall() == [("accounts",)]


def test_the_ui_shows_a_damaged_database_as_one_line(demo, monkeypatch):
    from streamlit.testing.v1 import AppTest

    demo.db.write_bytes(b"")
    monkeypatch.setenv("WORKBENCH_DB", str(demo.db))
    at = AppTest.from_file(str(Path(__file__).parents[1] / "workbench" / "ui" / "app.py"), default_timeout=60).run()
    assert not at.exception
    [error] = at.error
    assert "not a DuckDB database file" in error.value and "restore the file from a backup" in error.value
