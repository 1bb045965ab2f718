"""Accounts in the database: ``users`` (name, role, password hash, enabled) and ``login_failures``.

The rules (which roles there are, how a password is hashed and checked, how long a name must wait after
failed logins) live in :mod:`workbench.team`; each function here is one short read or one transaction.
No function returns a password hash except :func:`password_hash`, which only the login check calls.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from workbench.errors import ACCOUNT, WorkbenchError
from workbench.store.db import Store, records, utc_now


@dataclass(frozen=True)
class Account:
    """An account as it may be shown: never its password or its hash."""

    name: str
    role: str
    enabled: bool
    created_at: dt.datetime
    updated_at: dt.datetime


_ACCOUNT_COLUMNS = "name, role, enabled, created_at, updated_at"


def accounts(store: Store) -> list[Account]:
    """Every account, by name."""
    return [Account(**row) for row in store.records(f"SELECT {_ACCOUNT_COLUMNS} FROM users ORDER BY name")]


def account(store: Store, name: str) -> Account | None:
    found = store.records(f"SELECT {_ACCOUNT_COLUMNS} FROM users WHERE name = ?", [name])
    return Account(**found[0]) if found else None


def enabled_accounts(store: Store) -> int:
    """How many accounts may log in: when there is one, the UI asks everyone to."""
    return store.value("SELECT count(*) FROM users WHERE enabled")


def password_hash(store: Store, name: str) -> str | None:
    """The stored hash of an enabled account's password, or None when there is no such account."""
    found = store.records("SELECT password_hash FROM users WHERE name = ? AND enabled", [name])
    return found[0]["password_hash"] if found else None


def add_account(store: Store, name: str, role: str, hashed: str) -> None:
    """Create an enabled account; a name that is taken is refused."""
    with store.write() as con:
        if con.execute("SELECT count(*) FROM users WHERE name = ?", [name]).fetchone()[0]:
            raise WorkbenchError(f"account {name!r} already exists; choose another name, or change its password")
        now = utc_now()
        con.execute("INSERT INTO users (name, role, password_hash, enabled, created_at, updated_at) "
                    "VALUES (?, ?, ?, true, ?, ?)", [name, role, hashed, now, now])


def _update(store: Store, name: str, assignments: str, params: list) -> None:
    with store.write() as con:
        if not con.execute("SELECT count(*) FROM users WHERE name = ?", [name]).fetchone()[0]:
            raise WorkbenchError(f"no account named {name!r}", ACCOUNT)
        con.execute(f"UPDATE users SET {assignments}, updated_at = ? WHERE name = ?", params + [utc_now(), name])


def set_password_hash(store: Store, name: str, hashed: str) -> None:
    _update(store, name, "password_hash = ?", [hashed])


def set_enabled(store: Store, name: str, enabled: bool) -> None:
    _update(store, name, "enabled = ?", [enabled])


def login_failures(store: Store, name: str) -> tuple[int, dt.datetime | None]:
    """How many logins under ``name`` failed in a row, and when the last did."""
    found = store.records("SELECT failures, last_failed_at FROM login_failures WHERE name = ?", [name])
    return (found[0]["failures"], found[0]["last_failed_at"]) if found else (0, None)


def record_login(store: Store, name: str, succeeded: bool, at: dt.datetime) -> None:
    """A login under ``name`` at ``at``: a success forgets its failures, a failure counts one more."""
    with store.write() as con:
        if succeeded:
            con.execute("DELETE FROM login_failures WHERE name = ?", [name])
            return
        failures = next(records(con.execute("SELECT failures FROM login_failures WHERE name = ?", [name])),
                        {"failures": 0})["failures"]
        con.execute("INSERT OR REPLACE INTO login_failures (name, failures, last_failed_at) VALUES (?, ?, ?)",
                    [name, failures + 1, at])
