"""The passage index: BM25 over source passages, their figures as exact terms (tantivy), and their
sentence vectors for nearest-neighbour search by meaning (usearch).

DuckDB stays the source of truth; the index is derived, lives beside the database
(``claims.duckdb.index/``) and can always be rebuilt (``workbench reindex``). It is kept current
incrementally: passages with ids above the last one indexed are added and committed, which is
what tantivy does cheaply (DuckDB's own ``fts`` extension can only rebuild the whole index, and
answers in ~200 ms at 1M passages where tantivy answers in ~10 ms; see ``bench/match_bench.py``).
The index records which database it belongs to, so a recreated database is never served a stale index.

Each indexed passage stores what the reranker needs (text, offsets, source title and date, figures),
so matching one claim reads nothing from DuckDB. The vectors are stored in DuckDB (``passage_vectors``,
written at import) and copied into an HNSW graph (``vectors.usearch``) in the same folder, synced with
the text index under the same lock and rebuilt with it.
"""
from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
import tantivy
from usearch.index import Index as VectorIndex

from workbench.claims import Claim, Quantity, Sentence
from workbench.errors import WorkbenchError
from workbench.match.embed import DIMENSIONS, MODEL
from workbench.match.figures import (
    READING,
    STOP_WORDS,
    canonical_unit,
    content_words,
    implied_date,
    passage_times,
)
from workbench.settings import LOCK_TIMEOUT_S
from workbench.store.db import Store
from workbench.store.matching import claim_from_record, figure_from_record, index_state, passages_after
from workbench.store.vectors import count_vectors, vectors_after

#: The index's shape, and how its stored words were read (:data:`workbench.match.figures.READING`): an index
#: of another is rebuilt.
INDEX_VERSION = f"12-{READING}"
#: The approximate-nearest-neighbour index of passage vectors (usearch's HNSW, half-precision), beside tantivy's.
VECTORS_FILE = "vectors.usearch"
#: Up to this many passages, nearest neighbours are found exactly (a scan of a few milliseconds): an HNSW
#: graph can leave a passage unreachable among thousands of near-duplicates, which a scan never does.
EXACT_UP_TO = 50_000
#: The HNSW graph's links per node and its candidate lists when adding and searching (usearch's defaults are
#: 16, 128 and 64): wider than the defaults, for recall.
HNSW = {"connectivity": 32, "expansion_add": 128, "expansion_search": 128}
WRITER_HEAP = 128_000_000
_TERM = re.compile(r"[a-z0-9]+")


@cache
def _search_threads(pid: int) -> ThreadPoolExecutor:
    """The threads that run a match's tantivy queries, one pool per process (a forked child gets its own:
    the parent's threads are not in it)."""
    return ThreadPoolExecutor(max_workers=2, thread_name_prefix="passage-search")


@lru_cache(maxsize=20_000)
def _stored_figures(figures_json: str, names_json: str, text: str, start: int, end: int
                    ) -> tuple[tuple[Claim, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """A passage's figures (each with its frame), its names and its title's actors, read back from what the index
    stores. Keyed by the stored text itself, so a passage retrieved for many claims is read once."""
    passage = Sentence(text, start, end)
    names = json.loads(names_json)
    return (passage_times(tuple(claim_from_record(figure, passage) for figure in json.loads(figures_json)),
                          names["times_before"]),
            tuple(names["actors"]), tuple(names["places"]), tuple(names["title_actors"]))


def _stored_words(joined: str) -> frozenset[str]:
    return frozenset(joined.split())


def index_path(db_path: Path) -> Path:
    return Path(str(db_path) + ".index")


def _number_key(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.4g}"


def _rounded(value: float, digits: int) -> str:
    return f"{float(f'{value:.{digits}g}'):g}"


def loose(figure: Quantity) -> bool:
    """A figure given loosely: qualified ("nearly 200", "over 1,600") or a range."""
    return figure.qualifier not in (None, "exactly") or figure.value_max is not None


def figure_terms(figure: Quantity, indexed: bool = False) -> list[str]:
    """Terms for a figure: its value with its kind and unit (a count also without its noun, which the
    other side may name differently), the value rounded to two significant digits ("1.2 billion" meets
    "1.24 billion"), to one ("nearly 9 million" meets "8.9 million", "over 1,600" meets "1,652"), and the
    date it implies. Every passage's figure is indexed under its one-digit term, but only a loose claim asks
    for it: a precise claim asks for the one-digit term of rough passages (``≈``), which a passage indexes
    (``indexed``) only when it is loose or round. "185" still meets "nearly 200" and "200", but no longer
    asks for every figure from 150 to 249 (50,000 passages of the 1M benchmark's, a third of its match time)."""
    unit = canonical_unit(figure.unit) or "-"
    value = _number_key(figure.value)
    terms = [f"{figure.kind}:{unit}:{value}"]
    if figure.kind == "count":
        terms.append(f"count:*:{value}")
    if figure.kind != "date":
        one_digit = _rounded(figure.value, 1)
        terms.append(f"{figure.kind}:~~{_rounded(figure.value, 2)}")
        if indexed:
            rough = loose(figure) or float(one_digit) == figure.value  # "nearly 200", "200"
            terms += [f"{figure.kind}:~{one_digit}"] + ([f"{figure.kind}:≈{one_digit}"] if rough else [])
        else:
            terms.append(f"{figure.kind}:{'~' if loose(figure) else '≈'}{one_digit}")
    date = implied_date(figure)
    if date is not None and figure.kind != "date":
        terms.append(f"date:year:{_number_key(date.value)}")
    return terms


def query_terms(text: str) -> list[str]:
    """The words of a text worth searching for: lowercased, no stop words, no single characters and no
    pieces of figures ("4bn" of "$7.4bn"), in order, once each."""
    return list(dict.fromkeys(w for w in _TERM.findall(text.lower()) if w not in STOP_WORDS and len(w) > 1
                              and (w.isalpha() or w.isdigit())))


def _new_vectors() -> VectorIndex:
    return VectorIndex(ndim=DIMENSIONS, metric="cos", dtype="f16", **HNSW)


# Not frozen, for speed: see workbench.match.frames.FrameCheck.
@dataclass(slots=True)
class Hit:
    """One passage found by the index, with what the reranker needs: its figures, each with its frame."""

    passage_id: int
    document_id: int
    source: str | None
    published: str | None
    text: str
    start: int
    end: int
    figures: tuple[Claim, ...]
    bm25: float
    context: str = ""  # the source's title and opening passage: what the passage is about when it does not say
    actors: tuple[str, ...] = ()  # names in the passage (or its source's opening passage)
    places: tuple[str, ...] = ()
    title_actors: tuple[str, ...] = ()  # the companies, parties and people its source's title names
    similarity: float = 0.0  # cosine of the passage's vector and the claim's, for the nearest by meaning
    lexical: bool = True  # found by its words or figures
    nearest: bool = False  # among the passages nearest to the claim by meaning
    #: the passage's words and its context's, as :func:`workbench.match.figures.content_words` reads them: read
    #: once, when it is indexed (reading them costs a claim's first match at 1M passages 15% of its time)
    words: frozenset[str] = frozenset()
    context_words: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Found:
    """What a search found: the passages its words or figures found, read, and those only the vectors found,
    by their cosine to the claim's vector, not read yet (:meth:`PassageIndex.passages` reads them): fusion
    places them by that cosine alone, so only those that place among the shown candidates need reading."""

    hits: list[Hit]
    unread: dict[int, float]


@dataclass(frozen=True)
class SyncReport:
    added: int
    rebuilt: bool
    upto: int
    seconds: float
    vectors_added: int = 0


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
    builder.add_text_field("names_json", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("words", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("context_words", stored=True, tokenizer_name="raw", index_option="basic")
    return builder.build()


class PassageIndex:
    """The tantivy index and the vector index of one database's source passages."""

    def __init__(self, path: Path):
        self.path = Path(path)
        if self.path.exists() and not self.path.is_dir():
            raise WorkbenchError(f"{self.path}: a file where the search index's folder belongs; move it away "
                                 "(the index is rebuilt from the database)")
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
        self.vectors = self._load_vectors()
        self._keys: np.ndarray | None = None  # the graph's passage ids, sorted: read when first needed

    def _load_vectors(self) -> VectorIndex:
        vectors = _new_vectors()
        file = self.path / VECTORS_FILE
        if file.exists():
            try:
                vectors.load(str(file))
            except (RuntimeError, ValueError):  # damaged: derived data, rebuilt on the next sync
                vectors = _new_vectors()
        return vectors

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

    def _write_state(self, state: dict) -> None:
        """Write the state whole or not at all: a temporary file, then renamed over the old one."""
        partial = self._state_file.with_suffix(".partial")
        partial.write_text(json.dumps(state))
        partial.replace(self._state_file)

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
            database = index_state(store)
            state = self.state()
            # The index holds exactly the passages its state counts, or it was damaged (a file lost) or cut
            # off between its commit and its state (which would add the same passages twice): rebuilt.
            stale = state.get("database_id") != database.database_id or state.get("version") != INDEX_VERSION \
                or state.get("passages") != self.count()
            rebuild = rebuild or stale or state.get("upto", 0) > database.latest_passage
            upto = 0 if rebuild else state.get("upto", 0)
            if upto >= database.latest_passage and not rebuild and \
                    count_vectors(store, MODEL) == len(self.vectors):
                return SyncReport(0, False, upto, time.perf_counter() - started)
            writer = self.index.writer(heap_size=WRITER_HEAP, num_threads=1)
            if rebuild:
                writer.delete_all_documents()
            added = 0
            for record in passages_after(store, upto):
                writer.add_document(self._document(record))
                added += 1
            writer.commit()
            writer.garbage_collect_files()  # segments a killed run left behind
            writer.wait_merging_threads()
            self.index.reload()
            vectors_added = self._sync_vectors(store, rebuild, state.get("vectors_upto", 0))
            self._write_state({"database_id": database.database_id, "upto": database.latest_passage,
                               "version": INDEX_VERSION, "passages": self.count(), "model": MODEL,
                               "vectors_upto": self._vectors_upto})
        return SyncReport(added, rebuild, database.latest_passage, time.perf_counter() - started, vectors_added)

    def _sync_vectors(self, store: Store, rebuild: bool, upto: int) -> int:
        """Copy the passage vectors the graph lacks; all of them when rebuilding, or when the database holds
        vectors the graph never saw below its last one (passages embedded after a later import)."""
        if rebuild or count_vectors(store, MODEL, upto) != len(self.vectors):
            self.vectors, upto = _new_vectors(), 0
        added = 0
        for ids, vectors in vectors_after(store, MODEL, upto):
            self.vectors.add(ids, vectors)
            added, upto = added + len(ids), int(ids[-1])
        self._vectors_upto = upto
        if added or rebuild:
            partial = self.path / f"{VECTORS_FILE}.partial"
            self.vectors.save(str(partial))
            partial.replace(self.path / VECTORS_FILE)
        self._keys = None
        return added

    @staticmethod
    def _document(record: dict) -> tantivy.Document:
        """A passage record (:func:`workbench.store.matching.passages_after`'s) as an index document."""
        document = tantivy.Document()
        for field in ("passage_id", "document_id", "start", "end"):
            document.add_unsigned(field, record[field])
        source, lead, text = record["source"], record.get("lead"), record["text"]
        context = f"{source or ''}\n{lead or ''}" if lead != text else source or ""
        names = {key: list(record.get(key) or ()) for key in ("actors", "places", "title_actors", "times_before")}
        for field, value in (("source", source or ""), ("published", record["published"] or ""), ("text", text),
                             ("figures_json", json.dumps(record["figures"])), ("context", context),
                             ("names_json", json.dumps(names)), ("words", " ".join(sorted(content_words(text)))),
                             ("context_words", " ".join(sorted(content_words(context))))):
            document.add_text(field, value)
        for figure in record["figures"]:
            for term in figure_terms(figure_from_record(figure), indexed=True):
                document.add_text("figures", term)
        return document

    def add_vectors(self, passage_ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add passage vectors to the graph directly (benchmarks build large indexes this way)."""
        self.vectors.add(np.asarray(passage_ids, dtype=np.uint64), vectors)
        self._keys = None

    def add_passages(self, records: list[dict]) -> None:
        """Index passage records directly (benchmarks build large indexes this way)."""
        writer = self.index.writer(heap_size=WRITER_HEAP, num_threads=1)
        for record in records:
            writer.add_document(self._document(record))
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

    def _restrict(self, query: tantivy.Query, after: int | None, within: list[int] | None) -> tantivy.Query:
        clauses = [(tantivy.Occur.Must, query)]
        if after:
            clauses.append((tantivy.Occur.Must, tantivy.Query.range_query(
                self.schema, "passage_id", tantivy.FieldType.Unsigned, after, None, include_lower=False)))
        if within is not None:
            clauses.append((tantivy.Occur.Must, tantivy.Query.term_set_query(self.schema, "passage_id", within)))
        return query if len(clauses) == 1 else tantivy.Query.boolean_query(clauses)

    def search(self, words: list[str], figure_tokens: list[str], limit: int, after: int | None = None,
               within: list[int] | None = None, vector: np.ndarray | None = None,
               nearest: int | None = None) -> list[Hit]:
        """BM25 over the words (:func:`query_terms`), separately the passages sharing a figure term, and the
        ``nearest`` (default ``limit``) passages nearest to ``vector`` (the claim's sentence vector) by meaning;
        their union (the nearest with their cosine to the vector), best BM25 first. ``after`` restricts to
        passages added after that id; ``within`` to the given passages, every one of which is returned (with a
        BM25 of 0 when no word matches)."""
        found = self.find(words, figure_tokens, limit, after, within, vector, nearest)
        return sorted(found.hits + self.passages(found.unread), key=lambda h: -h.bm25)

    def find(self, words: list[str], figure_tokens: list[str], limit: int, after: int | None = None,
             within: list[int] | None = None, vector: np.ndarray | None = None,
             nearest: int | None = None) -> Found:
        """What :meth:`search` finds, with the passages only the vectors found left unread (:class:`Found`)."""
        searcher = self.index.searcher()
        queries = self._lexical_queries(words, figure_tokens, after, within)
        # tantivy lets go of the GIL while it searches, usearch does not: the word and figure queries run on
        # other threads while this one walks the vector graph (at 1M passages ~1.5 of a match's ~8 ms).
        pending = [_search_threads(os.getpid()).submit(searcher.search, query, limit, count=False)
                   for query, _, _ in queries]
        near = self.nearest(vector, nearest or limit, after) if vector is not None and within is None else {}
        found = self._found(searcher, [(future.result().hits, first, scored)
                                       for future, (_, first, scored) in zip(pending, queries)])
        return Found([self._hit(stored, score, near) for stored, score in found.values()],
                     {passage_id: similarity for passage_id, similarity in near.items() if passage_id not in found})

    def passages(self, near: dict[int, float]) -> list[Hit]:
        """The given passages, found by meaning alone (``near``: their cosine to the claim's vector)."""
        if not near:
            return []
        searcher = self.index.searcher()
        return [self._hit(searcher.doc(address), 0.0, near, lexical=False)
                for _, address in searcher.search(self._passages_query(list(near)), len(near), count=False).hits]

    def _passages_query(self, passage_ids: list[int]) -> tantivy.Query:
        """The few given passages, one term query each: at 1M passages a tenth of a term set query's time
        (0.07 against 0.7 ms, ``bench/match_bench.py``'s index)."""
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, tantivy.Query.term_query(
            self.schema, "passage_id", passage_id)) for passage_id in passage_ids])

    def nearest(self, vector: np.ndarray, limit: int, after: int | None) -> dict[int, float]:
        """The ``limit`` passages nearest to the vector (cosine), among those added after ``after`` if given:
        through the HNSW graph, or exactly when only the few passages of a new import are asked for."""
        if not len(self.vectors):
            return {}
        if after:
            keys = self._sorted_keys()
            newer = keys[np.searchsorted(keys, after, side="right"):]
            return dict(sorted(self.similarities(vector, newer.tolist()).items(), key=lambda kv: -kv[1])[:limit])
        # one query: on one thread (usearch's default, every core, costs 0.2 ms a query at 1M passages)
        matches = self.vectors.search(vector, min(limit, len(self.vectors)), exact=len(self.vectors) <= EXACT_UP_TO,
                                      threads=1)
        return {int(key): 1.0 - float(distance) for key, distance in zip(matches.keys, matches.distances)}

    def similarities(self, vector: np.ndarray, passage_ids: list[int]) -> dict[int, float]:
        """The cosine of each passage's vector and ``vector`` (passages without one are left out)."""
        if not passage_ids or not len(self.vectors):
            return {}
        found = self.vectors.get(np.asarray(passage_ids, dtype=np.uint64))
        out = {}
        for passage_id, stored in zip(passage_ids, found):
            if stored is not None:
                stored = np.asarray(stored, dtype=np.float32)
                norm = float(np.linalg.norm(stored))
                out[passage_id] = float(stored @ vector) / norm if norm else 0.0
        return out

    def _sorted_keys(self) -> np.ndarray:
        if self._keys is None:
            self._keys = np.sort(np.asarray(self.vectors.keys, dtype=np.uint64))
        return self._keys

    def _lexical_queries(self, words: list[str], figure_tokens: list[str], after: int | None,
                         within: list[int] | None) -> list[tuple[tantivy.Query, bool, bool]]:
        """The queries that find passages by their words, by their figures' terms and (``within``) at all, each
        with whether its score stands over another query's (``first``) and whether it scores at all."""
        text_query = self._text_query(words)
        queries = []
        if text_query is not None:
            queries.append((self._restrict(text_query, after, within), True, True))
        if figure_tokens:
            figure_query = tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, tantivy.Query.term_query(self.schema, "figures", token))
                 for token in figure_tokens])
            clauses = [(tantivy.Occur.Must, tantivy.Query.const_score_query(figure_query, 0.0))]
            if text_query is not None:
                clauses.append((tantivy.Occur.Should, text_query))
            queries.append((self._restrict(tantivy.Query.boolean_query(clauses), after, within), False, True))
        if within is not None:
            queries.append((self._restrict(tantivy.Query.all_query(), after, within), False, False))
        return queries

    @staticmethod
    def _found(searcher: tantivy.Searcher, results: list[tuple[list, bool, bool]]
               ) -> dict[int, tuple[tantivy.Document, float]]:
        """Each passage the lexical queries found (their hits, with :meth:`_lexical_queries`' flags), by
        passage id: its stored fields and the score it was first found with. A passage found twice is read
        once."""
        found: dict[int, tuple[tantivy.Document, float]] = {}
        read: set[tuple[int, int]] = set()
        for hits, first, scored in results:
            for score, address in hits:
                if (address.segment_ord, address.doc) not in read:
                    read.add((address.segment_ord, address.doc))
                    stored = searcher.doc(address)
                    passage_id = stored.get_first("passage_id")
                    if first or passage_id not in found:
                        found[passage_id] = stored, score if scored else 0.0
        return found

    @staticmethod
    def _hit(stored: tantivy.Document, score: float, near: dict[int, float], lexical: bool = True) -> Hit:
        """A passage as the reranker reads it, from its stored fields; ``near``: the passages nearest by
        meaning, with their cosine."""
        passage_id, text = stored.get_first("passage_id"), stored.get_first("text")
        start, end = stored.get_first("start"), stored.get_first("end")
        figures, actors, places, title_actors = _stored_figures(
            stored.get_first("figures_json"), stored.get_first("names_json"), text, start, end)
        return Hit(
            passage_id=passage_id, document_id=stored.get_first("document_id"),
            source=stored.get_first("source") or None, published=stored.get_first("published") or None,
            text=text, start=start, end=end, figures=figures, bm25=float(score), context=stored.get_first("context"),
            actors=actors, places=places, title_actors=title_actors, similarity=near.get(passage_id, 0.0), lexical=lexical,
            nearest=passage_id in near, words=_stored_words(stored.get_first("words")),
            context_words=_stored_words(stored.get_first("context_words")))

    def passages_by_source(self) -> dict[str | None, list[Hit]]:
        """Every indexed passage, grouped by its source's title (for evaluation sets and small corpora)."""
        searcher = self.index.searcher()
        grouped: dict[str | None, list[Hit]] = {}
        for _, address in searcher.search(tantivy.Query.all_query(), max(self.count(), 1), count=False).hits:
            hit = self._hit(searcher.doc(address), 0.0, {})
            grouped.setdefault(hit.source, []).append(hit)
        return grouped

    def count(self) -> int:
        return self.index.searcher().num_docs
