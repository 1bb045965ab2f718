"""A team reviews together: accounts, their roles, logging in.

Accounts are optional: a database without an enabled account is one person's, and every page is open to
whoever runs the UI (the reviewer types their name). Once an account exists, the UI asks for a login before
any page, and each page is open to the roles that need it (:data:`ROLES`, each including the ones before it).

A password is hashed with argon2id (``argon2-cffi``, its recommended parameters) and only the hash is stored;
no function here returns or prints a password. A failed login makes the next attempt under the same name wait
(:func:`login_wait`: 1 s after the first failure, doubling up to :data:`MAX_LOGIN_WAIT_S`), counted in the
database so that every session and process of the UI sees it; a name that is no account waits the same, so the
delay tells nothing of which names exist.
"""
from __future__ import annotations

import datetime as dt

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from workbench.errors import WorkbenchError
from workbench.store import accounts as stored
from workbench.store.accounts import Account
from workbench.store.db import Store, utc_now

#: The roles, each allowed what the ones before it are: a reviewer gives verdicts, an editor also imports,
#: assigns, exports and queries, an admin also manages accounts and the publisher profile.
ROLES = ("reviewer", "editor", "admin")
MIN_PASSWORD = 8
MAX_LOGIN_WAIT_S = 60.0
_HASHER = PasswordHasher()
#: Checked against when a name is no account, so that a login takes as long whether or not it is one.
_NO_ACCOUNT = _HASHER.hash("no account has this password")


class LoginRefused(WorkbenchError):
    """A name and password that do not log in, or a name that must wait before trying again."""


def _role(role: str) -> str:
    if role not in ROLES:
        raise WorkbenchError(f"unknown role {role!r} (one of {', '.join(ROLES)})")
    return role


def allows(role: str | None, needed: str) -> bool:
    """Whether an account of ``role`` may do what ``needed`` may; None (no accounts: one person's database)
    may do everything."""
    return role is None or ROLES.index(role) >= ROLES.index(_role(needed))


def _name(name: str) -> str:
    name = (name or "").strip()
    if not name or len(name) > 64 or any(not (ch.isalnum() or ch in "._-@ ") for ch in name):
        raise WorkbenchError(f"account name {name[:70]!r} must be 1 to 64 letters, digits, spaces or . _ - @")
    return name


def _hashed(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise WorkbenchError(f"the password must be at least {MIN_PASSWORD} characters long")
    return _HASHER.hash(password)


def add_user(store: Store, name: str, role: str, password: str) -> Account:
    """Create an enabled account with ``role``; the password is stored only as its hash."""
    name = _name(name)
    stored.add_account(store, name, _role(role), _hashed(password))
    return stored.account(store, name)


def set_password(store: Store, name: str, password: str) -> None:
    stored.set_password_hash(store, name, _hashed(password))


def disable_user(store: Store, name: str) -> None:
    """The account can no longer log in; its verdicts stay attributed to it."""
    stored.set_enabled(store, name, False)


def users(store: Store) -> list[Account]:
    return stored.accounts(store)


def accounts_required(store: Store) -> bool:
    """Whether the UI asks for a login: when at least one account is enabled."""
    return stored.enabled_accounts(store) > 0


def login_wait(failures: int) -> float:
    """Seconds a name must wait after ``failures`` failed logins in a row before its next attempt."""
    return 0.0 if failures <= 0 else min(2.0 ** (failures - 1), MAX_LOGIN_WAIT_S)


def login(store: Store, name: str, password: str, now: dt.datetime | None = None) -> Account:
    """The account ``name`` when ``password`` is its password; otherwise :class:`LoginRefused`, the same for a
    wrong password, a disabled account and no account, and the failure counted against ``name``."""
    name, now = (name or "").strip(), now or utc_now()
    failures, last = stored.login_failures(store, name)
    remaining = login_wait(failures) - (now - last).total_seconds() if last else 0.0
    if remaining > 0:
        raise LoginRefused(f"too many failed logins as {name!r}; wait {remaining:.0f} s, then try again")
    hashed = stored.password_hash(store, name)
    try:
        _HASHER.verify(hashed or _NO_ACCOUNT, password)
        ok = hashed is not None
    except (VerificationError, InvalidHashError):
        ok = False
    stored.record_login(store, name, ok, now)
    if not ok:
        raise LoginRefused(f"name or password not recognised for {name!r}; check both, or ask an admin to "
                           "reset the password")
    return stored.account(store, name)
