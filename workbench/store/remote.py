"""A workbench database served over DuckDB's Quack protocol: ``workbench serve`` and ``--db quack:HOST:PORT``.

One process (:class:`Server`) holds the database file read-write and serves it; any number of clients on
other processes or machines send it SQL. No client ever opens the file, so none waits on its lock: the
server's DuckDB runs their transactions side by side (MVCC), as it would threads of one process.

Quack's attached catalogs append rows but cannot update, delete, roll back or upsert, so a client does not
run its SQL against an attached catalog: it sends each statement whole, its parameters written in as
literals, to a session of its own on the server (``quack_query_by_name``), where ``BEGIN``, ``COMMIT`` and
``ROLLBACK`` mean what they say. Rows a write registers as a view (:func:`~workbench.store.db.insert_rows`)
become a temporary table of that session. Each client process keeps its sessions in a small pool, so a
short read costs one round trip, not a new handshake.

The token is the server's and its clients' shared secret, read from ``$WORKBENCH_TOKEN`` on both sides and
never taken from the command line (where ``ps`` would show it). The extensions come from the
``duckdb-extension-quack`` and ``duckdb-extension-httpfs`` wheels and are loaded by path: nothing downloads.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import importlib
import math
import os
import random
import re
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

import duckdb
import pyarrow as pa

from workbench.errors import WorkbenchError
from workbench.settings import LOCK_TIMEOUT_S, QUACK_PREFIX, TOKEN_ENV, cache_dir
from workbench.store.db import CONNECTION_CONFIG, SCHEMA_VERSION, DatabaseLocked, Store, _damage, _damaged

#: Quack's own default port.
DEFAULT_PORT = 9494
#: Shorter tokens are refused: the token is all that stands between the network and the database.
MIN_TOKEN_CHARS = 16
#: The longest pause between two tries for the turn to write: a turn is held for one transaction (a verdict
#: takes about 15 ms), so a longer pause would mostly leave the turn idle.
TURN_MAX_WAIT_S = 0.03
#: Rows per INSERT statement when registered rows are sent to the server.
ROWS_PER_STATEMENT = 2_000


class ServerUnavailable(WorkbenchError):
    """No server answers at the address, or it refused this client's token."""


def extension_path(name: str) -> Path:
    """The DuckDB extension ``name`` as the ``duckdb-extension-NAME`` wheel ships it for this DuckDB."""
    package = f"duckdb_extension_{name}"
    try:
        module = importlib.import_module(package)
    except ImportError:
        raise WorkbenchError(f"the DuckDB extension {name} is not installed; "
                             f"pip install duckdb-extension-{name}=={duckdb.__version__}") from None
    path = Path(module.__file__).parent / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"
    if not path.exists():
        raise WorkbenchError(f"{path}: the {name} extension for DuckDB {duckdb.__version__} is missing; "
                             f"pip install duckdb-extension-{name}=={duckdb.__version__}")
    return path


def _load_extensions(con: duckdb.DuckDBPyConnection) -> None:
    for name in ("httpfs", "quack"):  # quack talks HTTP through httpfs, on both sides
        con.execute(f"LOAD '{extension_path(name)}'")


def is_remote(target: str | os.PathLike) -> bool:
    return str(target).startswith(QUACK_PREFIX)


def parse_address(target: str) -> tuple[str, int]:
    """``quack:HOST:PORT`` (or ``quack:HOST``, port 9494) → (host, port)."""
    match = re.fullmatch(r"quack:(\[[^\]]+\]|[^:/\s]+)(?::(\d{1,5}))?", target)
    if not match:
        raise WorkbenchError(f"{target}: not a server address; write it quack:HOST:PORT, e.g. quack:127.0.0.1:9494")
    return match.group(1), int(match.group(2) or DEFAULT_PORT)


def read_token() -> str:
    """The shared secret from ``$WORKBENCH_TOKEN``; refused when unset or too short to be one."""
    token = os.environ.get(TOKEN_ENV, "")
    if not token:
        raise WorkbenchError(f"${TOKEN_ENV} is not set; set it to the server's token (the same on the server and "
                             f"every client), e.g. export {TOKEN_ENV}=$(openssl rand -hex 24)")
    if len(token) < MIN_TOKEN_CHARS:
        raise WorkbenchError(f"${TOKEN_ENV} is {len(token)} characters long; a token needs at least "
                             f"{MIN_TOKEN_CHARS}, e.g. export {TOKEN_ENV}=$(openssl rand -hex 24)")
    return token


# -- parameters as literals ----------------------------------------------------------------------------

def sql_literal(value) -> str:
    """``value`` written as a DuckDB literal that reads back as the same value."""
    if value is None:
        return "NULL"
    if hasattr(value, "item") and not isinstance(value, (str, bytes)) and getattr(value, "ndim", 0) == 0:
        value = value.item()  # a NumPy scalar
    elif hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        value = value.tolist()  # a NumPy array
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else f"'{value}'::DOUBLE"
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "'" + "".join(f"\\x{byte:02x}" for byte in bytes(value)) + "'::BLOB"
    if isinstance(value, dt.datetime):
        kind = "TIMESTAMPTZ" if value.tzinfo else "TIMESTAMP"
        return f"{kind} '{value.isoformat(sep=' ')}'"
    if isinstance(value, dt.date):
        return f"DATE '{value.isoformat()}'"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(sql_literal(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{sql_literal(str(key))}: {sql_literal(item)}" for key, item in value.items()) + "}"
    raise TypeError(f"no SQL literal for a {type(value).__name__}")


#: What a statement's ``?`` may sit inside and must then be left alone: strings, quoted names, comments.
_NOT_PLACEHOLDERS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*|/\*.*?\*/|\?", re.DOTALL)


def inline(sql: str, params: list | tuple | None) -> str:
    """``sql`` with each ``?`` placeholder replaced by its parameter as a literal."""
    if not params:
        return sql
    values = iter(params)
    written = 0

    def replace(match: re.Match) -> str:
        nonlocal written
        if match.group(0) != "?":
            return match.group(0)
        written += 1
        try:
            return sql_literal(next(values))
        except StopIteration:
            raise WorkbenchError(f"a statement has more placeholders than the {len(params)} values given") from None

    text = _NOT_PLACEHOLDERS.sub(replace, sql)
    if written != len(params):
        raise WorkbenchError(f"a statement has {written} placeholders for {len(params)} values")
    return text


# -- the client ------------------------------------------------------------------------------------------

#: A column of nothing but NULLs has DuckDB's NULL type, which no table's column may have.
_NULL_TYPE = re.compile(r"\bNULL\b")


class RemoteConnection:
    """What the store's functions use of a DuckDB connection, sent to one session on the server."""

    def __init__(self, cursor: duckdb.DuckDBPyConnection, session: str):
        self._cursor = cursor
        self._session = session

    def execute(self, sql: str, params: list | tuple | None = None) -> duckdb.DuckDBPyConnection:
        """Run ``sql`` on the server; the rows come back on a local cursor (fetchone, fetchmany, description)."""
        return self._cursor.execute("FROM quack_query_by_name(?, ?)", [self._session, inline(sql, params)])

    def begin(self) -> None:
        self.execute("BEGIN TRANSACTION")

    def commit(self) -> None:
        self.execute("COMMIT")

    def rollback(self) -> None:
        self.execute("ROLLBACK")

    def interrupt(self) -> None:
        self._cursor.interrupt()

    def register(self, name: str, table: pa.Table) -> None:
        """Make ``table`` readable as ``name`` by this session's statements: a temporary table on the server."""
        local = f"_local_{uuid.uuid4().hex}"
        self._cursor.register(local, table)
        try:
            types = self._cursor.execute(f"DESCRIBE SELECT * FROM {local}").fetchall()
        finally:
            self._cursor.unregister(local)
        columns = ", ".join(f'"{column}" {_NULL_TYPE.sub("VARCHAR", kind)}' for column, kind, *_ in types)
        self.execute(f'CREATE OR REPLACE TEMP TABLE "{name}" ({columns})')
        rows = table.to_pylist()
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            values = ", ".join("(" + ", ".join(sql_literal(value) for value in row.values()) + ")"
                               for row in rows[start:start + ROWS_PER_STATEMENT])
            self.execute(f'INSERT INTO "{name}" VALUES {values}')

    def unregister(self, name: str) -> None:
        self.execute(f'DROP TABLE IF EXISTS temp."{name}"')


class _Client:
    """One in-memory DuckDB with the extensions loaded, and the server sessions this process has open."""

    def __init__(self, target: str):
        self.target = target
        self.host, self.port = parse_address(target)
        self.database = duckdb.connect(":memory:", config=CONNECTION_CONFIG)
        _load_extensions(self.database)
        self.free: list[str] = []
        self.guard = threading.Lock()
        self.writing = threading.RLock()
        self.opened = 0

    def _attach(self) -> str:
        with self.guard:
            self.opened += 1
            session = f"server_{self.opened}"
        token = read_token()
        cursor = self.database.cursor()
        try:
            cursor.execute(f"ATTACH '{QUACK_PREFIX}{self.host}:{self.port}' AS {session} "
                           f"(TOKEN {sql_literal(token)}, DISABLE_SSL true)")
        except duckdb.Error as error:
            raise self._unavailable(error) from None
        finally:
            cursor.close()
        return session

    def _unavailable(self, error: duckdb.Error) -> ServerUnavailable:
        if "Authentication failed" in str(error):
            return ServerUnavailable(f"{self.target}: the server refused the token in ${TOKEN_ENV}; set it to the "
                                     f"token the server was started with")
        return ServerUnavailable(f"{self.target}: no workbench server answers there ({_first_line(error)}); "
                                 f"start one with workbench serve --db FILE --port {self.port}, or check the address")

    @contextmanager
    def session(self) -> Iterator[RemoteConnection]:
        with self.guard:
            session = self.free.pop() if self.free else None
        session = session or self._attach()
        cursor = self.database.cursor()
        healthy = False
        try:
            yield RemoteConnection(cursor, session)
            healthy = True
        except duckdb.IOException as error:
            raise ServerUnavailable(f"{self.target}: the server stopped answering ({_first_line(error)}); "
                                    f"check that workbench serve is running") from None
        finally:
            cursor.close()
            if healthy:
                with self.guard:
                    self.free.append(session)
            else:
                with contextlib.suppress(duckdb.Error):
                    self.database.execute(f"DETACH {session}")


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]


_CLIENTS: dict[str, _Client] = {}
_CLIENTS_GUARD = threading.Lock()
#: The servers this process has found at the current schema.
_CHECKED: set[str] = set()


def _client(target: str) -> _Client:
    with _CLIENTS_GUARD:
        if target not in _CLIENTS:
            _CLIENTS[target] = _Client(target)
        return _CLIENTS[target]


class RemoteStore(Store):
    """A workbench database that ``workbench serve`` serves at ``quack:HOST:PORT``.

    It reads and writes as :class:`Store` does, through sessions on the server instead of the file; derived
    data that lives beside a file (the passage index) lives in this machine's cache folder instead.
    """

    def __init__(self, target: str):
        host, port = parse_address(target)
        self.target = target
        self.path = cache_dir() / f"quack-{host.strip('[]').replace(':', '_')}-{port}"

    def __repr__(self) -> str:
        return f"RemoteStore({self.target!r})"

    def __str__(self) -> str:
        return self.target

    def exists(self) -> bool:
        return True  # the server created and migrated its file before it served it

    @contextmanager
    def write(self) -> Iterator[RemoteConnection]:
        """One transaction in a session of the server, once it is this writer's turn (see migration 0019):
        committed on success, rolled back on error."""
        self._check_schema()
        client = _client(self.target)
        with client.writing, client.session() as con:  # this process's threads queue here, not on the server
            self._take_turn(con)
            try:
                yield con
                con.commit()
            except BaseException as error:
                with contextlib.suppress(duckdb.Error):
                    con.rollback()
                if isinstance(error, duckdb.Error) and _damage(error):
                    raise _damaged(Path(self.target), error) from None
                raise

    def _take_turn(self, con: RemoteConnection) -> None:
        """Begin a transaction whose first act is to update the one row of ``write_turn``: the server refuses
        it while another writer's transaction has updated the row, so try again, with jittered backoff, for
        as long as a command would wait for the file's lock."""
        deadline = time.monotonic() + LOCK_TIMEOUT_S
        delay = 0.002
        writer = f"{socket.gethostname()} pid {os.getpid()}"
        while True:
            try:  # one round trip: the turn is tried for often while another writer holds it
                con.execute("BEGIN TRANSACTION; UPDATE write_turn SET taken_at = now(), taken_by = ? WHERE id = 1",
                            [writer])
                return
            except duckdb.Error as error:
                with contextlib.suppress(duckdb.Error):
                    con.rollback()
                if "Conflict" not in str(error):
                    raise
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DatabaseLocked(f"{self.target}: other writers kept the server's database busy for "
                                     f"{LOCK_TIMEOUT_S:g} s; try again when they have finished")
            time.sleep(min(remaining, delay * random.uniform(0.5, 1.5)))
            delay = min(delay * 2, TURN_MAX_WAIT_S)

    @contextmanager
    def read(self, config: dict | None = None) -> Iterator[RemoteConnection]:
        """A session of the server for reads (``config`` is the embedded file's; the server keeps its own)."""
        self._check_schema()
        with _client(self.target).session() as con:
            yield con

    def read_existing(self, config: dict | None = None):
        return self.read(config)

    def require_existing(self) -> None:
        self._check_schema()

    def ensure(self) -> None:
        self._check_schema()

    def _check_schema(self) -> None:
        if self.target in _CHECKED:
            return
        with _client(self.target).session() as con:
            version = con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            raise WorkbenchError(f"{self.target}: the server's database is at schema {version}, this workbench "
                                 f"expects {SCHEMA_VERSION}; run the same version of the workbench on both")
        _CHECKED.add(self.target)


def open_store(target: str | os.PathLike) -> Store:
    """The store at ``target``: a file path, or ``quack:HOST:PORT`` for a database ``workbench serve`` serves."""
    return RemoteStore(str(target)) if is_remote(target) else Store(target)


# -- the server ------------------------------------------------------------------------------------------

class Server:
    """The database file at ``path``, held read-write by this process and served at ``host:port``.

    Use as a context manager: serving starts on entry (the file created or migrated first) and stops on exit.
    """

    def __init__(self, path: str | Path, *, host: str = "127.0.0.1", port: int = DEFAULT_PORT):
        self.store = Store(path)
        self.host = host
        self.port = port
        self.token = read_token()
        self._con: duckdb.DuckDBPyConnection | None = None

    @property
    def address(self) -> str:
        return f"{QUACK_PREFIX}{self.host}:{self.port}"

    def __enter__(self) -> Self:
        self.store.ensure()
        con = self.store._connect(read_only=False)
        try:
            _load_extensions(con)
            con.execute(f"CALL quack_serve({sql_literal(self.address)}, token := {sql_literal(self.token)}, "
                        f"allow_other_hostname := {sql_literal(self.host not in ('127.0.0.1', 'localhost'))}, "
                        f"disable_ssl := true)").fetchall()
            # Clients send SQL: none may read or write the server's other files, attach them, or change its
            # settings (the authentication function among them); the database file itself stays open.
            con.execute("SET enable_external_access = false")
            con.execute("SET lock_configuration = true")
        except duckdb.Error as error:
            con.close()
            raise WorkbenchError(f"{self.address}: could not serve {self.store.path} ({_first_line(error)}); "
                                 f"choose another port with --port") from None
        except BaseException:
            con.close()
            raise
        self._con = con
        return self

    def __exit__(self, *exc) -> bool:
        if self._con is not None:
            with contextlib.suppress(duckdb.Error):
                self._con.execute(f"CALL quack_stop({sql_literal(self.address)})")
            self._con.close()
            self._con = None
        return False
