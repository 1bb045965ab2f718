"""Documents: an article with its claims highlighted by status; open a claim, add a missed one, or rule one out."""
from __future__ import annotations

import streamlit as st

from workbench import review, team
from workbench.claims import KINDS, QUALIFIERS
from workbench.errors import WorkbenchError
from workbench.figures_text import row_figure_text
from workbench.ingest.readers import web_url
from workbench.store import documents
from workbench.ui import common
from workbench.ui.components import STATUS_COLOURS, Mark, escape, highlight

common.setup("Documents")
common.show_flash()
path = common.db_path()
state = st.session_state

articles = common.read(path, documents.articles)
if not articles:
    st.info("No articles yet: import some on the Import page or with `workbench import`.")
    st.stop()
titles = {row["id"]: f"{row['title'] or 'document ' + str(row['id'])} ({row['claims']} claims)" for row in articles}
document_id = st.selectbox("Article", list(titles), format_func=titles.get, key="doc_pick")
document = common.read(path, documents.document_by_id, document_id)
claims = common.read(path, documents.document_claims, document_id)


def open_claim(claim_id: int) -> None:
    state["open_claim"] = claim_id
    state["switch_to_review"] = True


def not_a_claim(claim_id: int) -> None:
    try:
        team.may_review(common.store(), claim_id, common.reviewer(), common.role())
        review.save_verdict(common.store(), claim_id, common.reviewer(), "not_a_claim")
    except WorkbenchError as error:
        common.flash(f"Not saved: {error}", "⚠️")
        return
    common.changed()
    common.flash(f"Claim {claim_id} marked: not a claim")


if state.pop("switch_to_review", False):
    st.switch_page("views/review.py")

about = [f"published {escape(document['published'])}"] if document["published"] else []
if web_url(document["url"]):  # a link only to a web page: never javascript: or data:
    about.append(f'<a href="{escape(web_url(document["url"]))}" target="_blank" rel="noopener noreferrer">'
                 f'{escape(document["url"])}</a>')
elif document["url"]:
    about.append(escape(document["url"]))
if about:
    st.html(f'<div class="wb-about" data-testid="wb-about">{" · ".join(about)}</div>')
legend = "".join(f'<span style="background:{colour}">{escape(review.VERDICT_LABELS.get(status, "Unreviewed"))}</span>'
                 for status, colour in STATUS_COLOURS.items())
st.html(f'<div class="wb-legend">{legend}</div>')
marks = []
for claim in claims:
    start, end = (claim["quantity_start"], claim["quantity_end"]) if claim["quantity_start"] is not None else \
        (claim["sentence_start"], claim["sentence_end"])
    marks.append(Mark(start, end, css="wb-claim", style=f"background:{STATUS_COLOURS[claim['status']]}",
                      title=f"claim {claim['claim_id']}: {claim['status']}"))
st.html(f'<div class="wb-text" data-testid="wb-document">{highlight(document["text"], marks).replace(chr(10), "<br>")}</div>')

st.subheader(f"Claims ({len(claims)})")
for claim in claims:
    text, open_button, rule_out = st.columns([0.7, 0.12, 0.18])
    label = row_figure_text(claim) or claim["quantity"] or "statement"
    text.html(f'<div><span class="wb-claim" style="background:{STATUS_COLOURS[claim["status"]]}">{escape(label)}</span>'
              f' {escape(claim["subject"] or "")} · <small>{escape(common.shorten(claim["sentence"], 120))}</small></div>')
    open_button.button("Review", key=f"open_{claim['claim_id']}", on_click=open_claim, args=(claim["claim_id"],))
    rule_out.button("Not a claim", key=f"notclaim_{claim['claim_id']}", on_click=not_a_claim,
                    args=(claim["claim_id"],), disabled=common.reviewer() is None or claim["status"] == "not_a_claim")

st.subheader("Add a claim the extractor missed")
sentences = common.read(path, documents.sentences, document_id)
with st.form("manual_claim", clear_on_submit=True):
    sentence_id = st.selectbox("Sentence", [s["sentence_id"] for s in sentences],
                               format_func={s["sentence_id"]: common.shorten(s["text"], 150) for s in sentences}.get,
                               key="manual_sentence")
    columns = st.columns(3)
    figure = columns[0].text_input("Figure as written (empty for a statement)", key="manual_figure")
    kind = columns[1].selectbox("Kind", KINDS, index=KINDS.index("statement"), key="manual_kind")
    value = columns[2].text_input("Value", key="manual_value")
    columns = st.columns(3)
    unit = columns[0].text_input("Unit", key="manual_unit")
    qualifier = columns[1].selectbox("Qualifier", ("",) + QUALIFIERS, key="manual_qualifier")
    subject = columns[2].text_input("Subject", key="manual_subject")
    if st.form_submit_button("Add claim", disabled=common.reviewer() is None):
        try:
            number = float(value.replace(",", "")) if value.strip() else None
            claim_id = review.add_manual_claim(common.store(), sentence_id, common.reviewer(), figure.strip() or None,
                                               kind, number, unit, qualifier or None, subject)
        except ValueError:
            st.error("The value must be a number.")
        except WorkbenchError as error:
            common.show_error(error, "Not added: ")
        else:
            common.changed()
            common.flash(f"Claim {claim_id} added")
            st.rerun()
if common.reviewer() is None:
    st.caption("Enter your name under Reviewer in the sidebar to add claims or rule them out.")
