"""Import: upload articles in any supported format; claims are extracted and queued for review."""
from __future__ import annotations

import streamlit as st

from workbench.ingest.readers import SUPPORTED
from workbench.ui import common
from workbench.ui.components import md
from workbench.ui.pages_shared import field_options, import_files

common.setup("Import articles")
common.show_flash()

uploads = st.file_uploader("Articles (" + ", ".join(sorted(SUPPORTED)) + ")", accept_multiple_files=True,
                           type=[suffix.lstrip(".") for suffix in SUPPORTED], key="article_upload")
fields, encoding = field_options()
if st.button("Import articles", key="import_articles", disabled=not uploads, type="primary"):
    import_files([(f.name, f.getvalue()) for f in uploads], "article", fields, encoding)
st.caption(md("Large imports are faster from the command line: workbench import articles/ --as article"))
