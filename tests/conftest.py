"""Shared fixtures: a fresh database per test, files written on the fly, the CLI in-process."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.store.db import Store

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
WORKBENCH = str(Path(sys.executable).with_name("workbench"))


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "test.duckdb"


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
