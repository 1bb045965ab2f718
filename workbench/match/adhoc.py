"""Matching claims that come from elsewhere (``workbench match --input``): nothing is stored.

Each input line is a claim sentence; it goes through the extraction pipeline (for its figure, subject
and predicate) and then the matcher, with the pipeline and the index loaded once for the whole file.
"""
from __future__ import annotations

from collections.abc import Iterator

from workbench.errors import WorkbenchError
from workbench.match.engine import Matcher, query_from_extraction
from workbench.match.index import PassageIndex
from workbench.nlp.extract import analyse
from workbench.nlp.scoring import read_sentences
from workbench.store.db import Store


def match_lines(store: Store, text: str, top: int, name: str = "<stdin>") -> Iterator[dict]:
    """One result per input line, in order: ``{"id", "text", "candidates"}``."""
    if not store.path.exists():
        raise WorkbenchError(f"{store.path}: no such database (import sources first, or pass --db)")
    items = read_sentences(text, name)
    index = PassageIndex.for_store(store)
    index.sync(store)
    matcher = Matcher(index)
    analyses = analyse((claim_text, None) for _, claim_text in items)
    for (item_id, claim_text), analysis in zip(items, analyses):
        query = query_from_extraction(claim_text, analysis.claims, item_id)
        candidates = matcher.match(query, top)
        yield {"id": item_id, "text": claim_text, "candidates": [c.to_json() for c in candidates]}
