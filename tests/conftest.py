"""Shared fixtures: a fresh database per test, files written on the fly, the CLI in-process."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.demo import load_demo
from workbench.store.db import Store

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
WORKBENCH = str(Path(sys.executable).with_name("workbench"))


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "test.duckdb"


def database_at_schema(path: Path, through: int):
    """A database file as an older workbench left it: the migrations up to ``through`` applied and recorded,
    nothing more. Returns the open connection, for the test to store what that version stored."""
    import duckdb

    from workbench.store.db import migrations

    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL)")
    for version, sql in migrations():
        if version <= through:
            con.execute(sql)
            con.execute("INSERT INTO schema_version VALUES (?, now())", [version])
    return con


@pytest.fixture
def store(db_path) -> Store:
    return Store(db_path)


@pytest.fixture
def write(tmp_path):
    """Write a file under the test's folder: ``write("a/b.txt", "text")`` or bytes; returns its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


class Cli:
    """Runs ``workbench`` in-process (the spaCy pipeline loads once per test session)."""

    def __init__(self, db: Path):
        self.db = db
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | bytes | None = None, db: bool = True):
        argv = list(args) + (["--db", str(self.db)] if db else [])
        return self.runner.invoke(main, argv, input=input, catch_exceptions=False)


@pytest.fixture
def cli(db_path) -> Cli:
    return Cli(db_path)


@pytest.fixture(autouse=True)
def _no_env_db(monkeypatch):
    """Tests never touch a real ./claims.duckdb or a developer's $WORKBENCH_DB."""
    monkeypatch.delenv("WORKBENCH_DB", raising=False)


def subprocess_env(**extra: str) -> dict:
    env = dict(os.environ)
    env.pop("WORKBENCH_DB", None)
    env.update(extra)
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_ui(db_path: Path) -> Iterator[int]:
    """`workbench ui` on ``db_path`` as a real process, ready to serve; yields its port, stops it after."""
    port = free_port()
    process = subprocess.Popen([WORKBENCH, "ui", "--db", str(db_path), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=subprocess_env())
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                    if response.read() == b"ok":
                        break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"workbench ui did not start: {process.stdout.read().decode()[-2000:]}")
                time.sleep(0.3)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def _demo_file(tmp_path_factory) -> Path:
    """The demo loaded once per test session; tests get copies."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    load_demo(Store(path))
    return path


@pytest.fixture
def demo_database(_demo_file, tmp_path) -> Store:
    """A copy of the demo database (its claims, sources and matches, without the passage index) of its own."""
    path = tmp_path / "demo.duckdb"
    path.write_bytes(_demo_file.read_bytes())
    return Store(path)
