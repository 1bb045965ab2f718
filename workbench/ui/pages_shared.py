"""Pieces two pages share."""
from __future__ import annotations

import streamlit as st

from workbench.ingest.importer import ImportReport, import_uploads
from workbench.ingest.readers import Fields
from workbench.ui import common
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


def field_options() -> tuple[Fields, str | None]:
    """Which JSON and CSV fields hold the text, title, URL and date, and the encoding, as ``workbench import``
    takes them (``--text-field`` ... ``--encoding``)."""
    with st.expander("JSON and CSV fields, encoding"):
        columns = st.columns(4)
        text_field = columns[0].text_input("Text field", "text", key="field_text")
        title_field = columns[1].text_input("Title field", "title", key="field_title")
        url_field = columns[2].text_input("URL field", "url", key="field_url")
        date_field = columns[3].text_input("Date field", "published", key="field_date")
        encoding = st.text_input("Encoding (empty: UTF-8)", "", key="field_encoding")
    return Fields(text_field, title_field, url_field, date_field), encoding.strip() or None


def import_files(files: list[tuple[str, bytes]], kind: str, fields: Fields, encoding: str | None) -> None:
    """Import uploaded (name, bytes) files with a progress bar, then show the report."""
    bar = st.progress(0.0, text="reading")
    totals = {"total": 0, "done": 0}

    def advance(count: int) -> None:
        totals["done"] += count
        bar.progress(min(totals["done"] / max(totals["total"], 1), 1.0),
                     text=f"{totals['done']:,} of {totals['total']:,} characters analysed")

    report = import_uploads(common.store(), files, kind=kind, fields=fields, encoding=encoding,
                            on_total=lambda total: totals.update(total=total), progress=advance)
    bar.progress(1.0, text="done")
    common.changed()
    show_report(report)
