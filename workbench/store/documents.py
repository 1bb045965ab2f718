"""Writing analysed documents: documents, segments, claims and quantities, in bulk.

Rows go to DuckDB as Arrow tables (one INSERT per table per batch), which is what keeps storage
far below the cost of the spaCy pass. Callers hold the transaction (``Store.write()``), so a batch
lands whole or not at all.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Iterable

import duckdb
import pyarrow as pa

from workbench.claims import Claim
from workbench.nlp.extract import Analysis
from workbench.store.db import next_id


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class AnalysedDocument:
    """A document ready to store: its metadata, its text and what the pipeline found in it."""

    kind: str  # article | source
    text: str
    sha256: str
    origin: str
    analysis: Analysis
    title: str | None = None
    url: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class Written:
    documents: int
    claims: int
    passages: int
    skipped: int


def existing_hashes(con: duckdb.DuckDBPyConnection, kind: str, hashes: Iterable[str]) -> set[str]:
    wanted = list(set(hashes))
    if not wanted:
        return set()
    rows = con.execute("SELECT sha256 FROM documents WHERE kind = ? AND list_contains(?, sha256)",
                       [kind, wanted]).fetchall()
    return {row[0] for row in rows}


def _insert(con: duckdb.DuckDBPyConnection, table: str, columns: dict[str, list]) -> None:
    if not next(iter(columns.values())):
        return
    batch = pa.table(columns)
    view = f"_batch_{table}"
    con.register(view, batch)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {view}")
    finally:
        con.unregister(view)


def _claim_quantity_rows(claim: Claim, claim_id: int | None, segment_id: int, quantity_id: int, rows: dict) -> None:
    q = claim.quantity
    rows["id"].append(quantity_id)
    rows["segment_id"].append(segment_id)
    rows["claim_id"].append(claim_id)
    rows["text"].append(q.text)
    rows["char_start"].append(q.start)
    rows["char_end"].append(q.end)
    rows["value"].append(q.value)
    rows["value_max"].append(q.value_max)
    rows["unit"].append(q.unit)
    rows["kind"].append(q.kind)
    rows["qualifier"].append(q.qualifier)
    rows["iso"].append(q.iso)
    rows["implied"].append(q.implied)
    rows["subject"].append(claim.subject)


def write_documents(con: duckdb.DuckDBPyConnection, documents: list[AnalysedDocument], run_id: int | None,
                    now: dt.datetime | None = None) -> Written:
    """Insert documents not already stored (by kind and hash); all in the caller's transaction."""
    now = now or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    stored: set[tuple[str, str]] = set()
    for kind in {d.kind for d in documents}:
        stored |= {(kind, h) for h in existing_hashes(con, kind, (d.sha256 for d in documents if d.kind == kind))}
    fresh: list[AnalysedDocument] = []
    for document in documents:
        key = (document.kind, document.sha256)
        if key not in stored:
            stored.add(key)
            fresh.append(document)
    skipped = len(documents) - len(fresh)
    if not fresh:
        return Written(0, 0, 0, skipped)

    document_id = next_id(con, "documents")
    segment_id = next_id(con, "segments")
    claim_id = next_id(con, "claims")
    quantity_id = next_id(con, "quantities")
    docs = {k: [] for k in ("id", "kind", "title", "url", "published", "sha256", "text", "origin", "imported_at",
                            "run_id")}
    segments = {k: [] for k in ("id", "document_id", "seq", "kind", "char_start", "char_end", "text",
                                "checkworthiness")}
    claims = {k: [] for k in ("id", "document_id", "segment_id", "kind", "subject", "predicate", "time",
                              "attribution", "hedged", "checkworthiness", "origin", "created_at", "run_id")}
    quantities = {k: [] for k in ("id", "segment_id", "claim_id", "text", "char_start", "char_end", "value",
                                  "value_max", "unit", "kind", "qualifier", "iso", "implied", "subject")}
    passages = 0
    claim_count = 0
    for document in fresh:
        docs["id"].append(document_id)
        docs["kind"].append(document.kind)
        docs["title"].append(document.title)
        docs["url"].append(document.url)
        docs["published"].append(dt.date.fromisoformat(document.published) if document.published else None)
        docs["sha256"].append(document.sha256)
        docs["text"].append(document.text)
        docs["origin"].append(document.origin)
        docs["imported_at"].append(now)
        docs["run_id"].append(run_id)
        segment_kind = "sentence" if document.kind == "article" else "passage"
        segment_of: dict[int, int] = {}
        for seq, sentence in enumerate(document.analysis.sentences):
            segment_of[sentence.start] = segment_id
            segments["id"].append(segment_id)
            segments["document_id"].append(document_id)
            segments["seq"].append(seq)
            segments["kind"].append(segment_kind)
            segments["char_start"].append(sentence.start)
            segments["char_end"].append(sentence.end)
            segments["text"].append(sentence.text)
            segments["checkworthiness"].append(sentence.checkworthiness)
            segment_id += 1
        if document.kind == "source":
            passages += len(document.analysis.sentences)
        for claim in document.analysis.claims:
            segment = segment_of.get(claim.sentence.start)
            if segment is None:
                continue  # a claim outside every stored sentence cannot be shown in context
            if document.kind == "source":
                if claim.quantity is not None:
                    _claim_quantity_rows(claim, None, segment, quantity_id, quantities)
                    quantity_id += 1
                continue
            claims["id"].append(claim_id)
            claims["document_id"].append(document_id)
            claims["segment_id"].append(segment)
            claims["kind"].append(claim.kind)
            claims["subject"].append(claim.subject)
            claims["predicate"].append(claim.predicate)
            claims["time"].append(claim.time)
            claims["attribution"].append(claim.attribution)
            claims["hedged"].append(claim.hedged)
            claims["checkworthiness"].append(claim.checkworthiness)
            claims["origin"].append("extracted")
            claims["created_at"].append(now)
            claims["run_id"].append(run_id)
            if claim.quantity is not None:
                _claim_quantity_rows(claim, claim_id, segment, quantity_id, quantities)
                quantity_id += 1
            claim_id += 1
            claim_count += 1
        document_id += 1

    _insert(con, "documents", docs)
    _insert(con, "segments", segments)
    _insert(con, "claims", claims)
    _insert(con, "quantities", quantities)
    return Written(len(fresh), claim_count, passages, skipped)
