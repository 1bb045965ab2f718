"""Nothing downloads at run time: the sentence vectors' model loads from its wheel, and import and matching run
in a network namespace that has no network at all."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys

import numpy as np
import pytest
from conftest import ROOT

from workbench.match.embed import DIMENSIONS, Embedder

ARTICLE = "India and China agreed to resume border trade. At least 20 Indian soldiers died in the clash in 2020.\n"
SOURCE = ("Twenty Indian troops were killed in the Galwan valley clash in June 2020, the army said.\n"
          "Border trade through the Himalayan passes was halted in 2020.\n")


def test_the_model_loads_from_its_package_with_sockets_refused(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a network connection was attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    vectors = Embedder().embed(["troops were killed", "soldiers died", "the central bank held rates"])
    assert vectors.shape == (3, DIMENSIONS) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]  # nearer in meaning, nearer in space


def _offline(*args: str) -> list[str]:
    return ["unshare", "--net", sys.executable, "-c", "from workbench.cli import main; main()", *args]


def _can_unshare() -> bool:
    return shutil.which("unshare") is not None and \
        subprocess.run(["unshare", "--net", "true"], check=False, capture_output=True).returncode == 0


@pytest.mark.skipif(not _can_unshare(), reason="needs unshare --net (root); CI runs as root")
def test_import_and_match_run_without_a_network(tmp_path):
    (tmp_path / "source.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "claims.duckdb")
    for command in (["import", "--db", db, "--as", "source", str(tmp_path / "source.txt")],
                    ["import", "--db", db, str(tmp_path / "article.txt")],
                    ["match", "--db", db, "--all"]):
        done = subprocess.run(_offline(*command), check=False, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
    ad_hoc = subprocess.run(_offline("match", "--db", db, "--input", "-", "--format", "jsonl"), check=False,
                            input="Border trade was suspended in 2020.\n", capture_output=True, text=True, timeout=300)
    assert ad_hoc.returncode == 0, ad_hoc.stderr[-2000:]
    [line] = [json.loads(line) for line in ad_hoc.stdout.splitlines() if line.strip()]
    assert "halted in 2020" in line["candidates"][0]["text"]


def test_the_ui_asks_no_outside_server_for_its_icons():
    """A ``:material/...:`` icon (page, tab or navigation) makes the browser fetch it from fonts.gstatic.com."""
    sources = sorted((ROOT / "workbench" / "ui").rglob("*.py"))
    assert sources and [path.name for path in sources if ":material/" in path.read_text(encoding="utf-8")] == []
