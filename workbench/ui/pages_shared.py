"""Pieces two pages share."""
from __future__ import annotations

import streamlit as st

from workbench.ingest.importer import ImportReport
from workbench.ui.common import hint
from workbench.ui.components import md


def show_report(report: ImportReport) -> None:
    """An import's one-line summary and its error report, named by file (and line) as on the command line."""
    (st.success if report.ok else st.warning)(md(report.summary()))
    if report.matching:
        st.caption(md(report.matching))
    if report.problems:
        st.dataframe([{"input": p.origin, "reason": p.reason, "what to do": hint(p.remedy)} for p in report.problems],
                     hide_index=True, width="stretch", key="import_problems")
