"""Sign-off: claims reviewers disagree on, their verdicts side by side for the editor's final one, and the other
decided claims to sign off or send to a second, blind reviewer (an editor's page)."""
from __future__ import annotations

import streamlit as st

from workbench import review, team
from workbench.errors import WorkbenchError
from workbench.store import signoffs
from workbench.ui import common
from workbench.ui.components import escape, md

common.setup("Sign-off")
common.show_flash()
path = common.db_path()
state = st.session_state
if common.reviewer() is None:
    st.warning("Enter your name under **Reviewer** in the sidebar: it is stored with every sign-off.")


def act(action: str, claim_ids: list[int], verdict: str | None = None) -> None:
    """Adjudicate, sign off or send to a second review, as the buttons say; then what was done, or why not."""
    store, by = common.store(), common.reviewer()
    try:
        if action == "adjudicate":
            team.adjudicate(store, claim_ids[0], by, verdict, state.get(f"adjudicate_note_{claim_ids[0]}"))
            done = f"Claim {claim_ids[0]}: {review.VERDICT_LABELS[verdict]}, final"
        elif action == "signoff":
            done = f"{team.sign_off(store, claim_ids, by)} verdicts signed off"
        else:
            done = f"{team.flag_second_review(store, claim_ids, by)} claims sent to a second review"
    except WorkbenchError as error:
        common.flash(f"Not done: {error}", "⚠️")
        return
    common.changed()
    common.flash(done)


def verdict_card(entry: dict) -> str:
    evidence = review.Evidence.from_json(entry["evidence"])
    cited = [f"{len(evidence.passages)} passage(s)"] if evidence.passages else []
    cited += [f"quote: {evidence.quote}"] if evidence.quote else []
    return (f'<div class="wb-passage"><b>{escape(entry["reviewer"])}</b> · '
            f'{escape(review.VERDICT_LABELS[entry["verdict"]])}'
            f'{"<br>" + escape(entry["note"]) if entry["note"] else ""}'
            f'{"<br><small>" + escape("; ".join(cited)) + "</small>" if cited else ""}</div>')


disputed = common.read(path, signoffs.rounds, True, False)
st.subheader(f"Reviewers disagree ({len(disputed)})")
if not disputed:
    st.caption("No disagreement awaits you.")
for row in disputed:
    claim_id = row["claim_id"]
    st.html(f"<div><b>Claim {claim_id}</b> · {escape(row['quantity'] or 'statement')} — "
            f"{escape(row['sentence'])}</div>")
    for column, entry in zip(st.columns(len(row["verdicts"])), row["verdicts"]):
        column.html(verdict_card(entry))
    st.text_input("Note (published as the review's body)", key=f"adjudicate_note_{claim_id}")
    for column, verdict in zip(st.columns(len(review.VERDICTS)), review.VERDICTS):
        column.button(f"Final: {review.VERDICT_LABELS[verdict]}", key=f"adjudicate_{claim_id}_{verdict}",
                      on_click=act, args=("adjudicate", [claim_id], verdict), disabled=common.reviewer() is None)

waiting = common.read(path, signoffs.rounds, False, False)
st.subheader(f"Awaiting sign-off ({len(waiting)})")
if waiting:
    labels = {row["claim_id"]: f"{row['claim_id']}. {review.VERDICT_LABELS[row['verdict']]} · "
                               f"{common.shorten(row['sentence'], 80)} ({', '.join(row['reviewers'])})"
              for row in waiting}
    st.multiselect("Claims", list(labels), default=list(labels), key="signoff_pick", format_func=lambda c: md(labels[c]))
    columns = st.columns(2)
    columns[0].button("Sign off", key="signoff_submit", type="primary", on_click=lambda: act("signoff",
                      list(state["signoff_pick"])), disabled=common.reviewer() is None)
    columns[1].button("Send to a second review", key="second_submit", on_click=lambda: act("second",
                      list(state["signoff_pick"])), disabled=common.reviewer() is None,
                      help="Another reviewer decides each without seeing its verdict; then it comes back here.")
else:
    st.caption("Every decided claim is signed off.")
st.caption(md("ClaimReview exports only signed-off verdicts" if common.read(path, team.signoff_required) else
              "ClaimReview exports every verdict (no accounts, or the profile's signoff is optional)"))
