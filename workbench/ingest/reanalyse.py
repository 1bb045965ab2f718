"""Reading stored documents again with the current pipeline (``workbench reanalyse``).

A database imported before figures had frames (schema 7) holds figures that say nothing about what they
measure, whose they are or when: matching can then never call them supporting or contradicting. This
reads those documents again, in batches, and stores the new reading without changing any id a review,
a correction or a match refers to (see :func:`workbench.store.documents.rewrite_figures`), then rebuilds
the passage index and matches every claim again.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from workbench.ingest.passages import segments_of
from workbench.nlp.extract import analyse, title_names
from workbench.settings import IMPORT_BATCH_DOCS
from workbench.store.db import Store
from workbench.store.documents import documents_to_reanalyse, finish_reanalysis, rewrite_figures


@dataclass
class Reanalysis:
    documents: int = 0
    matching: str = ""
    seconds: float = 0.0

    def summary(self) -> str:
        done = f"read {self.documents} documents again in {self.seconds:.1f} s"
        return f"{done}; {self.matching}" if self.matching else done


def pending(store: Store) -> int:
    """How many stored documents were read before the current frames."""
    return len(documents_to_reanalyse(store)) if store.exists() else 0


def reanalyse(store: Store, *, batch_docs: int = IMPORT_BATCH_DOCS, on_total: Callable[[int], None] | None = None,
              progress: Callable[[int], None] | None = None) -> Reanalysis:
    """Read every document stored before the current frames again; one transaction per batch."""
    from workbench.match.embed import fill_vectors
    from workbench.match.engine import match_stored
    from workbench.match.index import PassageIndex

    started = time.perf_counter()
    documents = documents_to_reanalyse(store)
    if on_total:
        on_total(len(documents))
    report = Reanalysis()
    for offset in range(0, len(documents), batch_docs):
        batch = documents[offset:offset + batch_docs]
        analyses = list(analyse((document["text"], document["published"]) for document in batch))
        titles = title_names(document["title"] if document["kind"] == "source" else None for document in batch)
        with store.write() as con:
            for document, analysis, names in zip(batch, analyses, titles):
                rewrite_figures(con, document, segments_of(document["kind"], document["text"], analysis.sentences),
                                analysis.claims, names)
        report.documents += len(batch)
        if progress:
            progress(len(batch))
    finish_reanalysis(store)
    if documents:
        fill_vectors(store)  # a database this old has no sentence vectors either
        PassageIndex.for_store(store).sync(store, rebuild=True)
        report.matching = match_stored(store, all_claims=True).summary()
    report.seconds = time.perf_counter() - started
    return report
