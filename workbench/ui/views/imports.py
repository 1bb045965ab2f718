"""Import: upload articles in any supported format; claims are extracted and queued for review."""
from __future__ import annotations

import streamlit as st

from workbench.ingest.importer import import_uploads
from workbench.ingest.readers import SUPPORTED, Fields
from workbench.ui import common
from workbench.ui.components import md
from workbench.ui.pages_shared import show_report

common.setup("Import articles")
common.show_flash()

uploads = st.file_uploader("Articles (" + ", ".join(sorted(SUPPORTED)) + ")", accept_multiple_files=True,
                           type=[suffix.lstrip(".") for suffix in SUPPORTED], key="article_upload")
with st.expander("JSON and CSV fields, encoding"):
    columns = st.columns(4)
    text_field = columns[0].text_input("Text field", "text", key="field_text")
    title_field = columns[1].text_input("Title field", "title", key="field_title")
    url_field = columns[2].text_input("URL field", "url", key="field_url")
    date_field = columns[3].text_input("Date field", "published", key="field_date")
    encoding = st.text_input("Encoding (empty: UTF-8)", "", key="field_encoding")
if st.button("Import articles", key="import_articles", disabled=not uploads, type="primary"):
    bar = st.progress(0.0, text="reading")
    totals = {"total": 0, "done": 0}

    def advance(count: int) -> None:
        totals["done"] += count
        bar.progress(min(totals["done"] / max(totals["total"], 1), 1.0),
                     text=f"{totals['done']:,} of {totals['total']:,} characters analysed")

    report = import_uploads(common.store(), [(f.name, f.getvalue()) for f in uploads], kind="article",
                            fields=Fields(text_field, title_field, url_field, date_field),
                            encoding=encoding.strip() or None, on_total=lambda total: totals.update(total=total),
                            progress=advance)
    bar.progress(1.0, text="done")
    common.changed()
    show_report(report)
st.caption(md("Large imports are faster from the command line: workbench import articles/ --as article"))
