"""SQL: one read-only statement over the documented views, with a result table and a CSV download."""
from __future__ import annotations

import io

import streamlit as st

from workbench.errors import WorkbenchError
from workbench.output import write_rows
from workbench.store.query import EXAMPLES, SURFACE, run_query
from workbench.ui import common
from workbench.ui.components import md

RESULT_LIMIT = 10_000

common.setup("SQL")
st.caption(md(SURFACE))
example = st.selectbox("Examples", list(EXAMPLES), key="sql_example")
sql = st.text_area("SQL", EXAMPLES[example], height=140, key=f"sql_{example}")
if st.button("Run", key="sql_run", type="primary"):
    try:
        result = run_query(common.store(), sql, limit=RESULT_LIMIT)
    except WorkbenchError as error:
        common.show_error(error)
    else:
        st.caption(f"{len(result.rows)} rows" + (f" (first {RESULT_LIMIT})" if len(result.rows) == RESULT_LIMIT else ""))
        st.dataframe([dict(zip(result.columns, row)) for row in result.rows], hide_index=True,
                     width="stretch", key="sql_result")
        text = io.StringIO()
        write_rows(result.columns, result.rows, "csv", text)
        st.download_button("Download CSV", text.getvalue(), file_name="query.csv", mime="text/csv", key="sql_csv")
