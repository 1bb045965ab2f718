"""SQL: one read-only statement over the documented views, with a result table and a CSV download."""
from __future__ import annotations

import io

import streamlit as st

from workbench.errors import WorkbenchError
from workbench.output import write_rows
from workbench.query import run_query
from workbench.ui import common
from workbench.ui.components import md

RESULT_LIMIT = 10_000
EXAMPLES = {
    "Claims by kind": "SELECT kind, count(*) AS claims FROM claims_v GROUP BY kind ORDER BY claims DESC",
    "Most check-worthy unreviewed claims": "SELECT claim_id, document, quantity, subject, checkworthiness\n"
                                           "FROM claims_v WHERE status = 'unreviewed'\n"
                                           "ORDER BY checkworthiness DESC LIMIT 20",
    "Contradicted claims": "SELECT c.claim_id, c.quantity, c.subject, m.source, m.why\nFROM claims_v c JOIN matches_v m "
                           "USING (claim_id)\nWHERE m.relation = 'contradicts' ORDER BY m.score DESC",
    "Verdicts per reviewer": "SELECT reviewer, verdict, count(*) AS n FROM reviews_v WHERE action = 'verdict'\n"
                             "GROUP BY ALL ORDER BY reviewer, n DESC",
    "Documents": "SELECT id, kind, title, published, claims, passages FROM documents_v ORDER BY id",
}

common.setup("SQL")
st.caption(md("Read-only: one SELECT (or WITH, DESCRIBE, SHOW, EXPLAIN) over documents_v, claims_v, matches_v, "
              "reviews_v and the tables beneath them. Anything that would write is refused."))
example = st.selectbox("Examples", list(EXAMPLES), key="sql_example")
sql = st.text_area("SQL", EXAMPLES[example], height=140, key=f"sql_{example}")
if st.button("Run", key="sql_run", type="primary"):
    try:
        result = run_query(common.store(), sql, limit=RESULT_LIMIT)
    except WorkbenchError as error:
        st.error(md(str(error)))
    else:
        st.caption(f"{len(result.rows)} rows" + (f" (first {RESULT_LIMIT})" if len(result.rows) == RESULT_LIMIT else ""))
        st.dataframe([dict(zip(result.columns, row)) for row in result.rows], hide_index=True,
                     width="stretch", key="sql_result")
        text = io.StringIO()
        write_rows(result.columns, result.rows, "csv", text)
        st.download_button("Download CSV", text.getvalue(), file_name="query.csv", mime="text/csv", key="sql_csv")
