"""Writing analysed documents: documents, segments, claims and quantities, in bulk.

Rows go to DuckDB as Arrow tables (one INSERT per table per batch), which is what keeps storage
far below the cost of the spaCy pass. Callers hold the transaction (``Store.write()``), so a batch
lands whole or not at all.
"""
from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

import duckdb

from workbench.claims import Claim
from workbench.ingest.passages import group_passages
from workbench.nlp.extract import Analysis
from workbench.store.db import insert_rows, next_id, utc_now

COLUMNS = {
    "documents": ("id", "kind", "title", "url", "published", "sha256", "text", "origin", "imported_at", "run_id"),
    "segments": ("id", "document_id", "seq", "kind", "char_start", "char_end", "text", "checkworthiness", "actors",
                 "places"),
    "claims": ("id", "document_id", "segment_id", "kind", "subject", "predicate", "time", "attribution", "hedged",
               "checkworthiness", "origin", "created_at", "run_id", "entities"),
    "quantities": ("id", "segment_id", "claim_id", "text", "char_start", "char_end", "value", "value_max", "unit",
                   "kind", "qualifier", "iso", "implied", "implied_qualifier", "implied_start", "subject", "predicate",
                   "direction", "role", "time", "step", "measure", "actors", "places", "hedged"),
}


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


class BatchRows:
    """Column lists for one batch, with ids continuing from what the database already holds."""

    def __init__(self, con: duckdb.DuckDBPyConnection, run_id: int | None, now: dt.datetime):
        self.run_id = run_id
        self.now = now
        self.columns = {table: {column: [] for column in columns} for table, columns in COLUMNS.items()}
        self.next = {table: next_id(con, table) for table in COLUMNS}
        self.claims = 0
        self.passages = 0

    def _add(self, table: str, **values) -> int:
        row_id = self.next[table]
        self.next[table] += 1
        values["id"] = row_id
        for column, target in self.columns[table].items():
            target.append(values.get(column))
        return row_id

    def add(self, document: AnalysedDocument) -> None:
        document_id = self._add(
            "documents", kind=document.kind, title=document.title, url=document.url,
            published=dt.date.fromisoformat(document.published) if document.published else None,
            sha256=document.sha256, text=document.text, origin=document.origin, imported_at=self.now,
            run_id=self.run_id)
        if document.kind == "article":
            units = document.analysis.sentences
        else:
            units = group_passages(document.text, document.analysis.sentences)
            self.passages += len(units)
        starts, ids = [], []
        for seq, unit in enumerate(units):
            starts.append(unit.start)
            ids.append(self._add("segments", document_id=document_id, seq=seq,
                                 kind="sentence" if document.kind == "article" else "passage",
                                 char_start=unit.start, char_end=unit.end, text=unit.text,
                                 checkworthiness=unit.checkworthiness, actors=list(unit.actors),
                                 places=list(unit.places)))
        for claim in document.analysis.claims:
            index = bisect.bisect_right(starts, claim.sentence.start) - 1
            if index < 0:
                continue  # a claim before every stored segment cannot be shown in context
            if document.kind == "source":
                if claim.quantity is not None:  # a source's figures are evidence, not claims to review
                    self._add_quantity(claim, ids[index], None)
                continue
            claim_id = self._add(
                "claims", document_id=document_id, segment_id=ids[index], kind=claim.kind, subject=claim.subject,
                predicate=claim.predicate, time=claim.time, attribution=claim.attribution, hedged=claim.hedged,
                checkworthiness=claim.checkworthiness, origin="extracted", created_at=self.now, run_id=self.run_id,
                entities=list(claim.entities))
            self.claims += 1
            if claim.quantity is not None:
                self._add_quantity(claim, ids[index], claim_id)

    def _add_quantity(self, claim: Claim, segment_id: int, claim_id: int | None) -> None:
        q, frame = claim.quantity, claim.frame
        self._add("quantities", segment_id=segment_id, claim_id=claim_id, text=q.text, char_start=q.start,
                  char_end=q.end, value=q.value, value_max=q.value_max, unit=q.unit, kind=q.kind,
                  qualifier=q.qualifier, iso=q.iso, implied=q.implied, implied_qualifier=q.implied_qualifier,
                  implied_start=q.implied_start, subject=claim.subject, predicate=claim.predicate,
                  direction=q.direction, role=q.role, time=q.time, step=q.step, measure=frame.measure,
                  actors=list(frame.actors), places=list(frame.places), hedged=frame.hedged)

    def insert(self, con: duckdb.DuckDBPyConnection) -> None:
        for table, columns in self.columns.items():
            insert_rows(con, table, columns)


def write_documents(con: duckdb.DuckDBPyConnection, documents: list[AnalysedDocument], run_id: int | None,
                    now: dt.datetime | None = None) -> Written:
    """Insert documents not already stored (by kind and hash); all in the caller's transaction."""
    now = now or utc_now()
    stored: set[tuple[str, str]] = set()
    for kind in {d.kind for d in documents}:
        stored |= {(kind, h) for h in existing_hashes(con, kind, (d.sha256 for d in documents if d.kind == kind))}
    rows = BatchRows(con, run_id, now)
    added = 0
    for document in documents:
        key = (document.kind, document.sha256)
        if key not in stored:
            stored.add(key)
            rows.add(document)
            added += 1
    rows.insert(con)
    return Written(added, rows.claims, rows.passages, len(documents) - added)
