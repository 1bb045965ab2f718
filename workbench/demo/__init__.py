"""The demo corpus: the design article and the project's own demo sources (see manifest.json)."""
from __future__ import annotations

import json
from importlib import resources

from workbench.ingest.importer import ImportReport, import_records
from workbench.ingest.readers import Record
from workbench.store.db import Store

_DEMO = resources.files("workbench.demo")


def demo_records(kind: str) -> list[Record]:
    """The demo documents of one kind, with their titles and publication dates."""
    manifest = json.loads((_DEMO / "manifest.json").read_text(encoding="utf-8"))
    return [
        Record(text=(_DEMO / entry["file"]).read_text(encoding="utf-8"), origin=f"demo:{entry['file']}",
               title=entry["title"], url=entry.get("url"), published=entry.get("published"))
        for entry in manifest["documents"] if entry["kind"] == kind
    ]


def article_text() -> str:
    return (_DEMO / "india-china-border-trade.txt").read_text(encoding="utf-8")


def load_demo(store: Store) -> tuple[ImportReport, ImportReport]:
    """Import the demo sources, then the demo article, whose claims are then matched to the sources."""
    sources = import_records(store, demo_records("source"), kind="source")
    articles = import_records(store, demo_records("article"), kind="article")
    return sources, articles
