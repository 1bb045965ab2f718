"""Opening the DuckDB file: briefly, with lock retries, migrated forward on first use.

DuckDB lets one process hold a database file for writing and then no other process may open it
at all. So nothing here keeps a connection: every operation opens the file, does one unit of
work and closes it. A process that meets another's lock retries with jittered backoff for a
bounded time and then raises :class:`DatabaseLocked`, which names the process holding the file.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import random
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import duckdb
import pyarrow as pa

from workbench.errors import DAMAGED, DATABASE, WorkbenchError
from workbench.settings import LOCK_TIMEOUT_S
from workbench.store import queue
from workbench.system import describe_process

_MIGRATIONS = resources.files("workbench.store") / "migrations"
_VIEWS = resources.files("workbench.store") / "views.sql"

# DuckDB refuses two connections to one file with different settings in one process (read-only
# vs read-write); the UI serves several sessions from threads, so opens are serialised per path.
_PROCESS_LOCKS: dict[str, threading.RLock] = {}
_PROCESS_LOCKS_GUARD = threading.Lock()
# For each file this process has seen at the current schema: its inode, size and modification time as they
# were when our last write closed. A new Store for the same unchanged file (the UI makes one per read)
# need not open it read-write again to check; any other change to the file means checking once more.
_MIGRATED: dict[str, tuple] = {}


class DatabaseLocked(WorkbenchError):
    """Another process held the database file for longer than we were prepared to wait."""


class DatabaseMissing(WorkbenchError):
    """A read was asked of a database file that does not exist."""


class DatabaseDamaged(WorkbenchError):
    """The file is not a DuckDB database, or one whose blocks no longer read back (cut short, overwritten),
    or a DuckDB database of something else."""


#: Every connection: DuckDB must never fetch an extension (a SQLite file at the path would make it try).
CONNECTION_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
#: What DuckDB says of a file that is not a readable DuckDB database, and what that means to a user.
_DAMAGE = {
    "not a valid DuckDB database": "not a DuckDB database file",
    "Corrupt database file": "a block of the file fails its checksum",
    "checksum": "a block of the file fails its checksum",
    "Could not read enough bytes": "the file is cut short",
    "Serialization Error": "the file's contents cannot be read back",
    "INTERNAL Error": "the file's contents cannot be read back",
    "Loading external extensions is disabled": "not a DuckDB database file (SQLite, or another format)",
    "sqlite_scanner": "not a DuckDB database file (SQLite, or another format)",
}


def _damage(error: Exception) -> str | None:
    """What is wrong with the file, when a DuckDB error says it is damaged; None for any other error."""
    text = str(error)
    return next((meaning for marker, meaning in _DAMAGE.items() if marker in text), None)


def _damaged(path: Path, error: Exception) -> DatabaseDamaged:
    return DatabaseDamaged(f"{path}: the database is damaged or not a workbench database: {_damage(error)}",
                           DAMAGED)


def migrations() -> list[tuple[int, str]]:
    """The forward migrations shipped with the package, as (version, SQL), in order."""
    found = []
    for entry in _MIGRATIONS.iterdir():
        match = re.match(r"(\d{4})_.*\.sql$", entry.name)
        if match:
            found.append((int(match.group(1)), entry.read_text(encoding="utf-8")))
    return sorted(found)


SCHEMA_VERSION = migrations()[-1][0]


def _holder(message: str) -> str:
    """Describe the process DuckDB names in a lock error: its PID and, when visible, its command."""
    pid_match = re.search(r"PID (\d+)", message)
    return describe_process(pid_match.group(1)) if pid_match else "another process"


#: How a ``workbench serve`` process shows in a lock error's description of the holder.
_SERVER_COMMAND = re.compile(r"\bworkbench(?:\.cli)? serve\b")


def _is_lock_error(error: Exception) -> bool:
    return "Could not set lock" in str(error) or "Conflicting lock" in str(error)


class Store:
    """A DuckDB workbench database at ``path``; cheap to create, holds no connection."""

    def __init__(self, path: str | Path, *, lock_timeout: float = LOCK_TIMEOUT_S):
        self.path = Path(path)
        self.lock_timeout = lock_timeout
        self._key = str(self.path.resolve())
        with _PROCESS_LOCKS_GUARD:
            self._process_lock = _PROCESS_LOCKS.setdefault(self._key, threading.RLock())

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    def __str__(self) -> str:
        return str(self.path)

    def _identity(self) -> tuple | None:
        try:
            stat = self.path.stat()
        except OSError:
            return None
        return stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns

    @property
    def _migrated(self) -> bool:
        identity = self._identity()
        return identity is not None and _MIGRATED.get(self._key) == identity

    # -- connections ---------------------------------------------------------------------------

    def _connect(self, read_only: bool, config: dict | None = None) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + self.lock_timeout
        delay = 0.02
        while True:
            try:
                return duckdb.connect(str(self.path), read_only=read_only, config={**CONNECTION_CONFIG,
                                                                                   **(config or {})})
            except duckdb.Error as error:
                if _damage(error):
                    raise _damaged(self.path, error) from None
                if not isinstance(error, duckdb.IOException) or not _is_lock_error(error):
                    raise
                holder = _holder(str(error))
                if _SERVER_COMMAND.search(holder):  # held until the server stops: waiting is no use
                    raise DatabaseLocked(f"{self.path}: database is served by {holder}; open it through the "
                                         f"server, as quack:HOST:PORT, instead of the file") from None
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise DatabaseLocked(
                        f"{self.path}: database is in use by {holder}; "
                        f"waited {self.lock_timeout:g} s. Try again when it has finished."
                    ) from None
                time.sleep(min(remaining, delay * random.uniform(0.5, 1.5)))
                delay = min(delay * 2, 0.5)

    @contextmanager
    def write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-write connection inside one transaction: committed on success, rolled back on error."""
        with self._process_lock:
            con = self._connect(read_only=False)
            try:
                if not self._migrated:
                    self._migrate(con)
                con.begin()
                try:
                    yield con
                    con.commit()
                except BaseException as error:
                    with contextlib.suppress(duckdb.Error):  # a failed commit may leave nothing to roll back
                        con.rollback()
                    if isinstance(error, duckdb.Error) and _damage(error):
                        raise _damaged(self.path, error) from None
                    raise
            finally:
                con.close()
            identity = self._identity()
            if identity is not None:
                _MIGRATED[self._key] = identity

    @contextmanager
    def read(self, config: dict | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection; other readers may share the file meanwhile, writers wait."""
        with self._process_lock:
            if not self._migrated:
                self.ensure()
            con = self._connect(read_only=True, config=config)
            try:
                yield con
            except duckdb.Error as error:
                if _damage(error):
                    raise _damaged(self.path, error) from None
                raise
            finally:
                con.close()

    def exists(self) -> bool:
        """Whether the database is there (a file not yet created is not)."""
        return self.path.exists()

    def require_existing(self) -> None:
        """Raise :class:`DatabaseMissing` unless the file is there: for reads that must not create it."""
        if not self.path.exists():
            raise DatabaseMissing(f"{self.path}: no such database", DATABASE)

    @contextmanager
    def read_existing(self, config: dict | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection that neither creates nor migrates the file (for ``workbench query``)."""
        self.require_existing()
        with self._process_lock:
            con = self._connect(read_only=True, config=config)
            try:
                yield con
            except duckdb.Error as error:
                if _damage(error):
                    raise _damaged(self.path, error) from None
                raise
            finally:
                con.close()

    def verify(self) -> None:
        """Read every stored value back (DuckDB checks each block's checksum as it reads), so that an import
        reports success only for a file that reads whole; raise :class:`DatabaseDamaged` otherwise."""
        with self.read() as con:
            for table in _table_names(con):
                con.execute(f'SELECT count(hash(COLUMNS(*))) FROM "{table}"').fetchall()
            for view in ("documents_v", "claims_v", "matches_v", "reviews_v"):  # their joins read more
                con.execute(f"SELECT count(*) FROM {view}").fetchall()

    def records(self, sql: str, params: list | tuple = ()) -> list[dict]:
        """Every row of one read, as dicts keyed by column name."""
        with self.read() as con:
            return list(records(con.execute(sql, list(params))))

    def value(self, sql: str, params: list | tuple = ()):
        """The one value a read returns (a count, say)."""
        with self.read() as con:
            return con.execute(sql, list(params)).fetchone()[0]

    def ensure(self) -> None:
        """Create the database or migrate it to the current schema, if it is not already."""
        with self.write():
            pass

    # -- schema --------------------------------------------------------------------------------

    def _migrate(self, con: duckdb.DuckDBPyConnection) -> None:
        tables = set(_table_names(con))
        if tables and "schema_version" not in tables:
            raise DatabaseDamaged(f"{self.path}: a DuckDB database of something else (tables "
                                  f"{', '.join(sorted(tables)[:5])}), not a workbench database", DAMAGED)
        con.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL)"
        )
        current = con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]
        pending = [(version, sql) for version, sql in migrations() if version > current]
        if pending:
            con.begin()
            try:
                for version, sql in pending:
                    con.execute(sql)
                    con.execute("INSERT INTO schema_version VALUES (?, now())", [version])
                con.execute(_VIEWS.read_text(encoding="utf-8"))
                queue.rebuild(con)  # derived from the tables through the views, which may have changed
                con.commit()
            except BaseException:
                con.rollback()
                raise

    def schema_version(self) -> int:
        with self.read() as con:
            return con.execute("SELECT max(version) FROM schema_version").fetchone()[0]


def _table_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [row["table_name"] for row in records(con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"))]


def utc_now() -> dt.datetime:
    """Now, in UTC, as the naive timestamp every table stores."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, columns: dict[str, list], *,
                or_replace: bool = False) -> None:
    """Insert columns of rows (name → values) in one statement, through Arrow: hundreds of times faster
    than a row-by-row ``executemany``. ``or_replace`` replaces rows with the same primary key."""
    if not next(iter(columns.values()), None):
        return
    view = f"_rows_{table}"
    con.register(view, pa.table(columns))
    try:
        con.execute(f"INSERT {'OR REPLACE ' if or_replace else ''}INTO {table} BY NAME SELECT * FROM {view}")
    finally:
        con.unregister(view)


#: Rows fetched from a cursor at a time by :func:`records`: bounded memory whatever the result's size.
FETCH_BATCH = 10_000


def records(cursor: duckdb.DuckDBPyConnection) -> Iterator[dict]:
    """A cursor's rows as dicts keyed by column name, fetched in batches: the one way the store hands rows on."""
    names = [column[0] for column in cursor.description]
    while rows := cursor.fetchmany(FETCH_BATCH):
        for row in rows:
            yield dict(zip(names, row))


def next_id(con: duckdb.DuckDBPyConnection, table: str) -> int:
    """The next free id of ``table``; safe because only one process can hold the file for writing."""
    return con.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0]
