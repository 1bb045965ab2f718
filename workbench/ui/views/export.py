"""Export: reviewed claims as ClaimReview JSON-LD, and every claim as CSV or Parquet (as `workbench export`)."""
from __future__ import annotations

import streamlit as st

from workbench import team
from workbench.errors import WorkbenchError
from workbench.export.tables import render
from workbench.store import signoffs
from workbench.ui import common

FORMATS = {"claimreview": ("ClaimReview JSON-LD (reviewed claims)", "claimreview.json", "application/ld+json"),
           "csv": ("CSV (every claim)", "claims.csv", "text/csv"),
           "jsonl": ("JSON lines (every claim)", "claims.jsonl", "application/x-ndjson"),
           "parquet": ("Parquet (every claim)", "claims.parquet", "application/vnd.apache.parquet")}

common.setup("Export")
fmt = st.radio("Format", list(FORMATS), format_func=lambda f: FORMATS[f][0], key="export_format")
if fmt == "claimreview" and common.read(common.db_path(), team.signoff_required):
    waiting = len(common.read(common.db_path(), signoffs.rounds, None, False))
    st.caption(f"Only verdicts an editor signed off are published; {waiting} decided claims await sign-off "
               "(Sign-off page).")
if st.button("Prepare export", key="export_prepare", type="primary"):
    try:
        st.session_state["export_data"] = (fmt, render(common.store(), fmt))
    except WorkbenchError as error:
        common.show_error(error)
prepared = st.session_state.get("export_data")
if prepared and prepared[0] == fmt:
    _, export = prepared
    label, file_name, mime = FORMATS[fmt]
    st.caption(f"{export.items} {export.noun}, {len(export.data):,} bytes")
    st.download_button(f"Download {file_name}", export.data, file_name=file_name, mime=mime, key="export_download")
