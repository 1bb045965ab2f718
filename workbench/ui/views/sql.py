"""SQL: one read-only statement over the documented views, with a result table and a CSV download.

A statement here is stopped after ``UI_QUERY_TIMEOUT_S`` (shorter than an import's or a verdict's wait for
the file), or at once with Cancel, or when the page is left: the wait below updates the page, which is
where Streamlit stops a run that a click or a closed browser has replaced, and the statement is
interrupted on the way out.
"""
from __future__ import annotations

import io
import time

import streamlit as st

from workbench.errors import WorkbenchError
from workbench.output import write_rows
from workbench.settings import QUERY_MAX_ROWS, UI_QUERY_TIMEOUT_S
from workbench.store.query import EXAMPLES, SURFACE, run_query
from workbench.ui import common
from workbench.ui.components import md

common.setup("SQL")
st.caption(md(SURFACE) + f" At most {QUERY_MAX_ROWS:,} rows; a statement is stopped after {UI_QUERY_TIMEOUT_S:g} s.")
example = st.selectbox("Examples", list(EXAMPLES), key="sql_example")
sql = st.text_area("SQL", EXAMPLES[example], height=140, key=f"sql_{example}")
run, cancel = st.columns([1, 8])
if cancel.button("Cancel", key="sql_cancel"):
    st.info("Cancelled: the statement was stopped.")
if run.button("Run", key="sql_run", type="primary"):
    status = st.empty()
    started = time.monotonic()

    def still_running() -> None:
        status.caption(f"Running… {time.monotonic() - started:.0f} s")

    try:
        result = run_query(common.store(), sql, max_rows=QUERY_MAX_ROWS, timeout=UI_QUERY_TIMEOUT_S,
                           wait=still_running)
    except WorkbenchError as error:
        status.empty()
        common.show_error(error)
    else:
        status.caption(f"{len(result.rows):,} rows" + (f" (the first {QUERY_MAX_ROWS:,}; more matched)"
                                                       if result.truncated else ""))
        st.dataframe([dict(zip(result.columns, row)) for row in result.rows], hide_index=True,
                     width="stretch", key="sql_result")
        text = io.StringIO()
        write_rows(result.columns, result.rows, "csv", text)
        st.download_button("Download CSV", text.getvalue(), file_name="query.csv", mime="text/csv", key="sql_csv")
