"""Entry script of the review UI: reads the database path and lists the claims.

The full review workbench (queue, evidence, verdicts, shortcuts) is built on top of this page.
"""
from __future__ import annotations

import streamlit as st

from workbench.settings import resolve_db_path
from workbench.store.db import Store

st.set_page_config(page_title="Claim workbench", layout="wide")
store = Store(resolve_db_path())


@st.cache_data(ttl=5)
def load_claims(path: str):
    with Store(path).read() as con:
        return con.execute(
            "SELECT claim_id, document, kind, quantity, value, unit, subject, status, checkworthiness, sentence "
            "FROM claims_v ORDER BY checkworthiness DESC"
        ).df()


st.title("Claim workbench")
claims = load_claims(str(store.path))
st.caption(f"{len(claims)} claims in {store.path}")
st.dataframe(claims, hide_index=True, use_container_width=True)
