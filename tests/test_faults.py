"""Faults: damaged copies of a database and of its search index. Each case checks the message, the exit
status, and that nothing stored is lost (the derived index is rebuilt, never trusted to wipe evidence)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Cli

from workbench.demo import load_demo
from workbench.match.index import VECTORS_FILE, PassageIndex, index_path
from workbench.store.db import Store
from workbench.store.runs import start_run


@pytest.fixture(scope="module")
def demo_copy_source(tmp_path_factory) -> Path:
    """The demo database with its index and stored matches, built once; each test damages a copy."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    load_demo(Store(path))
    return path


@pytest.fixture
def demo(demo_copy_source, tmp_path) -> Cli:
    path = tmp_path / "claims.duckdb"
    shutil.copy(demo_copy_source, path)
    shutil.copytree(index_path(demo_copy_source), index_path(path))
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
