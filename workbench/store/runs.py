"""Runs: who imported or matched what, when, with which model, and what went wrong."""
from __future__ import annotations

import getpass
import json
import os
import socket
import sys

from workbench.store.db import Store, next_id, records, utc_now
from workbench.system import process_running


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid())


def start_run(store: Store, kind: str, model: dict | None = None) -> int:
    """Record the start of a run and return its id (one short write). Runs of this machine whose process
    ended without finishing them (killed, crashed) are closed first, as failed, with the reason."""
    model = model or {}
    host = socket.gethostname()
    with store.write() as con:
        unfinished = list(records(con.execute("SELECT id, pid FROM runs WHERE finished_at IS NULL AND host = ?",
                                              [host])))
        for run in unfinished:
            if run["pid"] and not process_running(run["pid"]):
                reason = f"the run stopped before it finished: process {run['pid']} on {host} ended"
                con.execute("UPDATE runs SET finished_at = ?, errors = ? WHERE id = ?",
                            [utc_now(), json.dumps([{"origin": "run", "reason": reason}]), run["id"]])
        run_id = next_id(con, "runs")
        con.execute(
            "INSERT INTO runs (id, kind, started_at, user_name, host, pid, command, model, model_version, components)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [run_id, kind, utc_now(), _user(), host, os.getpid(), " ".join(sys.argv)[:1000],
             model.get("model"), model.get("model_version"), json.dumps(model.get("components") or {})],
        )
    return run_id


def finish_run(store: Store, run_id: int, *, documents: int = 0, claims: int = 0, passages: int = 0,
               skipped: int = 0, failed: int = 0, errors: list[dict] | None = None) -> None:
    with store.write() as con:
        con.execute(
            "UPDATE runs SET finished_at = ?, documents = ?, claims = ?, passages = ?, skipped = ?, failed = ?,"
            " errors = ? WHERE id = ?",
            [utc_now(), documents, claims, passages, skipped, failed, json.dumps(errors or []), run_id],
        )
