"""Sources: search the evidence library (BM25), read a source, and add new ones."""
from __future__ import annotations

import streamlit as st

from workbench.ingest.readers import SUPPORTED
from workbench.match.index import PassageIndex, query_terms
from workbench.store import documents
from workbench.ui import common
from workbench.ui.components import escape, md
from workbench.ui.pages_shared import field_options, import_files

common.setup("Sources")
common.show_flash()
path = common.db_path()

sources = common.read(path, documents.sources)
st.caption(f"{len(sources)} sources in the library")

query = st.text_input("Search passages (BM25)", key="source_query", placeholder="e.g. Chinese soldiers killed Galwan")
if query.strip():
    store = common.store()
    index = PassageIndex.for_store(store)
    index.sync(store)
    hits = index.search(query_terms(query), [], 20)
    claim_id = common.claim_under_review()
    attached = common.attached_evidence(claim_id) if claim_id is not None else []
    st.caption(f"{len(hits)} passages" + (f" · attach any as evidence to claim {claim_id}, under review on the "
                                          "Review page" if claim_id is not None else ""))
    for hit in hits:
        st.html(f'<div class="wb-passage"><b>{escape(hit.source)}</b> · BM25 {hit.bm25:.1f}<br>{escape(hit.text)}</div>')
        if claim_id is not None:
            done = hit.passage_id in attached
            st.button(f"Attached to claim {claim_id}" if done else f"Attach as evidence to claim {claim_id}",
                      key=f"attach_{hit.passage_id}", disabled=done, on_click=common.attach_evidence,
                      args=(claim_id, hit.passage_id))

if sources:
    st.dataframe(sources, hide_index=True, width="stretch", key="source_table")
    titles = {row["id"]: row["title"] or f"source {row['id']}" for row in sources}
    source_id = st.selectbox("Read a source", list(titles), format_func=titles.get, key="source_pick")
    text = common.read(path, documents.document_by_id, source_id)["text"]
    st.html(f'<div class="wb-text" data-testid="wb-source">{escape(text).replace(chr(10), "<br>")}</div>')

if common.allowed("editor"):  # adding to the library is an editor's (or a database without accounts)
    st.subheader("Add sources")
    uploads = st.file_uploader("Files (" + ", ".join(sorted(SUPPORTED)) + ")", accept_multiple_files=True,
                               type=[suffix.lstrip(".") for suffix in SUPPORTED], key="source_upload")
    fields, encoding = field_options()
    if st.button("Import as sources", key="import_sources", disabled=not uploads):
        import_files([(f.name, f.getvalue()) for f in uploads], "source", fields, encoding)
    st.caption(md("Or from the command line: workbench import sources/ --as source"))
