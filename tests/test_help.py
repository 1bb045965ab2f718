"""Every command's ``--help`` reads well: its examples keep their lines, one command per line."""
from __future__ import annotations

import inspect

import click
import pytest

from workbench.cli import main

COMMANDS = sorted(main.commands)


def examples(command: click.Command) -> list[str]:
    """The example lines of a command's docstring (the indented lines after ``Example:``)."""
    doc = inspect.cleandoc(command.callback.__doc__ or "")
    after = doc.split("Example:", 1)[1] if "Example:" in doc else ""
    return [line.strip() for line in after.splitlines() if line.startswith("    ") and line.strip()]


@pytest.mark.parametrize("name", COMMANDS)
def test_help_shows_each_example_on_a_line_of_its_own(cli, name):
    command = main.commands[name]
    lines = examples(command)
    assert lines, f"workbench {name} has no Example: in its help"
    result = cli(name, "--help", db=False)
    assert result.exit_code == 0
    shown = [line.strip() for line in result.stdout.splitlines()]
    for line in lines:
        assert line in shown, f"workbench {name} --help runs '{line}' into other text"
