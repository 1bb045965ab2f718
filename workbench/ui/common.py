"""What every page shares: the database, the reviewer, cached reads and their invalidation.

The app holds no database connection between reruns: each read opens the file briefly (through the
library) and is cached for a few seconds with ``st.cache_data``; every write clears the cache, so
the reviewer sees their change at once and other processes' imports within the TTL.
"""
from __future__ import annotations

import streamlit as st

from workbench import review
from workbench.settings import resolve_db_path
from workbench.store.db import Store
from workbench.ui.components import CSS, md

READ_TTL_S = 10


def db_path() -> str:
    return str(resolve_db_path().resolve())


def store() -> Store:
    return Store(db_path())


def reviewer() -> str | None:
    return (st.session_state.get("reviewer") or "").strip() or None


def setup(title: str) -> None:
    """Page styles and a heading."""
    st.html(CSS)
    st.title(title)


def changed() -> None:
    """Call after every write: cached reads are stale now."""
    st.cache_data.clear()


def flash(message: str, icon: str = "✅") -> None:
    st.session_state["flash"] = (message, icon)


def show_flash() -> None:
    if "flash" in st.session_state:
        message, icon = st.session_state.pop("flash")
        st.toast(md(message), icon=icon)


@st.cache_data(ttl=READ_TTL_S, show_spinner=False)
def queue_page(path: str, filters: review.QueueFilter, limit: int, offset: int) -> list[dict]:
    return review.queue(Store(path), filters, limit, offset)


@st.cache_data(ttl=READ_TTL_S, show_spinner=False)
def queue_total(path: str, filters: review.QueueFilter) -> int:
    return review.queue_count(Store(path), filters)


@st.cache_data(ttl=READ_TTL_S, show_spinner=False)
def claim_detail(path: str, claim_id: int) -> review.ClaimDetail:
    return review.claim_detail(Store(path), claim_id)


@st.cache_data(ttl=READ_TTL_S, show_spinner=False)
def rows(path: str, sql: str, params: tuple = ()) -> list[dict]:
    """A read of our own SQL (never user SQL) as a list of dicts."""
    with Store(path).read() as con:
        cursor = con.execute(sql, list(params))
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row)) for row in cursor.fetchall()]
