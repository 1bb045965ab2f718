"""Documents: writing analysed ones (documents, segments, claims and quantities, in bulk) and reading them.

Rows go to DuckDB as Arrow tables (one INSERT per table per batch), which is what keeps storage
far below the cost of the spaCy pass. Callers hold the transaction (``Store.write()``), so a batch
lands whole or not at all. A document is stored as segments: an article's sentences, a source's
passages (grouped by ingest before they get here); their ids are ``sentence_id`` and ``passage_id``
in what this module returns, ``segment_id`` in the tables.
"""
from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from workbench.claims import Claim, Segment
from workbench.store import queue
from workbench.store.db import Store, insert_rows, next_id, records, utc_now

COLUMNS = {
    "documents": ("id", "kind", "title", "url", "published", "sha256", "text", "origin", "imported_at", "run_id"),
    "segments": ("id", "document_id", "seq", "kind", "char_start", "char_end", "text", "checkworthiness", "actors",
                 "places"),
    "claims": ("id", "document_id", "segment_id", "kind", "subject", "predicate", "time", "attribution",
               "attribution_kind", "hedged", "checkworthiness", "origin", "created_at", "run_id", "entities"),
    "quantities": ("id", "segment_id", "claim_id", "text", "char_start", "char_end", "value", "value_max", "unit",
                   "kind", "qualifier", "iso", "implied", "implied_qualifier", "implied_start", "subject", "predicate",
                   "direction", "role", "time", "step", "measure", "actors", "places", "hedged"),
}


FRAME_COLUMNS = ("direction", "role", "time", "step", "measure", "actors", "places", "hedged")


def quantity_values(claim: Claim) -> dict:
    """A claim's figure and frame as ``quantities`` columns (all but the ids)."""
    q, frame = claim.quantity, claim.frame
    return {"text": q.text, "char_start": q.start, "char_end": q.end, "value": q.value, "value_max": q.value_max,
            "unit": q.unit, "kind": q.kind, "qualifier": q.qualifier, "iso": q.iso, "implied": q.implied,
            "implied_qualifier": q.implied_qualifier, "implied_start": q.implied_start, "subject": claim.subject,
            "predicate": claim.predicate, "direction": q.direction, "role": q.role, "time": q.time, "step": q.step,
            "measure": frame.measure, "actors": list(frame.actors), "places": list(frame.places),
            "hedged": frame.hedged}


_LINE_ENDS = re.compile(r"\r\n?")
_TRAILING_SPACES = re.compile(r"[ \t]+\n")


def normalised_text(text: str) -> str:
    """The text as deduplication compares it: Unix line ends, no spaces or tabs at the end of a line, no
    spaces, tabs or newlines around it. Migration 0012 spells the same rule in SQL for stored texts."""
    return _TRAILING_SPACES.sub("\n", _LINE_ENDS.sub("\n", text)).strip(" \t\n")


def content_hash(text: str) -> str:
    """SHA-256 of the normalised text: copies that differ only in line ends or surrounding whitespace
    (the same article as ``.jsonl`` and as ``.txt``) hash alike."""
    return hashlib.sha256(normalised_text(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class AnalysedDocument:
    """A document ready to store: its metadata, its text, its segments (an article's sentences, a source's
    passages, in order) and the claims the pipeline found in it."""

    kind: str  # article | source
    text: str
    sha256: str
    origin: str
    segments: Sequence[Segment]
    claims: Sequence[Claim]
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


#: Rows held per batch before they are inserted (in the batch's own transaction): a huge document's hundreds
#: of thousands of claims never wait as Python lists and an Arrow table all at once.
FLUSH_ROWS = 50_000


class BatchRows:
    """Column lists for one batch, with ids continuing from ``first_ids`` (table → its batch's first id).
    Given a connection, rows go into it (in its transaction) whenever :data:`FLUSH_ROWS` wait, and at the end
    (:meth:`insert`); without one (a batch file's tables) they are all kept."""

    def __init__(self, first_ids: dict[str, int], run_id: int | None, now: dt.datetime,
                 con: duckdb.DuckDBPyConnection | None = None):
        self.con = con
        self.run_id = run_id
        self.now = now
        self.columns = {table: {column: [] for column in columns} for table, columns in COLUMNS.items()}
        self.next = dict(first_ids)
        self.claims = 0
        self.passages = 0

    @classmethod
    def after_stored(cls, con: duckdb.DuckDBPyConnection, run_id: int | None, now: dt.datetime) -> BatchRows:
        """Ids continuing from what the database already holds, rows inserted into it."""
        return cls({table: next_id(con, table) for table in COLUMNS}, run_id, now, con)

    def _add(self, table: str, **values) -> int:
        row_id = self.next[table]
        self.next[table] += 1
        values["id"] = row_id
        columns = self.columns[table]
        for column, target in columns.items():
            target.append(values.get(column))
        if self.con is not None and len(columns["id"]) >= FLUSH_ROWS:
            self.insert()
        return row_id

    def add(self, document: AnalysedDocument) -> None:
        document_id = self._add(
            "documents", kind=document.kind, title=document.title, url=document.url,
            published=dt.date.fromisoformat(document.published) if document.published else None,
            sha256=document.sha256, text=document.text, origin=document.origin, imported_at=self.now,
            run_id=self.run_id)
        if document.kind == "source":
            self.passages += len(document.segments)
        starts, ids = [], []
        for seq, unit in enumerate(document.segments):
            starts.append(unit.start)
            ids.append(self._add("segments", document_id=document_id, seq=seq,
                                 kind="sentence" if document.kind == "article" else "passage",
                                 char_start=unit.start, char_end=unit.end, text=unit.text,
                                 checkworthiness=unit.checkworthiness, actors=list(unit.actors),
                                 places=list(unit.places)))
        for claim in document.claims:
            index = bisect.bisect_right(starts, claim.sentence.start) - 1
            if index < 0:
                continue  # a claim before every stored segment cannot be shown in context
            if document.kind == "source":
                if claim.quantity is not None:  # a source's figures are evidence, not claims to review
                    self._add_quantity(claim, ids[index], None)
                continue
            claim_id = self._add(
                "claims", document_id=document_id, segment_id=ids[index], kind=claim.kind, subject=claim.subject,
                predicate=claim.predicate, time=claim.time, attribution=claim.attribution,
                attribution_kind=claim.attribution_kind, hedged=claim.hedged,
                checkworthiness=claim.checkworthiness, origin="extracted", created_at=self.now, run_id=self.run_id,
                entities=list(claim.entities))
            self.claims += 1
            if claim.quantity is not None:
                self._add_quantity(claim, ids[index], claim_id)

    def _add_quantity(self, claim: Claim, segment_id: int, claim_id: int | None) -> None:
        self._add("quantities", segment_id=segment_id, claim_id=claim_id, **quantity_values(claim))

    def insert(self) -> None:
        """Insert every waiting row, parents before children (documents, segments, claims, quantities)."""
        for table, columns in self.columns.items():
            insert_rows(self.con, table, columns)
            for values in columns.values():
                values.clear()


def write_documents(con: duckdb.DuckDBPyConnection, documents: list[AnalysedDocument], run_id: int | None,
                    now: dt.datetime | None = None) -> Written:
    """Insert documents not already stored (by kind and hash); all in the caller's transaction."""
    now = now or utc_now()
    stored: set[tuple[str, str]] = set()
    for kind in {d.kind for d in documents}:
        stored |= {(kind, h) for h in existing_hashes(con, kind, (d.sha256 for d in documents if d.kind == kind))}
    rows = BatchRows.after_stored(con, run_id, now)
    first_claim = rows.next["claims"]
    added = 0
    for document in documents:
        key = (document.kind, document.sha256)
        if key not in stored:
            stored.add(key)
            rows.add(document)
            added += 1
    rows.insert()
    queue.refresh(con, range(first_claim, rows.next["claims"]))
    return Written(added, rows.claims, rows.passages, len(documents) - added)


# -- batch files: documents analysed elsewhere, loaded in bulk ----------------------------------------------

def batch_tables(documents: list[AnalysedDocument]) -> dict[str, pa.Table]:
    """Documents as rows of the store's own tables (table → Arrow table), for a batch file: ids count from 1
    within the batch, and :func:`load_batch` moves them past the stored ones."""
    rows = BatchRows({table: 1 for table in COLUMNS}, None, utc_now())
    for document in documents:
        rows.add(document)
    return {table: pa.table(columns) for table, columns in rows.columns.items()}


def loaded_batches(store: Store, names: Iterable[str]) -> set[str]:
    """Which of the batch files ``names`` have been loaded already."""
    wanted = list(names)
    if not wanted:
        return set()
    with store.read() as con:
        rows = con.execute("SELECT name FROM loaded_batches WHERE list_contains(?, name)", [wanted]).fetchall()
    return {row[0] for row in rows}


def load_batch(con: duckdb.DuckDBPyConnection, name: str, tables: dict[str, pa.Table], run_id: int | None,
               now: dt.datetime | None = None) -> Written | None:
    """Bulk-load a batch file's tables (from :func:`batch_tables`) in the caller's transaction, one statement a
    table: ids moved past the stored ones, documents already stored (same kind and hash) left out with all
    their rows, and the batch recorded as loaded. None when it was loaded before."""
    if con.execute("SELECT count(*) FROM loaded_batches WHERE name = ?", [name]).fetchone()[0]:
        return None
    now = now or utc_now()
    documents = tables["documents"].to_pydict()
    stored = set()
    for kind in set(documents["kind"]):
        stored |= {(kind, digest) for digest in existing_hashes(
            con, kind, (h for k, h in zip(documents["kind"], documents["sha256"]) if k == kind))}
    keep, seen = [], set()
    for document_id, kind, digest in zip(documents["id"], documents["kind"], documents["sha256"]):
        if (kind, digest) not in stored | seen:
            seen.add((kind, digest))
            keep.append(document_id)
    if keep:
        shift = {table: next_id(con, table) - 1 for table in COLUMNS}
        views = {table: f"_batch_{table}" for table in COLUMNS}
        for table, view in views.items():
            con.register(view, tables[table])
        try:
            con.execute(f"INSERT INTO documents BY NAME SELECT * REPLACE (id + {shift['documents']} AS id, "
                        f"?::TIMESTAMP AS imported_at, ?::BIGINT AS run_id) FROM {views['documents']} "
                        f"WHERE list_contains(?, id) ORDER BY id", [now, run_id, keep])
            con.execute(f"INSERT INTO segments BY NAME SELECT * REPLACE (id + {shift['segments']} AS id, "
                        f"document_id + {shift['documents']} AS document_id) FROM {views['segments']} "
                        f"WHERE list_contains(?, document_id) ORDER BY id", [keep])
            con.execute(f"INSERT INTO claims BY NAME SELECT * REPLACE (id + {shift['claims']} AS id, "
                        f"document_id + {shift['documents']} AS document_id, segment_id + {shift['segments']} "
                        f"AS segment_id, ?::TIMESTAMP AS created_at, ?::BIGINT AS run_id) FROM {views['claims']} "
                        f"WHERE list_contains(?, document_id) ORDER BY id", [now, run_id, keep])
            con.execute(f"INSERT INTO quantities BY NAME SELECT q.* REPLACE (q.id + {shift['quantities']} AS id, "
                        f"q.segment_id + {shift['segments']} AS segment_id, q.claim_id + {shift['claims']} "
                        f"AS claim_id) FROM {views['quantities']} q JOIN {views['segments']} s "
                        f"ON s.id = q.segment_id WHERE list_contains(?, s.document_id) ORDER BY q.id", [keep])
            queue.refresh(con, range(shift["claims"] + 1, next_id(con, "claims")))
        finally:
            for view in views.values():
                con.unregister(view)
    kept = set(keep)
    segments = tables["segments"].to_pydict()
    claims = sum(1 for document_id in tables["claims"].column("document_id").to_pylist() if document_id in kept)
    passages = sum(1 for document_id, kind in zip(segments["document_id"], segments["kind"])
                   if document_id in kept and kind == "passage")
    con.execute("INSERT INTO loaded_batches VALUES (?, ?, ?, ?)", [name, run_id, len(keep), now])
    return Written(len(keep), claims, passages, len(documents["id"]) - len(keep))


# -- reading stored documents again ------------------------------------------------------------------------

REANALYSE_KEY = "reanalyse_through"


def documents_to_reanalyse(store: Store) -> list[dict]:
    """The documents read before the current frames (``id``, ``kind``, ``text``, ``published``), in id order."""
    with store.read() as con:
        through = con.execute("SELECT value FROM meta WHERE key = ?", [REANALYSE_KEY]).fetchone()
        if through is None:
            return []
        return list(records(con.execute("SELECT id, kind, text, CAST(published AS VARCHAR) AS published "
                                        "FROM documents WHERE id <= ? ORDER BY id", [int(through[0])])))


def rewrite_figures(con: duckdb.DuckDBPyConnection, document: dict, segments: Sequence[Segment],
                    claims: Sequence[Claim]) -> None:
    """Store a new reading of a stored document (its segments, cut as they were stored, and its claims), in
    the caller's transaction, keeping every id a reviewer or a match refers to: segments get their names; a
    source's figures are replaced; an article's claims keep their figures, whose frames are updated where the
    new reading finds the same figure."""
    existing = con.execute("SELECT id, char_start, char_end FROM segments WHERE document_id = ? ORDER BY seq",
                           [document["id"]]).fetchall()
    by_span = {(start, end): segment_id for segment_id, start, end in existing}
    for unit in segments:
        if (unit.start, unit.end) in by_span:
            con.execute("UPDATE segments SET actors = ?, places = ? WHERE id = ?",
                        [list(unit.actors), list(unit.places), by_span[(unit.start, unit.end)]])
    figures = [claim for claim in claims if claim.quantity is not None]
    if document["kind"] == "source":
        ids = [segment_id for segment_id, _, _ in existing]
        con.execute("DELETE FROM quantities WHERE claim_id IS NULL AND list_contains(?, segment_id)", [ids])
        starts = [start for _, start, _ in existing]
        rows: dict[str, list] = {column: [] for column in COLUMNS["quantities"]}
        row_id = next_id(con, "quantities")
        for claim in figures:
            index = bisect.bisect_right(starts, claim.sentence.start) - 1
            if index < 0:
                continue
            values = {"id": row_id, "segment_id": ids[index], "claim_id": None, **quantity_values(claim)}
            row_id += 1
            for column, target in rows.items():
                target.append(values.get(column))
        insert_rows(con, "quantities", rows)
        return
    found = {(claim.quantity.start, claim.quantity.end): claim for claim in figures}
    stored = con.execute("SELECT q.id, q.char_start, q.char_end FROM quantities q JOIN claims c ON c.id = q.claim_id "
                         "WHERE c.document_id = ?", [document["id"]]).fetchall()
    for quantity_id, start, end in stored:
        claim = found.get((start, end))
        if claim is not None:
            values = quantity_values(claim)
            con.execute(f"UPDATE quantities SET {', '.join(f'{c} = ?' for c in FRAME_COLUMNS)} WHERE id = ?",
                        [values[c] for c in FRAME_COLUMNS] + [quantity_id])


def finish_reanalysis(store: Store) -> None:
    with store.write() as con:
        con.execute("DELETE FROM meta WHERE key = ?", [REANALYSE_KEY])


# -- what the pages show ---------------------------------------------------------------------------------

def articles(store: Store) -> list[dict]:
    """Every article (``id``, ``title``, ``published``, ``claims``: how many), in id order."""
    return store.records("SELECT id, title, published, claims FROM documents_v WHERE kind = 'article' ORDER BY id")


def article_titles(store: Store) -> list[dict]:
    """Every article's ``id`` and ``title``, in id order: the lighter read where counts are not shown."""
    return store.records("SELECT id, title FROM documents WHERE kind = 'article' ORDER BY id")


def sources(store: Store) -> list[dict]:
    """Every source (``id``, ``title``, ``published``, ``url``, ``passages``, ``imported_at``), in id order."""
    return store.records("SELECT id, title, published, url, passages, imported_at FROM documents_v "
                         "WHERE kind = 'source' ORDER BY id")


def document_by_id(store: Store, document_id: int) -> dict | None:
    """A document's ``text``, ``url`` and ``published`` date, or None when there is no such document."""
    found = store.records("SELECT text, url, published FROM documents WHERE id = ?", [document_id])
    return found[0] if found else None


def document_claims(store: Store, document_id: int) -> list[dict]:
    """An article's claims in text order, with where they stand in it, their figure's reading and their review
    ``status``."""
    return store.records("SELECT claim_id, kind, quantity, quantity_start, quantity_end, value, value_max, unit, "
                         "qualifier, iso, direction, role, step, sentence, sentence_start, sentence_end, status, "
                         "subject, origin FROM claims_v WHERE document_id = ? "
                         "ORDER BY coalesce(quantity_start, sentence_start), claim_id", [document_id])


def sentences(store: Store, document_id: int) -> list[dict]:
    """An article's sentences (``sentence_id``, ``text``), in order."""
    return store.records("SELECT id AS sentence_id, text FROM segments WHERE document_id = ? AND kind = 'sentence' "
                         "ORDER BY seq", [document_id])


def passages(store: Store, passage_ids: Sequence[int]) -> list[dict]:
    """Source passages by id, with their source's title, in the order asked (ids that are no passage are left
    out): evidence a reviewer attached from a search, outside a claim's candidates."""
    if not passage_ids:
        return []
    found = store.records("SELECT s.id AS passage_id, d.title AS source, s.text FROM segments s "
                          "JOIN documents d ON d.id = s.document_id WHERE s.kind = 'passage' AND list_contains(?, s.id)",
                          [list(passage_ids)])
    order = {passage_id: position for position, passage_id in enumerate(passage_ids)}
    return sorted(found, key=lambda row: order[row["passage_id"]])


def count_documents(store: Store) -> int:
    return store.value("SELECT count(*) FROM documents")


def count_passages(store: Store) -> int:
    """How many source passages there are to match claims against."""
    return store.value("SELECT count(*) FROM segments WHERE kind = 'passage'")
