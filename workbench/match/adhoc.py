"""Matching claims that come from elsewhere (``workbench match --input``): nothing is stored.

Each input line is a claim sentence; it goes through the extraction pipeline (for its figure and frame)
and then the same matcher and query as stored claims, with the pipeline and the index loaded once for
the whole file. A JSONL line may name its article's date (``published``, so "last month" and undated
figures are read in time) and which figure of the sentence is the claim (``figure``, as written).
"""
from __future__ import annotations

from collections.abc import Iterator

from workbench.ingest.readers import read_sentences
from workbench.match.engine import Matcher, claim_query, match_json, primary_claim
from workbench.match.index import PassageIndex
from workbench.nlp.extract import analyse
from workbench.store.db import Store


def match_lines(store: Store, text: str, top: int, name: str = "<stdin>") -> Iterator[dict]:
    """One result per input line, in order: ``{"id", "text", "quantity", "candidates"}``."""
    store.require_existing()
    items = read_sentences(text, name, extra=("published", "figure"))
    index = PassageIndex.for_store(store)
    index.sync(store)
    matcher = Matcher(index)
    analyses = analyse((item["text"], item.get("published")) for item in items)
    for item, analysis in zip(items, analyses):
        claim = primary_claim(item["text"], analysis.claims, item.get("figure"))
        candidates = matcher.match(claim_query(claim, item.get("published"), item["id"]), top)
        yield match_json(claim, candidates, id=item["id"], text=item["text"])
