"""Read-only SQL over the workbench database: the surface for people who query.

A statement is checked before it runs: exactly one statement, and only ``SELECT`` (including
``WITH``, ``FROM``-first, ``SHOW``, ``DESCRIBE``, ``SUMMARIZE``, ``PRAGMA`` reads) or ``EXPLAIN``.
It then runs on a connection opened read-only with file access outside the database disabled,
so neither ``COPY ... TO``, ``ATTACH``, ``read_csv('/etc/passwd')`` nor a setting change can get
through even if the check were wrong.
"""
from __future__ import annotations

from dataclasses import dataclass

import duckdb

from workbench.errors import WorkbenchError
from workbench.store.db import Store

ALLOWED = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}
READ_ONLY_CONFIG = {"enable_external_access": False, "lock_configuration": True}
#: What the surface offers, in a sentence for people about to write a query.
SURFACE = ("Read-only: one SELECT (or WITH, DESCRIBE, SHOW, EXPLAIN) over documents_v, claims_v, matches_v, "
           "reviews_v and the tables beneath them. Anything that would write is refused.")
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


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple]


def check_read_only(sql: str) -> None:
    """Raise :class:`QueryRefused` unless ``sql`` is exactly one read-only statement."""
    try:
        statements = duckdb.connect(":memory:").extract_statements(sql)
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


def run_query(store: Store, sql: str, limit: int | None = None) -> QueryResult:
    """Run one read-only statement and return its columns and rows (at most ``limit`` rows)."""
    check_read_only(sql)
    with store.read_existing(config=READ_ONLY_CONFIG) as con:
        try:
            cursor = con.execute(sql)
        except duckdb.Error as error:
            raise WorkbenchError(f"query failed: {str(error).splitlines()[0]}") from None
        columns = [d[0] for d in cursor.description or []]
        rows = cursor.fetchmany(limit) if limit else cursor.fetchall()
    return QueryResult(columns, rows)
