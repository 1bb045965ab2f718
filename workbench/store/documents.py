"""Documents: writing analysed ones (documents, segments, claims and quantities, in bulk) and reading them.

A batch's rows are built while it is analysed, with ids counted within the batch (``BatchRows``), and go
to DuckDB as Arrow tables (one INSERT per table per batch, or per spilled file of a huge one), which is
what keeps storage far below the cost of the spaCy pass. Callers hold the transaction (``Store.write()``),
only for the load, so a batch lands whole or not at all and the file is not held while spaCy runs. A document is stored as segments: an article's sentences, a source's
passages (grouped by ingest before they get here); their ids are ``sentence_id`` and ``passage_id``
in what this module returns, ``segment_id`` in the tables.
"""
from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import feather

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
    "title_names": ("id", "document_id", "actors", "places"),
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
    #: the companies, parties and people, and the places, its title names (a source's: see migration 0023)
    title_names: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())


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


#: Rows of one table a batch holds in memory: beyond them (given a folder) they are spilled to a file, so a
#: claim-dense huge document's hundreds of thousands of claims never wait as Python lists all at once.
FLUSH_ROWS = 50_000
#: Each table's columns that hold ids, and the table whose ids they are: what moves when a batch's ids, counted
#: from 1 within it, go past the stored ones.
ID_COLUMNS = {
    "documents": {"id": "documents"},
    "segments": {"id": "segments", "document_id": "documents"},
    "claims": {"id": "claims", "document_id": "documents", "segment_id": "segments"},
    "quantities": {"id": "quantities", "segment_id": "segments", "claim_id": "claims"},
    "title_names": {"id": "title_names", "document_id": "documents"},
}


class BatchRows:
    """A batch of documents as rows of the store's tables, ids counted from 1 within the batch, built while the
    documents are analysed (the database is not held meanwhile) and stored by :meth:`load` in one transaction.

    A document is given whole (:meth:`add`) or piece by piece (:meth:`begin`, then :meth:`extend` as each piece
    is analysed). Given a ``spill`` folder, a table's rows go to an Arrow file in it whenever
    :data:`FLUSH_ROWS` wait, and :meth:`load` reads them back a file at a time: a batch's memory stays bounded
    however large its documents. Without one (a batch file's tables) they are all kept."""

    def __init__(self, spill: Path | None = None):
        self.spill = spill
        self.columns = {table: {column: [] for column in columns} for table, columns in COLUMNS.items()}
        self.next = {table: 1 for table in COLUMNS}
        self.files = {table: 0 for table in COLUMNS}
        self.firsts: list[dict[str, int]] = []  # each document's first id in every table: its rows follow
        self.keys: list[tuple[str, str]] = []  # each document's (kind, sha256)
        self.kind = ""
        self.document_id = 0
        self.seq = 0
        self.previous: tuple[int, int] | None = None  # (start, id) of the document's last segment given before

    def _add(self, table: str, **values) -> int:
        row_id = self.next[table]
        self.next[table] += 1
        values["id"] = row_id
        columns = self.columns[table]
        for column, target in columns.items():
            target.append(values.get(column))
        if self.spill is not None and len(columns["id"]) >= FLUSH_ROWS:
            feather.write_feather(pa.table(columns), self.spill / f"{table}-{self.files[table]:05d}.arrow")
            self.files[table] += 1
            for values_of_column in columns.values():
                values_of_column.clear()
        return row_id

    def add(self, document: AnalysedDocument) -> None:
        """A whole document: its metadata, segments and claims."""
        self.begin(document)
        self.extend(document.segments, document.claims)

    def begin(self, document: AnalysedDocument) -> None:
        """A document's own row; its segments and claims (any in ``document`` are ignored) follow by
        :meth:`extend`. The time and run are stamped when the batch is loaded."""
        self.firsts.append(dict(self.next))
        self.keys.append((document.kind, document.sha256))
        self.kind = document.kind
        self.document_id = self._add(
            "documents", kind=document.kind, title=document.title, url=document.url,
            published=dt.date.fromisoformat(document.published) if document.published else None,
            sha256=document.sha256, text=document.text, origin=document.origin)
        if document.kind == "source":
            self._add("title_names", document_id=self.document_id, actors=list(document.title_names[0]),
                      places=list(document.title_names[1]))
        self.seq = 0
        self.previous = None

    def extend(self, segments: Sequence[Segment], claims: Sequence[Claim]) -> None:
        """More of the current document: its next segments, in order, and claims. A claim belongs to the last
        segment that starts at or before its sentence; claims come no earlier in the text than the segments
        given before this call, so that segment is the last of those or one of these, and only that one is
        kept from call to call."""
        starts, ids = ([self.previous[0]], [self.previous[1]]) if self.previous else ([], [])
        for unit in segments:
            starts.append(unit.start)
            ids.append(self._add("segments", document_id=self.document_id, seq=self.seq,
                                 kind="sentence" if self.kind == "article" else "passage",
                                 char_start=unit.start, char_end=unit.end, text=unit.text,
                                 checkworthiness=unit.checkworthiness, actors=list(unit.actors),
                                 places=list(unit.places)))
            self.seq += 1
        if starts:
            self.previous = (starts[-1], ids[-1])
        for claim in claims:
            index = bisect.bisect_right(starts, claim.sentence.start) - 1
            if index < 0:
                continue  # a claim before every stored segment cannot be shown in context
            if self.kind == "source":
                if claim.quantity is not None:  # a source's figures are evidence, not claims to review
                    self._add_quantity(claim, ids[index], None)
                continue
            claim_id = self._add(
                "claims", document_id=self.document_id, segment_id=ids[index], kind=claim.kind,
                subject=claim.subject, predicate=claim.predicate, time=claim.time, attribution=claim.attribution,
                attribution_kind=claim.attribution_kind, hedged=claim.hedged,
                checkworthiness=claim.checkworthiness, origin="extracted", entities=list(claim.entities))
            if claim.quantity is not None:
                self._add_quantity(claim, ids[index], claim_id)

    def _add_quantity(self, claim: Claim, segment_id: int, claim_id: int | None) -> None:
        self._add("quantities", segment_id=segment_id, claim_id=claim_id, **quantity_values(claim))

    def tables(self) -> dict[str, pa.Table]:
        """Every row (none spilled: no folder), table by table."""
        return {table: pa.table(columns) for table, columns in self.columns.items()}

    def _pieces(self, table: str) -> Iterator[pa.Table]:
        """A table's rows in id order: its spilled files, one at a time, then those still in memory."""
        for number in range(self.files[table]):
            yield feather.read_table(self.spill / f"{table}-{number:05d}.arrow", memory_map=True)
        if self.columns[table]["id"]:
            yield pa.table(self.columns[table])

    def load(self, con: duckdb.DuckDBPyConnection, run_id: int | None, now: dt.datetime | None = None,
             only: int | None = None) -> Written:
        """Insert the batch's documents (or only the ``only``-th, counted from 0) in the caller's transaction,
        stamped with the run and the time, with their claims' rows of the review queue. A document already
        stored (same kind and hash) or repeated in the batch is left out with all its rows; the others' ids
        follow the stored ones without gaps, each table's rows in the order they were found. Nothing is
        consumed: after a rollback it can load again."""
        now = now or utc_now()
        wanted = range(len(self.keys)) if only is None else [only]
        seen: set[tuple[str, str]] = set()
        for kind in {self.keys[index][0] for index in wanted}:
            seen |= {(kind, digest) for digest in existing_hashes(
                con, kind, (self.keys[index][1] for index in wanted if self.keys[index][0] == kind))}
        kept = np.zeros(len(self.keys), dtype=bool)
        for index in wanted:
            if self.keys[index] not in seen:
                seen.add(self.keys[index])
                kept[index] = True
        # a document's rows of a table are the ids from its first to the next document's first
        firsts = {table: np.array([row[table] for row in self.firsts], dtype=np.int64) for table in COLUMNS}
        sizes = {table: np.diff([*firsts[table], self.next[table]]) for table in COLUMNS}
        shifts = {}
        for table in COLUMNS:  # each kept document's rows go to the first free ids after those kept before it
            taken = np.where(kept, sizes[table], 0)
            shifts[table] = next_id(con, table) + np.cumsum(taken) - taken - firsts[table]
        stamps = {"imported_at": now, "created_at": now, "run_id": run_id}
        first_claim = next_id(con, "claims")
        for table, moved in ID_COLUMNS.items():
            for rows in self._pieces(table):
                document = np.searchsorted(firsts[table], rows.column("id").to_numpy(), side="right") - 1
                mask = kept[document]
                if not mask.any():
                    continue
                rows, document = rows.filter(mask), document[mask]
                columns = {name: rows.column(name) for name in rows.column_names}
                for column, counted_in in moved.items():
                    columns[column] = pc.add(columns[column].cast(pa.int64()), pa.array(shifts[counted_in][document]))
                for column in COLUMNS[table]:
                    if column in stamps:
                        columns[column] = pa.repeat(stamps[column], len(rows))
                insert_rows(con, table, columns)
        queue.refresh(con, range(first_claim, next_id(con, "claims")))  # the new claims' rows of the queue
        passages = sum(int(sizes["segments"][index]) for index in np.flatnonzero(kept) if self.keys[index][0] == "source")
        return Written(int(kept.sum()), int(sizes["claims"][kept].sum()), passages, len(wanted) - int(kept.sum()))


def write_documents(con: duckdb.DuckDBPyConnection, documents: list[AnalysedDocument], run_id: int | None,
                    now: dt.datetime | None = None) -> Written:
    """Insert whole documents not already stored (by kind and hash); all in the caller's transaction."""
    rows = BatchRows()
    for document in documents:
        rows.add(document)
    return rows.load(con, run_id, now)


# -- batch files: documents analysed elsewhere, loaded in bulk ----------------------------------------------

def batch_tables(documents: list[AnalysedDocument]) -> dict[str, pa.Table]:
    """Documents as rows of the store's own tables (table → Arrow table), for a batch file: ids count from 1
    within the batch, and :func:`load_batch` moves them past the stored ones."""
    rows = BatchRows()
    for document in documents:
        rows.add(document)
    return rows.tables()


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
            con.execute(f"INSERT INTO title_names BY NAME SELECT * REPLACE (id + {shift['title_names']} AS id, "
                        f"document_id + {shift['documents']} AS document_id) FROM {views['title_names']} "
                        f"WHERE list_contains(?, document_id) ORDER BY id", [keep])
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
    """The documents read before the current frames (``id``, ``kind``, ``title``, ``text``, ``published``), in id
    order."""
    with store.read() as con:
        through = con.execute("SELECT value FROM meta WHERE key = ?", [REANALYSE_KEY]).fetchone()
        if through is None:
            return []
        return list(records(con.execute("SELECT id, kind, title, text, CAST(published AS VARCHAR) AS published "
                                        "FROM documents WHERE id <= ? ORDER BY id", [int(through[0])])))


def rewrite_figures(con: duckdb.DuckDBPyConnection, document: dict, segments: Sequence[Segment],
                    claims: Sequence[Claim], title_names: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())) -> None:
    """Store a new reading of a stored document (its segments, cut as they were stored, its claims and the names
    of its title), in the caller's transaction, keeping every id a reviewer or a match refers to: segments get
    their names; a source's figures are replaced; an article's claims keep their figures, whose frames are
    updated where the new reading finds the same figure."""
    if document["kind"] == "source":
        con.execute("DELETE FROM title_names WHERE document_id = ?", [document["id"]])
        con.execute("INSERT INTO title_names VALUES (?, ?, ?, ?)",
                    [next_id(con, "title_names"), document["id"], list(title_names[0]), list(title_names[1])])
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
