"""Read-only SQL over the workbench database: the surface for people who query.

A statement is checked before it runs: exactly one statement, and only ``SELECT`` (including
``WITH``, ``FROM``-first, ``SHOW``, ``DESCRIBE``, ``SUMMARIZE``, ``PRAGMA`` reads) or ``EXPLAIN``.
It then runs on a connection opened read-only with file access outside the database disabled,
so neither ``COPY ... TO``, ``ATTACH``, ``read_csv('/etc/passwd')`` nor a setting change can get
through even if the check were wrong. (:func:`copy_query`, for the command line's ``-o FILE``, is the
one exception: its connection writes that file.)

A statement has limits: it is interrupted after a timeout (or when the page that runs it is left), and
it returns a capped number of rows, the cap applied in SQL so that no more are ever held.
"""
from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import duckdb

from workbench.errors import WorkbenchError
from workbench.settings import QUERY_MAX_ROWS, QUERY_TIMEOUT_S
from workbench.store.db import Store, _damage

ALLOWED = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}
READ_ONLY_CONFIG = {"enable_external_access": False, "lock_configuration": True}
#: How often the thread that waits for a statement looks at the clock and at its caller.
WATCH_INTERVAL_S = 0.1
T = TypeVar("T")
#: What the surface offers, in a sentence for people about to write a query.
SURFACE = ("Read-only: one SELECT (or WITH, DESCRIBE, SHOW, EXPLAIN) over documents_v, claims_v, matches_v, "
           "reviews_v, assignments_v, review_rounds_v and the tables beneath them. Anything that would write is refused.")
#: Statements to start from, by what they answer.
EXAMPLES = {
    "Claims by kind": "SELECT kind, count(*) AS claims FROM claims_v GROUP BY kind ORDER BY claims DESC",
    "Most check-worthy unreviewed claims": "SELECT claim_id, document, quantity, subject, checkworthiness\n"
                                           "FROM claims_v WHERE status = 'unreviewed'\n"
                                           "ORDER BY checkworthiness DESC LIMIT 20",
    "Contradicted claims": "SELECT c.claim_id, c.quantity, c.subject, m.source, m.why\nFROM claims_v c JOIN matches_v m "
                           "USING (claim_id)\nWHERE m.relation = 'contradicts' ORDER BY m.score DESC",
    "Verdicts per reviewer": "SELECT reviewer, verdict, count(*) AS n FROM reviews_v WHERE action = 'verdict'\n"
                             "GROUP BY ALL ORDER BY reviewer, n DESC",
    "Documents": "SELECT id, kind, title, published, claims, passages FROM documents_v ORDER BY id",
}


class QueryRefused(WorkbenchError):
    """The statement would write, or is not one readable statement."""


class QueryStopped(WorkbenchError):
    """The statement ran out of time (or was cancelled) and was interrupted; the file is free again."""


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple]
    truncated: bool = False  # more rows than ``max_rows`` matched; the first ``max_rows`` are here


def _statement(sql: str) -> duckdb.Statement:
    """The one read-only statement in ``sql``, parsed on a connection that can read no file (``IMPORT
    DATABASE 'folder'`` would otherwise read that folder's schema while being parsed)."""
    try:
        statements = duckdb.connect(":memory:", config=READ_ONLY_CONFIG).extract_statements(sql)
    except duckdb.Error as error:
        raise QueryRefused(f"cannot parse the SQL: {str(error).splitlines()[0]}") from None
    if not statements:
        raise QueryRefused("no SQL statement given")
    if len(statements) > 1:
        raise QueryRefused(f"one statement at a time, please ({len(statements)} given)")
    kind = statements[0].type
    if kind not in ALLOWED:
        raise QueryRefused(f"refused: {kind.name} statements are not allowed; the query surface is read-only "
                           "(SELECT, WITH, SHOW, DESCRIBE, EXPLAIN)")
    return statements[0]


def check_read_only(sql: str) -> None:
    """Raise :class:`QueryRefused` unless ``sql`` is exactly one read-only statement."""
    _statement(sql)


def _interruptible(con: duckdb.DuckDBPyConnection, work: Callable[[], T], timeout: float | None,
                   wait: Callable[[], None] | None) -> T:
    """Run ``work`` (which executes on ``con``) in a worker thread and interrupt the statement when
    ``timeout`` seconds pass or when ``wait`` (called about ten times a second from this thread, e.g. by a
    page that a rerun must be able to stop) raises. DuckDB releases the interpreter while it executes a
    statement, which is what lets this thread watch; a streamed fetch would not, so results are capped in
    SQL and fetched whole."""
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as error:  # noqa: BLE001 - handed to the calling thread
            outcome["error"] = error

    worker = threading.Thread(target=run, name="workbench-query", daemon=True)
    started = time.monotonic()
    worker.start()
    try:
        while worker.is_alive():
            worker.join(WATCH_INTERVAL_S)
            if wait is not None:
                wait()
            if timeout and worker.is_alive() and time.monotonic() - started > timeout:
                con.interrupt()
                worker.join()
                raise QueryStopped(f"stopped after {timeout:g} s: the statement took too long (narrow it, or "
                                   "allow it more time)")
    except BaseException:
        con.interrupt()
        worker.join()
        raise
    if "error" in outcome:
        error = outcome["error"]
        if isinstance(error, duckdb.InterruptException):
            raise QueryStopped("the statement was cancelled") from None
        if isinstance(error, duckdb.Error):
            if _damage(error):
                raise error  # the connection's owner names the damaged file
            raise WorkbenchError(f"query failed: {str(error).splitlines()[0]}") from None
        raise error
    return outcome["value"]


def run_query(store: Store, sql: str, *, max_rows: int | None = QUERY_MAX_ROWS,
              timeout: float | None = QUERY_TIMEOUT_S,
              wait: Callable[[], None] | None = None) -> QueryResult:
    """Run one read-only statement: its columns and at most ``max_rows`` rows (``truncated`` when it had
    more), stopped after ``timeout`` seconds or when ``wait`` raises (see :func:`_interruptible`)."""
    statement = _statement(sql)
    text = statement.query.strip().rstrip(";")
    if max_rows is not None and statement.type == duckdb.StatementType.SELECT:
        text = f"SELECT * FROM ({text}) LIMIT {max_rows + 1}"  # a cap DuckDB enforces: never more in memory

    with store.read_existing(config=READ_ONLY_CONFIG) as con:
        def work() -> tuple[list[str], list[tuple]]:
            cursor = con.execute(text)
            return [d[0] for d in cursor.description or []], cursor.fetchall()

        columns, rows = _interruptible(con, work, timeout, wait)
    truncated = max_rows is not None and len(rows) > max_rows
    return QueryResult(columns, rows[:max_rows] if truncated else rows, truncated)


#: The file formats ``copy_query`` writes, by extension, as DuckDB's COPY options.
COPY_FORMATS = {".csv": "FORMAT csv, HEADER", ".jsonl": "FORMAT json", ".json": "FORMAT json, ARRAY true",
                ".parquet": "FORMAT parquet"}


def copy_query(store: Store, sql: str, path: str | Path, *, timeout: float | None = QUERY_TIMEOUT_S) -> int:
    """Write every row of one read-only SELECT to ``path`` with DuckDB's COPY (streamed, any size; the format
    by its extension) and return how many. The file appears whole or not at all."""
    path = Path(path)
    options = COPY_FORMATS.get(path.suffix.lower())
    if options is None:
        raise WorkbenchError(f"{path}: name a {', '.join(COPY_FORMATS)} file to write the rows to")
    statement = _statement(sql)
    if statement.type != duckdb.StatementType.SELECT:
        raise QueryRefused(f"only a SELECT can be written to a file, not {statement.type.name}")
    partial = path.with_name(f".{path.name}.partial")
    quoted = str(partial).replace("'", "''")
    copy = f"COPY (SELECT * FROM ({statement.query.strip().rstrip(';')})) TO '{quoted}' ({options})"
    # Reading the database only; this connection may write the one file named here, which the statement's own
    # text cannot reach (it is one SELECT, checked above).
    with store.read_existing(config={"lock_configuration": True}) as con:
        try:
            rows = _interruptible(con, lambda: con.execute(copy).fetchone()[0], timeout, None)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    partial.replace(path)
    return rows


#: The views a claim filter may read: the documented surface, never a table beneath it.
DOCUMENTED_VIEWS = ("documents_v", "claims_v", "matches_v", "reviews_v", "assignments_v", "review_rounds_v")


def _tables_read(node) -> list[str]:
    """Every table or view a parsed statement (DuckDB's ``json_serialize_sql`` tree) reads, and ``()`` for a
    table function (``read_csv(...)``), wherever it sits: a join, a subquery, an expression."""
    found = []
    if isinstance(node, dict):
        if node.get("type") == "BASE_TABLE":
            found.append(node.get("table_name", ""))
        elif node.get("type") == "TABLE_FUNCTION":
            found.append("a table function")
        for value in node.values():
            found += _tables_read(value)
    elif isinstance(node, list):
        for value in node:
            found += _tables_read(value)
    return found


def filtered_claims(store: Store, where: str, *, timeout: float | None = QUERY_TIMEOUT_S) -> list[int]:
    """The ids of the claims ``claims_v`` rows matching ``where`` (a SQL condition, e.g. ``kind = 'money' AND
    document_id = 3``), run on the read-only surface; a condition that is not one, or that reads anything but
    the documented views, is refused."""
    sql = f"SELECT claim_id FROM claims_v WHERE ({where})"
    try:
        _statement(sql)
    except QueryRefused as error:
        raise QueryRefused(f"the filter {where[:80]!r}: {error}") from None
    with duckdb.connect(":memory:", config=READ_ONLY_CONFIG) as con:
        tree = json.loads(con.execute("SELECT json_serialize_sql(?)", [sql]).fetchone()[0])
    node = tree["statements"][0]["node"] if not tree.get("error") and len(tree["statements"]) == 1 else {}
    outside = sorted({name for name in _tables_read(node) if name not in DOCUMENTED_VIEWS})
    if node.get("type") != "SELECT_NODE" or node.get("from_table", {}).get("table_name") != "claims_v" or \
            node.get("cte_map", {}).get("map") or node.get("modifiers") or outside:
        reads = f" (it reads {', '.join(outside)})" if outside else ""
        raise QueryRefused(f"the filter {where[:80]!r} is not one condition on claims_v over the documented views"
                           f"{reads}; write e.g. kind = 'money' AND document_id = 3")
    return [row[0] for row in run_query(store, sql, max_rows=None, timeout=timeout).rows]
