"""What every page shares: the database, who is reviewing (and whether the page is theirs), cached reads and
their invalidation.

The app holds no database connection between reruns: each read opens the file briefly (through the
library) and is cached for a few seconds with ``st.cache_data``; every write clears the cache, so
the reviewer sees their change at once and other processes' imports within the TTL.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import FunctionType
from typing import TypeVar

import streamlit as st

from workbench import team
from workbench.errors import ACCOUNT, DAMAGED, DATABASE, ENCODING, PROFILE, TEXT_FIELD, WorkbenchError
from workbench.settings import resolve_db
from workbench.store import accounts
from workbench.store.db import Store
from workbench.store.remote import is_remote, open_store
from workbench.ui.components import CSS, md

READ_TTL_S = 10
T = TypeVar("T")


def db_path() -> str:
    """The database file's absolute path, or the ``quack:HOST:PORT`` of the server that serves it."""
    target = resolve_db()
    return target if is_remote(target) else str(Path(target).resolve())


def store() -> Store:
    return open_store(db_path())


#: Each page by its title, and the role it needs once the database has accounts (see :data:`workbench.team.ROLES`;
#: the SQL page is an admin's because a query can read every table, the account table's hashes among them).
ACCESS = {"Review": "reviewer", "Documents": "reviewer", "Sources": "reviewer", "Dashboard": "reviewer",
          "Import articles": "editor", "Export": "editor", "Assign": "editor", "Sign-off": "editor",
          "SQL": "admin", "Settings": "admin", "Accounts": "admin"}


def accounts_required() -> bool:
    """Whether the database has an enabled account, so every page needs a login."""
    return read(db_path(), team.accounts_required)


def signed_in() -> accounts.Account | None:
    """The account logged in to this session, as the database has it now (a disabled one is logged out)."""
    name = st.session_state.get("user")
    if name is None:
        return None
    account = read(db_path(), accounts.account, name)
    if account is None or not account.enabled:
        st.session_state.pop("user")
        return None
    return account


def role() -> str | None:
    """The logged-in account's role; None on a database without accounts (every page is open)."""
    account = signed_in()
    return account.role if account else None


def allowed(needed: str) -> bool:
    """Whether whoever uses this session may do what the role ``needed`` may."""
    return not accounts_required() or (signed_in() is not None and team.allows(role(), needed))


def reviewer() -> str | None:
    """The name stored with verdicts: the logged-in account's; without accounts, the name typed in the sidebar."""
    if accounts_required():
        account = signed_in()
        return account.name if account else None
    return (st.session_state.get("reviewer") or "").strip() or None


def log_out() -> None:
    """Forget everything this session held: who was logged in, and what they had entered."""
    st.session_state.clear()


def claim_under_review() -> int | None:
    """The claim the Review page shows: one opened from another page (``open_claim``), else its queue's current one."""
    return st.session_state.get("open_claim") or st.session_state.get("current_claim")


def attached_evidence(claim_id: int) -> list[int]:
    """The passages attached to a claim from outside its candidates (``attached_{claim_id}``: the Sources page's
    search results), in the order attached; the Review page's verdict takes those still ticked."""
    return list(st.session_state.get(f"attached_{claim_id}", []))


def attach_evidence(claim_id: int, passage_id: int) -> None:
    """Pick a passage as evidence for a claim, as the Review page's evidence checkbox does
    (``ev_{claim_id}_{passage_id}``), and list it in :func:`attached_evidence`."""
    st.session_state[f"ev_{claim_id}_{passage_id}"] = True
    attached = attached_evidence(claim_id)
    if passage_id not in attached:
        st.session_state[f"attached_{claim_id}"] = attached + [passage_id]


def setup(title: str) -> None:
    """Page styles and a heading, once the page is known to be open to this session (:data:`ACCESS`)."""
    st.html(CSS)
    if accounts_required():
        account, needed = signed_in(), ACCESS[title]
        if account is None:
            st.warning("Log in first: this database has accounts.")
            st.stop()
        if not team.allows(account.role, needed):
            st.error(md(f"{title} is for the role {needed} and above; {account.name} is a {account.role}."))
            st.stop()
    st.title(title)


def changed() -> None:
    """Call after every write: cached reads are stale now."""
    st.cache_data.clear()


#: How to get past an error on these pages (the command line names its options instead; see workbench.errors).
HINTS = {
    TEXT_FIELD: "put the text in a field (or column) named 'text', then upload the file again",
    ENCODING: "save the file as UTF-8, then upload it again",
    DATABASE: "import documents on the Import page first",
    DAMAGED: "restore the file from a backup, or start the UI on another one (workbench ui --db FILE)",
    PROFILE: "fill in each on the Settings page, then prepare the export again",
    ACCOUNT: "the Accounts page lists every account and adds new ones",
}


def shorten(text: str, width: int) -> str:
    """``text`` if it fits in ``width`` characters, else cut after its last whole word there, with an ellipsis
    (mid-word only when its first ``width`` characters hold no space)."""
    if len(text) <= width:
        return text
    return text[:width + 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def hint(remedy: str | None) -> str:
    return HINTS.get(remedy or "", "")


def show_error(error: WorkbenchError, prefix: str = "") -> None:
    """An error as one escaped line (user input in it is text, never Markdown), with this face's hint."""
    message = f"{prefix}{error}" + (f"; {hint(error.remedy)}" if hint(error.remedy) else "")
    st.error(md(message))


def flash(message: str, icon: str = "✅") -> None:
    st.session_state["flash"] = (message, icon)


def show_flash() -> None:
    if "flash" in st.session_state:
        message, icon = st.session_state.pop("flash")
        st.toast(md(message), icon=icon)


def _qualified_name(function: FunctionType) -> str:
    return f"{function.__module__}.{function.__qualname__}"


@st.cache_data(ttl=READ_TTL_S, show_spinner=False, hash_funcs={FunctionType: _qualified_name})
def read(path: str, reader: Callable[..., T], *args) -> T:
    """``reader(Store(path), *args)``, a read of the store, cached by its name and arguments for READ_TTL_S."""
    return reader(open_store(path), *args)
