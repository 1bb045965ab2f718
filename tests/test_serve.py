"""A desk on one database: ``workbench serve`` holds the file, commands and the UI use ``--db quack:HOST:PORT``."""
from __future__ import annotations

import datetime as dt
import json
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from conftest import WORKBENCH, free_port, subprocess_env
from streamlit.testing.v1 import AppTest

from workbench.demo import load_demo
from workbench.store.db import Store
from workbench.store.remote import RemoteStore, inline, open_store, sql_literal

TOKEN = "a-test-token-of-forty-characters-000000"
PAGES = Path(__file__).resolve().parents[1] / "workbench" / "ui" / "views"


def run(*args: str, token: str | None = TOKEN) -> subprocess.CompletedProcess:
    """``workbench ARGS`` as its own process, with ``token`` in $WORKBENCH_TOKEN (None: unset)."""
    env = subprocess_env()
    env.pop("WORKBENCH_TOKEN", None)
    if token is not None:
        env["WORKBENCH_TOKEN"] = token
    return subprocess.run([WORKBENCH, *args], check=False, capture_output=True, text=True, env=env, timeout=120)


def wait_for_port(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"workbench serve did not start: {process.stderr.read()}") from None
            time.sleep(0.2)


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The demo database served on loopback by a real ``workbench serve``; yields (address, file)."""
    folder = tmp_path_factory.mktemp("served")
    load_demo(Store(folder / "demo.duckdb"))
    path = folder / "desk.duckdb"
    shutil.copy(folder / "demo.duckdb", path)
    port = free_port()
    process = subprocess.Popen([WORKBENCH, "serve", "--db", str(path), "--port", str(port)],
                               stderr=subprocess.PIPE, text=True, env=subprocess_env(WORKBENCH_TOKEN=TOKEN))
    try:
        wait_for_port(port, process)
        yield f"quack:127.0.0.1:{port}", path
    finally:
        process.terminate()
        process.wait(20)
    assert process.returncode == 0


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path, monkeypatch):
    """A client keeps a served database's passage index in its cache folder: the test's, not the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture
def desk(served, monkeypatch) -> RemoteStore:
    monkeypatch.setenv("WORKBENCH_TOKEN", TOKEN)
    monkeypatch.setenv("WORKBENCH_DB", served[0])
    return open_store(served[0])


def verdicts(store) -> list[tuple]:
    with store.read() as con:
        return con.execute("SELECT claim_id, reviewer, verdict FROM reviews WHERE action = 'verdict' "
                           "ORDER BY id").fetchall()


def test_two_cli_processes_and_a_ui_session_write_at_once(desk, served, write):
    address = served[0]
    articles = write("desk.jsonl", "\n".join(json.dumps({"text": f"Desk article {n}: exports rose {n + 3}% in "
                                                                  f"{2000 + n}, the ministry said.", "title": f"d{n}"})
                                            for n in range(6)))
    with desk.read() as con:
        documents_before = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        claims = [row[0] for row in con.execute("SELECT claim_id FROM claims_v ORDER BY claim_id").fetchall()]
    env = subprocess_env(WORKBENCH_TOKEN=TOKEN)
    importing = subprocess.Popen([WORKBENCH, "import", str(articles), "--batch-size", "1", "--workers", "1",
                                  "--db", address], stderr=subprocess.PIPE, text=True, env=env)
    reviewing = subprocess.Popen(["sh", "-c", " && ".join(
        f"{WORKBENCH} review {claim} --verdict supported --reviewer cli --db {address}" for claim in claims[:3])],
        stderr=subprocess.PIPE, text=True, env=env)
    at = AppTest.from_file(str(PAGES / "review.py"), default_timeout=60)
    at.session_state["reviewer"] = "ui"
    at.run()
    assert not at.exception
    decided = at.session_state["current_claim"]
    at.button(key="verdict_refuted").click().run()
    assert not at.exception
    assert at.session_state["current_claim"] != decided  # on to the next claim, as with the file
    assert importing.wait(120) == 0, importing.stderr.read()
    assert reviewing.wait(120) == 0, reviewing.stderr.read()
    assert "imported 6 documents" in importing.stderr.read()
    with desk.read() as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == documents_before + 6
    landed = verdicts(desk)
    assert (decided, "ui", "refuted") in landed
    assert {(claim, "cli", "supported") for claim in claims[:3]} <= set(landed)


def test_a_command_through_the_server_reads_what_the_file_holds(served):
    address, path = served
    sql = ("SELECT claim_id, kind, quantity, value, unit, subject, checkworthiness FROM claims_v "
           "WHERE document = 'india-china-border-trade' ORDER BY claim_id")
    through_server = run("query", sql, "--format", "json", "--db", address)
    assert through_server.returncode == 0, through_server.stderr
    with Store(path.with_name("demo.duckdb")).read() as con:  # the file as it was before it was served
        cursor = con.execute(sql)
        names = [column[0] for column in cursor.description]
        expected = [dict(zip(names, row)) for row in cursor.fetchall()]
    assert len(expected) == 18
    assert json.loads(through_server.stdout) == expected


def test_a_wrong_token_is_refused_in_one_line(served):
    result = run("query", "SELECT 1", "--db", served[0], token="not-the-token-but-long-enough")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr == (f"error: {served[0]}: the server refused the token in $WORKBENCH_TOKEN; set it to "
                             f"the token the server was started with\n")


def test_a_client_without_a_token_is_told_to_set_one(served):
    result = run("query", "SELECT 1", "--db", served[0], token=None)
    assert result.returncode == 2
    assert result.stderr.startswith("error: $WORKBENCH_TOKEN is not set;") and result.stderr.count("\n") == 1


def test_the_server_refuses_to_start_without_a_token(tmp_path):
    result = run("serve", "--db", str(tmp_path / "x.duckdb"), "--port", str(free_port()), token=None)
    assert result.returncode == 2
    assert result.stderr.startswith("error: $WORKBENCH_TOKEN is not set;") and result.stderr.count("\n") == 1
    assert not (tmp_path / "x.duckdb").exists()


def test_the_served_file_says_to_use_the_server_at_once(served):
    started = time.monotonic()
    result = run("query", "SELECT 1", "--db", str(served[1]))
    assert result.returncode == 2
    assert "database is served by process" in result.stderr and "quack:HOST:PORT" in result.stderr
    assert time.monotonic() - started < 15  # no lock wait: the server holds the file until it stops


def test_no_server_at_the_address_is_one_line():
    port = free_port()
    result = run("query", "SELECT 1", "--db", f"quack:127.0.0.1:{port}")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"error: quack:127.0.0.1:{port}: no workbench server answers there")


@pytest.mark.parametrize("value", [None, True, False, 0, -7, 2 ** 62, 3.25, -1e-9, "", "it's", "a ? b",
                                   "line\nbreak", b"\x00\xffab", dt.date(2026, 12, 2),
                                   dt.datetime(2026, 12, 2, 5, 30, 1, 250), [1, 2, 3], ["a", "b'c"], [[1.5], []]])
def test_parameters_are_written_as_literals_that_read_back_the_same(value):
    with duckdb.connect() as con:
        assert con.execute(f"SELECT {sql_literal(value)}").fetchone()[0] == value


def test_only_placeholders_outside_strings_names_and_comments_are_filled():
    sql = "SELECT '?', \"?\", ? -- what?\n, ? /* ? */"
    assert inline(sql, [1, "x"]) == "SELECT '?', \"?\", 1 -- what?\n, 'x' /* ? */"


def test_eight_writers_at_once_each_get_their_own_ids(desk):
    """Writes through the server run side by side; they take turns (``write_turn``) so none reuses an id."""
    from concurrent.futures import ThreadPoolExecutor

    from workbench.review import save_verdict

    with desk.read() as con:
        claims = [row[0] for row in con.execute("SELECT claim_id FROM claims_v ORDER BY claim_id LIMIT 8").fetchall()]
        before = con.execute("SELECT count(*) FROM reviews").fetchone()[0]

    def reviewer(number: int) -> list[int]:
        return [save_verdict(desk, claims[(number + i) % len(claims)], f"w{number}", "misleading") for i in range(5)]

    with ThreadPoolExecutor(8) as pool:
        ids = [review_id for batch in pool.map(reviewer, range(8)) for review_id in batch]
    assert len(set(ids)) == 40
    with desk.read() as con:
        assert con.execute("SELECT count(*) FROM reviews").fetchone()[0] == before + 40
        assert con.execute("SELECT count(*) FROM reviews WHERE reviewer LIKE 'w%'").fetchone()[0] == 40


def test_clients_cannot_reach_the_servers_files(desk):
    with desk.read() as con, pytest.raises(duckdb.Error, match="file system operations are disabled"):
        con.execute("SELECT * FROM read_csv('/etc/hostname')")


def test_clients_cannot_change_the_servers_settings(desk):
    with desk.read() as con:
        with pytest.raises(duckdb.Error, match="configuration has been locked"):
            con.execute("SET GLOBAL quack_authentication_function = 'quack_nop_authorization'")
        assert con.execute("SELECT current_setting('enable_external_access')").fetchone()[0] is False
