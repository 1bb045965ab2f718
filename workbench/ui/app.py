"""Entry script of the review UI (``workbench ui``): the login when the database has accounts, the pages the
session's role may open, and who is reviewing.

Every page is a small script under ``views/`` (not ``pages/``: Streamlit would serve that folder on its
own, around this navigation) that reads from the library and renders; the logic lives in
:mod:`workbench.review`, :mod:`workbench.match`, :mod:`workbench.ingest` and friends.
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from workbench import team
from workbench.errors import WorkbenchError
from workbench.ui import common
from workbench.ui.common import ACCESS, db_path, show_error
from workbench.ui.components import md

VIEWS = Path(__file__).parent / "views"
# Icons are emoji: the browser draws them itself (the tab's icon is an inline SVG of one), where a
# Material Symbols icon makes it fetch a font or an SVG from Google's font server.

st.set_page_config(page_title="Claim workbench", page_icon="🔎", layout="wide")


def log_in() -> None:
    """The login form's callback: the account, or why not (a wrong password slows the next try down)."""
    state = st.session_state
    try:
        account = team.login(common.store(), state.get("login_name", ""), state.get("login_password", ""))
    except WorkbenchError as error:
        state["login_error"] = str(error)
    else:
        state.pop("login_error", None)
        state["user"] = account.name
    state["login_password"] = ""


def login_page() -> None:
    st.title("Claim workbench")
    st.caption(md(f"Database: {db_path()}"))
    with st.form("login"):
        st.text_input("Name", key="login_name")
        st.text_input("Password", type="password", key="login_password")
        st.form_submit_button("Log in", key="login_submit", type="primary", on_click=log_in)
    if "login_error" in st.session_state:
        st.error(md(st.session_state["login_error"]))


#: (script, title in the navigation, icon, the page's heading: what common.ACCESS knows it by)
PAGES = [("review.py", "Review", "🔎", "Review"), ("documents.py", "Documents", "📄", "Documents"),
         ("sources.py", "Sources", "📚", "Sources"), ("imports.py", "Import", "📥", "Import articles"),
         ("dashboard.py", "Dashboard", "📊", "Dashboard"), ("sql.py", "SQL", "🗄️", "SQL"),
         ("assign.py", "Assign", "🗂️", "Assign"), ("signoff.py", "Sign-off", "✅", "Sign-off"),
         ("export.py", "Export", "📤", "Export"),
         ("settings.py", "Settings", "⚙️", "Settings"),
         ("accounts.py", "Accounts", "👥", "Accounts")]
try:
    if common.accounts_required() and common.signed_in() is None:
        login_page()
        st.stop()
    account = common.signed_in()
    with st.sidebar:
        if account is None:
            st.text_input("Reviewer", key="reviewer", placeholder="your name (needed to give verdicts)",
                          help="Stored with every verdict and correction you make; remembered for this session.")
        else:
            st.markdown(md(f"Logged in as {account.name} ({account.role})"))
            st.button("Log out", key="logout", on_click=common.log_out)
        st.caption(f"Database: {md(db_path())}")
    navigation = st.navigation([
        st.Page(VIEWS / script, title=title, icon=icon, default=script == "review.py")
        for script, title, icon, heading in PAGES if account is None or team.allows(account.role, ACCESS[heading])])
    navigation.run()
except WorkbenchError as error:  # a damaged or busy database: one line with what to do, never a traceback
    show_error(error)
