"""The passage index: BM25 over source passages, plus their figures as exact terms (tantivy).

DuckDB stays the source of truth; the index is derived, lives beside the database
(``claims.duckdb.index/``) and can always be rebuilt (``workbench reindex``). It is kept current
incrementally: passages with ids above the last one indexed are added and committed, which is
what tantivy does cheaply (DuckDB's own ``fts`` extension can only rebuild the whole index, and
answers in ~200 ms at 1M passages where tantivy answers in ~10 ms; see ``bench/match_bench.py``).
The index records which database it belongs to, so a recreated database is never served a stale index.

Each indexed passage stores what the reranker needs (text, offsets, source title and date, figures),
so matching one claim reads nothing from DuckDB.
"""
from __future__ import annotations

import fcntl
import json
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import tantivy

from workbench.errors import WorkbenchError
from workbench.match.figures import STOP_WORDS, Figure, canonical_unit
from workbench.settings import LOCK_TIMEOUT_S
from workbench.store.db import Store

INDEX_VERSION = 6
WRITER_HEAP = 128_000_000
FETCH_ROWS = 20_000
_TERM = re.compile(r"[a-z0-9]+")

PASSAGES_SQL = """
SELECT s.id, s.document_id, d.title, CAST(d.published AS VARCHAR) AS published, s.text, s.char_start, s.char_end,
       (SELECT lead.text FROM segments lead WHERE lead.document_id = s.document_id AND lead.seq = 0) AS lead,
       coalesce(list({'text': q.text, 'kind': q.kind, 'unit': q.unit, 'value': q.value, 'value_max': q.value_max,
                      'qualifier': q.qualifier, 'iso': q.iso, 'implied': q.implied,
                      'implied_qualifier': q.implied_qualifier, 'implied_start': q.implied_start,
                      'subject': q.subject, 'predicate': q.predicate, 'start': q.char_start, 'end': q.char_end}
                     ORDER BY q.char_start)
                FILTER (WHERE q.id IS NOT NULL), []) AS figures
FROM segments s
JOIN documents d ON d.id = s.document_id
LEFT JOIN quantities q ON q.segment_id = s.id AND q.claim_id IS NULL
WHERE s.kind = 'passage' AND s.id > ?
GROUP BY ALL
ORDER BY s.id
"""


def index_path(db_path: Path) -> Path:
    return Path(str(db_path) + ".index")


def _number_key(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.4g}"


def _rounded(value: float, digits: int) -> str:
    return f"{float(f'{value:.{digits}g}'):g}"


def figure_terms(figure: Figure) -> list[str]:
    """Terms for a figure: its value with its kind and unit (a count also without its noun, which the
    other side may name differently), the value rounded to one and two significant digits (so "nearly 9
    million" meets "8.9 million", "over 1,600" meets "1,652"), and the date it implies."""
    unit = canonical_unit(figure.unit) or "-"
    value = _number_key(figure.value)
    terms = [f"{figure.kind}:{unit}:{value}"]
    if figure.kind == "count":
        terms.append(f"count:*:{value}")
    if figure.kind != "date":
        terms += [f"{figure.kind}:~{_rounded(figure.value, 1)}", f"{figure.kind}:~~{_rounded(figure.value, 2)}"]
    date = figure.as_date()
    if date is not None and figure.kind != "date":
        terms.append(f"date:year:{_number_key(date.value)}")
    return terms


def query_terms(text: str) -> list[str]:
    """The words of a text worth searching for: lowercased, no stop words, no single characters and no
    pieces of figures ("4bn" of "$7.4bn"), in order, once each."""
    return list(dict.fromkeys(w for w in _TERM.findall(text.lower()) if w not in STOP_WORDS and len(w) > 1
                              and (w.isalpha() or w.isdigit())))


@dataclass(frozen=True)
class Hit:
    """One passage found by the index, with what the reranker needs."""

    passage_id: int
    document_id: int
    source: str | None
    published: str | None
    text: str
    start: int
    end: int
    figures: tuple[dict, ...]
    bm25: float
    context: str = ""  # the source's title and opening passage: what the passage is about when it does not say



@dataclass(frozen=True)
class SyncReport:
    added: int
    rebuilt: bool
    upto: int
    seconds: float


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("passage_id", stored=True, indexed=True, fast=True)
    builder.add_unsigned_field("document_id", stored=True)
    builder.add_unsigned_field("start", stored=True)
    builder.add_unsigned_field("end", stored=True)
    builder.add_text_field("source", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("published", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("text", stored=True, tokenizer_name="en_stem")
    builder.add_text_field("figures", stored=False, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("figures_json", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("context", stored=True, tokenizer_name="raw", index_option="basic")
    return builder.build()


class PassageIndex:
    """The tantivy index of one database's source passages."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self.schema = _schema()
        state = self.state()
        if state and state.get("version") != INDEX_VERSION:
            self._discard()  # written by another version of the workbench: rebuilt on the next sync
        try:
            self.index = tantivy.Index(self.schema, path=str(self.path), reuse=True)
        except ValueError:  # an index of another shape (or a damaged one): it is derived data
            self._discard()
            self.index = tantivy.Index(self.schema, path=str(self.path), reuse=True)

    def _discard(self) -> None:
        for entry in self.path.iterdir():
            if entry.name != ".sync.lock":
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()

    @classmethod
    def for_store(cls, store: Store) -> PassageIndex:
        return cls(index_path(store.path))

    # -- state and locking -----------------------------------------------------------------------

    @property
    def _state_file(self) -> Path:
        return self.path / "workbench-index.json"

    def state(self) -> dict:
        try:
            return json.loads(self._state_file.read_text())
        except (OSError, ValueError):
            return {}

    @contextmanager
    def _sync_lock(self, timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
        """One process at a time adds to the index; the others wait (searching never waits)."""
        with open(self.path / ".sync.lock", "w") as handle:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise WorkbenchError(f"{self.path}: the index is being updated by another process; "
                                             f"waited {timeout:g} s") from None
                    time.sleep(0.05)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    # -- building ----------------------------------------------------------------------------------

    def sync(self, store: Store, rebuild: bool = False) -> SyncReport:
        """Add the passages the index lacks; rebuild when asked or when it belongs to another database."""
        started = time.perf_counter()
        with self._sync_lock():
            with store.read() as con:
                database_id = con.execute("SELECT value FROM meta WHERE key = 'database_id'").fetchone()[0]
                latest = con.execute("SELECT coalesce(max(id), 0) FROM segments WHERE kind = 'passage'").fetchone()[0]
            state = self.state()
            stale = state.get("database_id") != database_id or state.get("version") != INDEX_VERSION
            rebuild = rebuild or stale or state.get("upto", 0) > latest
            upto = 0 if rebuild else state.get("upto", 0)
            if upto >= latest and not rebuild:
                return SyncReport(0, False, upto, time.perf_counter() - started)
            writer = self.index.writer(heap_size=WRITER_HEAP, num_threads=1)
            if rebuild:
                writer.delete_all_documents()
            added = 0
            with store.read() as con:
                cursor = con.execute(PASSAGES_SQL, [upto])
                while rows := cursor.fetchmany(FETCH_ROWS):
                    for row in rows:
                        writer.add_document(self._document(row))
                    added += len(rows)
            writer.commit()
            writer.wait_merging_threads()
            self._state_file.write_text(json.dumps({"database_id": database_id, "upto": latest,
                                                    "version": INDEX_VERSION}))
        self.index.reload()
        return SyncReport(added, rebuild, latest, time.perf_counter() - started)

    @staticmethod
    def _document(row) -> tantivy.Document:
        passage_id, document_id, source, published, text, start, end, lead, figures = row
        document = tantivy.Document()
        for field, value in (("passage_id", passage_id), ("document_id", document_id), ("start", start),
                             ("end", end)):
            document.add_unsigned(field, value)
        context = f"{source or ''}\n{lead or ''}" if lead != text else source or ""
        for field, value in (("source", source or ""), ("published", published or ""), ("text", text),
                             ("figures_json", json.dumps(figures)), ("context", context)):
            document.add_text(field, value)
        for figure in figures:
            for term in figure_terms(Figure.of(figure)):
                document.add_text("figures", term)
        return document

    def add_passages(self, rows: list[tuple]) -> None:
        """Index rows shaped like :data:`PASSAGES_SQL`'s directly (benchmarks build large indexes this way)."""
        writer = self.index.writer(heap_size=WRITER_HEAP, num_threads=1)
        for row in rows:
            writer.add_document(self._document(row))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()

    # -- searching ---------------------------------------------------------------------------------

    @property
    def upto(self) -> int:
        return int(self.state().get("upto", 0))

    def _text_query(self, words: list[str]) -> tantivy.Query | None:
        words = [word for word in words if _TERM.fullmatch(word)]
        return self.index.parse_query(" ".join(words), ["text"]) if words else None

    def _restrict(self, query: tantivy.Query, after: int | None) -> tantivy.Query:
        if not after:
            return query
        newer = tantivy.Query.range_query(self.schema, "passage_id", tantivy.FieldType.Unsigned, after, None,
                                          include_lower=False)
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, newer), (tantivy.Occur.Must, query)])

    def search(self, words: list[str], figure_tokens: list[str], limit: int,
               after: int | None = None) -> list[Hit]:
        """BM25 over the words (:func:`query_terms`), and separately the passages sharing a figure term;
        their union, best first. ``after`` restricts to passages added after that id."""
        searcher = self.index.searcher()
        text_query = self._text_query(words)
        hits: dict[int, Hit] = {}
        if text_query is not None:
            for score, address in searcher.search(self._restrict(text_query, after), limit, count=False).hits:
                hit = self._hit(searcher, address, score)
                hits[hit.passage_id] = hit
        if figure_tokens:
            figure_query = tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, tantivy.Query.term_query(self.schema, "figures", token))
                 for token in figure_tokens])
            clauses = [(tantivy.Occur.Must, tantivy.Query.const_score_query(figure_query, 0.0))]
            if text_query is not None:
                clauses.append((tantivy.Occur.Should, text_query))
            query = self._restrict(tantivy.Query.boolean_query(clauses), after)
            for score, address in searcher.search(query, limit, count=False).hits:
                hit = self._hit(searcher, address, score)
                hits.setdefault(hit.passage_id, hit)
        return sorted(hits.values(), key=lambda h: -h.bm25)

    @staticmethod
    def _hit(searcher, address, score: float) -> Hit:
        stored = searcher.doc(address)
        return Hit(
            passage_id=stored["passage_id"][0], document_id=stored["document_id"][0],
            source=stored["source"][0] or None, published=stored["published"][0] or None,
            text=stored["text"][0], start=stored["start"][0], end=stored["end"][0],
            figures=tuple(json.loads(stored["figures_json"][0])), bm25=float(score), context=stored["context"][0])

    def count(self) -> int:
        return self.index.searcher().num_docs
