"""Entry script of the review UI (``workbench ui``): the page list and the reviewer's name.

Every page is a small script under ``views/`` (not ``pages/``: Streamlit would serve that folder on its
own, around this navigation) that reads from the library and renders; the logic lives in
:mod:`workbench.review`, :mod:`workbench.match`, :mod:`workbench.ingest` and friends.
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from workbench.errors import WorkbenchError
from workbench.ui.common import db_path, show_error
from workbench.ui.components import md

VIEWS = Path(__file__).parent / "views"
# Icons are emoji: the browser draws them itself (the tab's icon is an inline SVG of one), where a
# Material Symbols icon makes it fetch a font or an SVG from Google's font server.

st.set_page_config(page_title="Claim workbench", page_icon="🔎", layout="wide")
with st.sidebar:
    st.text_input("Reviewer", key="reviewer", placeholder="your name (needed to give verdicts)",
                  help="Stored with every verdict and correction you make; remembered for this session.")
    st.caption(f"Database: {md(db_path())}")

navigation = st.navigation([
    st.Page(VIEWS / "review.py", title="Review", icon="🔎", default=True),
    st.Page(VIEWS / "documents.py", title="Documents", icon="📄"),
    st.Page(VIEWS / "sources.py", title="Sources", icon="📚"),
    st.Page(VIEWS / "imports.py", title="Import", icon="📥"),
    st.Page(VIEWS / "dashboard.py", title="Dashboard", icon="📊"),
    st.Page(VIEWS / "sql.py", title="SQL", icon="🗄️"),
    st.Page(VIEWS / "export.py", title="Export", icon="📤"),
    st.Page(VIEWS / "settings.py", title="Settings", icon="⚙️"),
])
try:
    navigation.run()
except WorkbenchError as error:  # a damaged or busy database: one line with what to do, never a traceback
    show_error(error)
