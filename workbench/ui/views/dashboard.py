"""Dashboard: review progress per document and reviewer, verdicts, evidence relations, reviews per day."""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from workbench.review import VERDICT_LABELS
from workbench.ui import common

common.setup("Dashboard")
path = common.db_path()

totals = common.rows(path, "SELECT count(*) AS claims, count(*) FILTER (status <> 'unreviewed') AS reviewed, "
                           "count(DISTINCT reviewer) AS reviewers FROM claims_v")[0]
columns = st.columns(4)
columns[0].metric("Claims", totals["claims"])
columns[1].metric("Reviewed", totals["reviewed"])
columns[2].metric("Progress", f"{totals['reviewed'] / totals['claims']:.0%}" if totals["claims"] else "—")
columns[3].metric("Reviewers", totals["reviewers"])

if not totals["claims"]:
    st.info("No claims yet.")
    st.stop()


def chart(data: list[dict], title: str, key: str, mark: str = "bar", **encoding) -> None:
    st.subheader(title)
    frame = pd.DataFrame(data)
    if frame.empty:
        st.caption("nothing yet")
        return
    st.altair_chart(getattr(alt.Chart(frame), f"mark_{mark}")().encode(**encoding), width="stretch", key=key)


per_document = common.rows(path, "SELECT document, CASE WHEN status = 'unreviewed' THEN 'unreviewed' ELSE 'reviewed' "
                                 "END AS state, count(*) AS claims FROM claims_v GROUP BY ALL ORDER BY document")
chart(per_document, "Progress per document", "chart_documents", x=alt.X("claims:Q", stack=True),
      y=alt.Y("document:N", title=None), color=alt.Color("state:N", scale=alt.Scale(range=["#1a73e8", "#dadce0"])))
per_reviewer = common.rows(path, "SELECT reviewer, count(*) AS claims FROM claims_v WHERE status <> 'unreviewed' "
                                 "GROUP BY reviewer ORDER BY claims DESC")
chart(per_reviewer, "Claims decided per reviewer (current verdicts)", "chart_reviewers", x="claims:Q",
      y=alt.Y("reviewer:N", sort="-x", title=None))
verdicts = [{"verdict": VERDICT_LABELS[row["status"]], "claims": row["claims"]} for row in
            common.rows(path, "SELECT status, count(*) AS claims FROM claims_v WHERE status <> 'unreviewed' "
                              "GROUP BY status")]
chart(verdicts, "Verdicts", "chart_verdicts", x="claims:Q", y=alt.Y("verdict:N", sort="-x", title=None))
relations = common.rows(path, "SELECT relation, count(*) AS claims FROM matches_v WHERE rank = 1 GROUP BY relation")
chart(relations, "Best evidence per claim: relation mix", "chart_relations", mark="arc", theta="claims:Q",
      color="relation:N")
per_day = common.rows(path, "SELECT CAST(date_trunc('day', created_at) AS DATE) AS day, count(*) AS reviews "
                            "FROM reviews WHERE action = 'verdict' GROUP BY ALL ORDER BY day")
chart(per_day, "Verdicts per day", "chart_days", x="day:T", y="reviews:Q")
