"""The README's command table, written from the CLI itself, so that the two cannot disagree.

Each row is a command's synopsis (its arguments and options, read from click; ``--db`` and ``--help``,
which every command has, left out) and the first paragraph of its help. ``tests/test_readme.py`` fails
when the README's table is not this one.

    .venv/bin/python tools/command_table.py            # print the table
    .venv/bin/python tools/command_table.py --write    # put it in README.md, between its markers
"""
from __future__ import annotations

import argparse
import inspect
import re
from pathlib import Path

import click

from workbench.cli import main as cli

README = Path(__file__).resolve().parents[1] / "README.md"
START = "<!-- command table: written by tools/command_table.py from each command's help; edit those, then run it -->"
END = "<!-- end of command table -->"
COMMON = {"db", "help"}


def _metavar(param: click.Parameter) -> str:
    if param.metavar:
        return param.metavar
    if isinstance(param.type, click.Choice):
        return "|".join(param.type.choices)
    return param.type.name.upper()


def synopsis(command: click.Command, path: list[str]) -> str:
    ctx = click.Context(command, info_name=path[-1])
    pieces = list(path)
    for param in command.params:
        if param.name in COMMON:
            continue
        if isinstance(param, click.Argument):
            piece = param.make_metavar(ctx)
        else:
            name = max(param.opts, key=len)
            piece = name if param.is_flag else f"{name} {_metavar(param)}"
            piece = piece + (" ..." if param.multiple else "")
            piece = piece if param.required else f"[{piece}]"
        pieces.append(piece)
    return " ".join(pieces)


def summary(command: click.Command) -> str:
    doc = inspect.cleandoc(command.help or "")
    return " ".join(doc.split("\n\n", 1)[0].split())


def rows(group: click.Group = cli, path: list[str] | None = None) -> list[tuple[str, str]]:
    path = path or ["workbench"]
    found = []
    for name in group.commands:  # in the order the CLI declares them
        command = group.commands[name]
        if isinstance(command, click.Group):
            found += rows(command, [*path, name])
        else:
            found.append((synopsis(command, [*path, name]), summary(command)))
    return found


def table() -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    lines = ["| command | what it does |", "|---|---|"]
    lines += [f"| `{cell(usage)}` | {cell(what)} |" for usage, what in rows()]
    return "\n".join(lines)


def readme_table(text: str) -> str:
    """The table between the README's markers."""
    return text.split(START, 1)[1].split(END, 1)[0].strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="replace the README's table")
    args = parser.parse_args()
    if not args.write:
        print(table())
        return
    text = README.read_text(encoding="utf-8")
    README.write_text(re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: f"{START}\n{table()}\n{END}",
                             text, count=1, flags=re.DOTALL), encoding="utf-8")


if __name__ == "__main__":
    main()
