"""The README's tour runs as written, from a fresh clone, against a fresh database.

Every shell command of the sections "A five-minute tour" and "Commands" runs in a temporary folder that sees
the repository's ``examples/`` and ``workbench/`` (the paths the tour names), with ``$WORKBENCH_DB`` there.
A command fails the test when it exits non-zero or prints a traceback; a command followed by ``# → TEXT``
must also print TEXT (so the tour cannot promise what it no longer shows). Commands that serve or need your
own shell say "(not run by the README test)" and are skipped, explicitly.
"""
from __future__ import annotations

import os
import re
import subprocess

import pytest
from conftest import ROOT, WORKBENCH, subprocess_env

README = ROOT / "README.md"
SECTIONS = ("## A five-minute tour", "## Commands")
SKIP = "(not run by the README test)"
EXPECT = "# → "


def section(text: str, heading: str) -> str:
    start = text.index(heading)
    following = text.find("\n## ", start + len(heading))
    return text[start:following if following != -1 else len(text)]


def commands(markdown: str) -> list[str]:
    """The shell commands of a Markdown text's ``sh`` blocks: continuation lines and multi-line quotes joined,
    comment-only and blank lines left out."""
    found = []
    for block in re.findall(r"```sh\n(.*?)```", markdown, re.DOTALL):
        pending = ""
        for line in block.splitlines():
            if not pending and (not line.strip() or line.lstrip().startswith("#")):
                continue
            pending = f"{pending}\n{line}" if pending else line
            unquoted = re.sub(r"'[^']*'|\"[^\"]*\"", "", pending)
            if pending.endswith("\\") or unquoted.count("'") % 2 or unquoted.count('"') % 2:
                continue
            found.append(pending)
            pending = ""
    return found


def tour() -> list[str]:
    text = README.read_text(encoding="utf-8")
    return [command for heading in SECTIONS for command in commands(section(text, heading))]


def test_the_tour_names_commands_and_examples_that_exist():
    ran = [command for command in tour() if SKIP not in command]
    assert len(ran) >= 10
    assert all(command.lstrip().split()[0] in ("workbench", "echo") for command in ran)
    named = " ".join(ran)
    for path in sorted((ROOT / "examples").rglob("*")):  # each file is read by the tour (the import counts
        if path.is_file() and path.name != "README.md":  # it prints check that none went missing)
            folder = "/".join(path.relative_to(ROOT).parts[:2])
            assert folder in named, f"{path}: its folder {folder} is in no tour command"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    here = tmp_path_factory.mktemp("tour")
    for name in ("examples", "workbench"):
        (here / name).symlink_to(ROOT / name, target_is_directory=True)
    return here


@pytest.mark.parametrize("command", tour(), ids=lambda command: command.split("#")[0].strip()[:60])
def test_every_tour_command_runs(folder, command):
    if SKIP in command:
        pytest.skip("serves, or needs the reader's own shell")
    expected = command.split(EXPECT, 1)[1].strip() if EXPECT in command else None
    env = subprocess_env(WORKBENCH_DB=str(folder / "claims.duckdb"),
                         PATH=f"{os.path.dirname(WORKBENCH)}{os.pathsep}{os.environ['PATH']}")
    result = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=folder, env=env, capture_output=True,
                            text=True, timeout=300, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{command}\nexit {result.returncode}:\n{output[-3000:]}"
    assert "Traceback" not in output, output[-3000:]
    if expected:
        assert expected in output, f"{command}\ndid not print {expected!r}:\n{output[-3000:]}"


def test_the_command_table_is_the_clis_own():
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    from command_table import readme_table, table

    assert readme_table(README.read_text(encoding="utf-8")) == table(), \
        "the README's command table is stale: run .venv/bin/python tools/command_table.py --write"
