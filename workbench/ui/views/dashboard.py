"""Dashboard: review progress per document and reviewer, verdicts, evidence relations, reviews per day, and how
far reviewers agree (kappa per pair with its confusion table, alpha overall)."""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from workbench.agreement import agreement
from workbench.review import VERDICT_LABELS, VERDICTS
from workbench.store import reviews
from workbench.ui import common
from workbench.ui.components import RELATION_COLOURS, md

common.setup("Dashboard")
path = common.db_path()

progress = common.read(path, reviews.review_progress)
columns = st.columns(4)
columns[0].metric("Claims", progress.claims)
columns[1].metric("Reviewed", progress.reviewed)
columns[2].metric("Progress", f"{progress.reviewed / progress.claims:.0%}" if progress.claims else "—")
columns[3].metric("Reviewers", progress.reviewers)

if not progress.claims:
    st.info("No claims yet.")
    st.stop()


def chart(data: list[dict], title: str, key: str, mark: str = "bar", **encoding) -> None:
    st.subheader(title)
    frame = pd.DataFrame(data)
    if frame.empty:
        st.caption("nothing yet")
        return
    st.altair_chart(getattr(alt.Chart(frame), f"mark_{mark}")().encode(**encoding), width="stretch", key=key)


COUNT_AXIS = alt.Axis(tickMinStep=1, format="d")  # counts: whole numbers only, never 0.5

chart(progress.per_document, "Progress per document", "chart_documents", x=alt.X("claims:Q", stack=True, axis=COUNT_AXIS),
      y=alt.Y("document:N", title=None), color=alt.Color("state:N", scale=alt.Scale(range=["#1a73e8", "#dadce0"])))
chart(progress.per_reviewer, "Claims decided per reviewer (current verdicts)", "chart_reviewers",
      x=alt.X("claims:Q", axis=COUNT_AXIS), y=alt.Y("reviewer:N", sort="-x", title=None))
verdicts = [{"verdict": VERDICT_LABELS[row["status"]], "claims": row["claims"]} for row in progress.per_verdict]
chart(verdicts, "Verdicts", "chart_verdicts", x=alt.X("claims:Q", axis=COUNT_AXIS),
      y=alt.Y("verdict:N", sort="-x", title=None))
chart(progress.relations, "Best evidence per claim: relation mix", "chart_relations", mark="arc", theta="claims:Q",
      color=alt.Color("relation:N", scale=alt.Scale(domain=list(RELATION_COLOURS),
                                                    range=list(RELATION_COLOURS.values()))))
chart(progress.per_day, "Verdicts per day", "chart_days",  # a bar per day, as wide as the days allow
      x=alt.X("yearmonthdate(day):O", title="day", axis=alt.Axis(labelAngle=0)),
      y=alt.Y("reviews:Q", title="verdicts", axis=COUNT_AXIS))

st.subheader("Agreement between reviewers")
found = common.read(path, agreement)
if not found.pairs:
    st.caption("No claim has been decided by two reviewers yet (a blind second review, or a claim sent back to "
               "someone else, gives one).")
    st.stop()
columns = st.columns(3)
columns[0].metric("Krippendorff's alpha", "—" if found.alpha is None else f"{found.alpha:.3f}",
                  help="Nominal, over every claim two reviewers or more decided; 1 is full agreement, 0 chance.")
columns[1].metric("Claims decided twice or more", found.claims)
columns[2].metric("Reviewers", found.reviewers)
st.dataframe([{"reviewer": p.first, "and": p.second, "claims": p.claims, "agreed": p.agreed,
               "Cohen's kappa": None if p.kappa is None else round(p.kappa, 3)} for p in found.pairs],
             hide_index=True, width="stretch", key="agreement_pairs")
pairs = {f"{p.first} and {p.second}": p for p in found.pairs}
pair = pairs[st.selectbox("Confusion table of", list(pairs), key="agreement_pair", format_func=md)]
st.dataframe([{pair.first: VERDICT_LABELS[mine]} | {VERDICT_LABELS[theirs]: pair.confusion.get((mine, theirs), 0)
                                                    for theirs in VERDICTS} for mine in VERDICTS],
             hide_index=True, width="stretch", key="agreement_confusion")
st.caption(md(f"Rows: {pair.first}'s verdict; columns: {pair.second}'s, on the {pair.claims} claims both decided."))

st.markdown("**Alpha per verdict and per relation of the best evidence**")
by_verdict, by_relation = st.columns(2)
by_verdict.dataframe([{"verdict": VERDICT_LABELS[verdict], "alpha (this verdict or another)":
                       None if alpha is None else round(alpha, 3)} for verdict, alpha in found.per_verdict.items()],
                     hide_index=True, width="stretch", key="agreement_verdicts")
by_relation.dataframe([{"best evidence": relation, "claims": claims, "alpha": None if alpha is None else round(alpha, 3)}
                       for relation, (claims, alpha) in found.per_relation.items()],
                      hide_index=True, width="stretch", key="agreement_relations")
