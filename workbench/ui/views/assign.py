"""Assign: give reviewers claims in bulk (an article's, or those a filter selects), and send decided claims back
for correction, as `workbench assign` and `workbench send-back` do (an editor's page)."""
from __future__ import annotations

import streamlit as st

from workbench import team
from workbench.errors import WorkbenchError
from workbench.store import assignments, documents
from workbench.ui import common
from workbench.ui.components import md

common.setup("Assign")
common.show_flash()
path = common.db_path()
state = st.session_state

st.caption("A reviewer's queue opens on the claims assigned to them that await their verdict. Assigning again "
           "reassigns; claims that already have a verdict are left as they are: send one back to have it corrected.")
load = common.read(path, assignments.workload)
if load:
    st.dataframe(load, hide_index=True, width="stretch", key="assign_workload",
                 column_config={"pending": "awaiting a verdict", "sent_back": "of which sent back", "done": "done"})
if common.reviewer() is None:
    st.warning("Enter your name under **Reviewer** in the sidebar: it is stored with every assignment.")

names = [account.name for account in common.read(path, team.users) if account.enabled]
articles = {row["id"]: row["title"] or f"document {row['id']}" for row in common.read(path, documents.article_titles)}


def reviewer_field(label: str, key: str) -> None:
    """The reviewers to choose from: the accounts, or a name to type on a database without any."""
    if names:
        st.selectbox(label, names, key=key, format_func=md)
    else:
        st.text_input(label, key=key)


def assign() -> None:
    by_article = state["assign_by"] == "article"
    try:
        done = team.assign(common.store(), common.reviewer(), state["assign_to"],
                           document_id=state["assign_document"] if by_article else None,
                           where=None if by_article else state["assign_filter"])
    except WorkbenchError as error:
        common.flash(f"Not assigned: {error}", "⚠️")
        return
    common.changed()
    common.flash(f"{done.assigned} claims assigned to {state['assign_to']}"
                 + (f"; {done.reviewed} already reviewed, left as they are" if done.reviewed else ""))


def send_back() -> None:
    try:
        to = team.send_back(common.store(), int(state["send_back_claim"]), common.reviewer(), state["send_back_note"])
    except WorkbenchError as error:
        common.flash(f"Not sent back: {error}", "⚠️")
        return
    common.changed()
    state["send_back_note"] = ""
    common.flash(f"Claim {state['send_back_claim']} sent back to {to}")


st.subheader("Assign claims")
st.radio("Claims", ["article", "filter"], key="assign_by", horizontal=True,
         format_func={"article": "Every claim of an article", "filter": "A filter"}.get)
if state["assign_by"] == "article":
    st.selectbox("Article", list(articles), key="assign_document", format_func=lambda d: md(articles[d]))
else:
    st.text_area("Filter (a SQL condition on the claims view, read-only)", key="assign_filter", height=68,
                 placeholder="kind = 'money' AND checkworthiness > 0.8")
reviewer_field("To", "assign_to")
st.button("Assign", key="assign_submit", type="primary", on_click=assign, disabled=common.reviewer() is None)

st.subheader("Send back for correction")
columns = st.columns([1, 3])
columns[0].number_input("Claim", min_value=1, step=1, key="send_back_claim")
columns[1].text_input("What to correct", key="send_back_note")
st.button("Send back", key="send_back_submit", on_click=send_back, disabled=common.reviewer() is None,
          help="To whoever gave its verdict; it is back in their queue with this note.")
