"""What every page shares: the database, the reviewer, cached reads and their invalidation.

The app holds no database connection between reruns: each read opens the file briefly (through the
library) and is cached for a few seconds with ``st.cache_data``; every write clears the cache, so
the reviewer sees their change at once and other processes' imports within the TTL.
"""
from __future__ import annotations

from collections.abc import Callable
from types import FunctionType
from typing import TypeVar

import streamlit as st

from workbench.errors import ACCOUNT, DAMAGED, DATABASE, ENCODING, PROFILE, TEXT_FIELD, WorkbenchError
from workbench.settings import resolve_db_path
from workbench.store.db import Store
from workbench.ui.components import CSS, md

READ_TTL_S = 10
T = TypeVar("T")


def db_path() -> str:
    return str(resolve_db_path().resolve())


def store() -> Store:
    return Store(db_path())


def reviewer() -> str | None:
    return (st.session_state.get("reviewer") or "").strip() or None


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
    """Page styles and a heading."""
    st.html(CSS)
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
    return reader(Store(path), *args)
