"""A team reviews together: accounts, their roles, logging in, who reviews which claim, second reviews and sign-off.

Accounts are optional: a database without an enabled account is one person's, and every page is open to
whoever runs the UI (the reviewer types their name). Once an account exists, the UI asks for a login before
any page, and each page is open to the roles that need it (:data:`ROLES`, each including the ones before it).

A password is hashed with argon2id (``argon2-cffi``, its recommended parameters) and only the hash is stored;
no function here returns or prints a password. A failed login makes the next attempt under the same name wait
(:func:`login_wait`: 1 s after the first failure, doubling up to :data:`MAX_LOGIN_WAIT_S`), counted in the
database so that every session and process of the UI sees it; a name that is no account waits the same, so the
delay tells nothing of which names exist.

Editors assign claims (an article's, or those a filter over ``claims_v`` selects) to reviewers, reassign them,
and send a decided claim back for correction with a note; a reviewer's queue is what is assigned to them, then
(when the profile's ``open_pool`` is ``yes``) the claims nobody is assigned. Every assignment names its author.

A share of decided claims (the profile's ``second_review`` percent) and every claim an editor flags go to a
second reviewer, who does not see the first verdict, note or evidence until they have decided. Where reviewers
disagree, an editor adjudicates: their verdict is final, signed off in their name. An editor signs off the other
verdicts; with accounts, ClaimReview exports only signed-off verdicts unless the profile's ``signoff`` is
``optional``.
"""
from __future__ import annotations

import datetime as dt
import math

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from workbench.errors import ACCOUNT, ReviewError, WorkbenchError
from workbench.export.profile import read_profile
from workbench.review import VERDICTS, Evidence
from workbench.store import accounts as stored
from workbench.store import assignments, signoffs
from workbench.store.accounts import Account
from workbench.store.assignments import Assigned
from workbench.store.db import Store, utc_now
from workbench.store.query import filtered_claims

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
    """The account can no longer log in; its verdicts stay attributed to it. The last enabled admin of a desk
    with other enabled accounts stays, so that someone can still manage them; disabling the very last account
    returns the database to one person's (no login)."""
    enabled = [account for account in stored.accounts(store) if account.enabled]
    admins = [account.name for account in enabled if account.role == "admin"]
    if admins == [name] and len(enabled) > 1:
        raise WorkbenchError(f"{name} is the last enabled admin; add another admin before disabling {name}")
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
        raise LoginRefused(f"too many failed logins as {name!r}; wait {math.ceil(remaining)} s, then try again")
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


# -- assignment ------------------------------------------------------------------------------------

def _member(store: Store, name: str, needed: str, doing: str) -> str:
    """``name``, checked when the database has accounts: an enabled account whose role allows ``needed``."""
    name = (name or "").strip()
    if not name:
        raise WorkbenchError(f"a name is required to {doing}")
    if accounts_required(store):
        account = stored.account(store, name)
        if account is None or not account.enabled:
            raise WorkbenchError(f"no enabled account named {name!r}", ACCOUNT)
        if not allows(account.role, needed):
            raise WorkbenchError(f"{name} is a {account.role}; only an {needed} or an admin may {doing}")
    return name


def assign(store: Store, by: str, to: str, *, document_id: int | None = None, where: str | None = None) -> Assigned:
    """Assign to ``to`` the claims of the article ``document_id``, or those the condition ``where`` on
    ``claims_v`` selects (read-only, over the documented views), replacing earlier assignments; claims that
    already have a verdict are left alone (send them back instead)."""
    if (document_id is None) == (not (where or "").strip()):
        raise WorkbenchError("choose the claims to assign: an article, or a filter (not both)")
    by = _member(store, by, "editor", "assign claims")
    to = _member(store, to, "reviewer", "review claims")
    ids = assignments.document_claims(store, document_id) if document_id is not None else \
        filtered_claims(store, where)
    return assignments.assign(store, ids, to, by)


def send_back(store: Store, claim_id: int, by: str, note: str, to: str | None = None) -> str:
    """Send a decided claim back for correction with ``note`` (what to correct), to ``to`` or else to whoever
    gave its verdict; returns to whom. Its verdict stays in force until a new one is given."""
    by = _member(store, by, "editor", "send claims back")
    if not (note or "").strip():
        raise WorkbenchError(f"claim {claim_id}: say what to correct in a note before sending it back")
    to = _member(store, to, "reviewer", "review claims") if to else None
    return assignments.send_back(store, claim_id, by, note.strip(), to)


def open_pool(store: Store) -> bool:
    """Whether reviewers may also take claims nobody is assigned (the profile's ``open_pool``)."""
    return read_profile(store)["open_pool"] == "yes"


def may_review(store: Store, claim_id: int, name: str, role: str | None) -> None:
    """Raise :class:`ReviewError` unless ``name`` (of ``role``; None without accounts) may give ``claim_id`` a
    verdict: an editor or an admin any claim, a reviewer a claim assigned to them, one nobody is assigned while
    the pool is open, or one whose second review is due that they have not decided."""
    if allows(role, "editor") or second_reviewer(store, claim_id, name):
        return
    current = assignments.assignment(store, claim_id)
    if current is not None and current["reviewer"] != name:
        raise ReviewError(f"claim {claim_id} is assigned to {current['reviewer']}; ask an editor to reassign it")
    if current is None and not open_pool(store):
        raise ReviewError(f"claim {claim_id} is assigned to nobody and the open pool is closed; ask an editor to "
                          "assign it to you")


# -- second review and sign-off --------------------------------------------------------------------

def second_reviewer(store: Store, claim_id: int, name: str | None) -> bool:
    """Whether ``name`` would be the claim's second reviewer: its second review is due, and they did not give its
    first verdict. Until they decide, they must not see that verdict, its note or its evidence."""
    current = signoffs.review_round(store, claim_id)
    return bool(current and current["second_due"] and name not in current["reviewers"])


def flag_second_review(store: Store, claim_ids: list[int], by: str) -> int:
    """Send claims to a second, blind reviewer (once decided); returns how many were not already sent."""
    return signoffs.flag_second_review(store, claim_ids, _member(store, by, "editor", "ask for second reviews"))


def sign_off(store: Store, claim_ids: list[int], by: str) -> int:
    """Approve each claim's verdict in force in the editor's name; returns how many were not signed off already.
    Claims reviewers disagree on are adjudicated instead."""
    by = _member(store, by, "editor", "sign off verdicts")
    disputed = [row["claim_id"] for row in signoffs.rounds(store, disagree=True, signed_off=False)]
    clash = sorted(set(claim_ids) & set(disputed))
    if clash:
        raise ReviewError(f"claim {clash[0]}: its reviewers disagree; adjudicate it (give the final verdict) instead")
    return signoffs.sign_off(store, claim_ids, by)


def adjudicate(store: Store, claim_id: int, by: str, verdict: str, note: str | None = None,
               evidence: Evidence = Evidence()) -> int:
    """The editor's final verdict on a claim (reviewers disagreeing on it, or not), signed off in their name;
    returns its review id."""
    by = _member(store, by, "editor", "adjudicate")
    if verdict not in VERDICTS:
        raise ReviewError(f"unknown verdict {verdict!r} (one of {', '.join(VERDICTS)})")
    return signoffs.adjudicate(store, claim_id, by, verdict, (note or "").strip() or None, evidence.to_json())


def signoff_required(store: Store) -> bool:
    """Whether ClaimReview exports only signed-off verdicts: on a database with accounts, unless the profile's
    ``signoff`` is ``optional``."""
    return accounts_required(store) and read_profile(store)["signoff"] == "required"
