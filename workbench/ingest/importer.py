"""Bulk import: files → records → analysis → the store, a batch per transaction.

The expensive part (spaCy) runs while the database file is not held; each batch of analysed
documents is then written in one short transaction. If a batch's write fails, its documents are
retried one by one so that one bad document cannot take good ones down with it; nothing is ever
half-written. Re-importing is safe: a document whose text is already stored (same kind and
SHA-256 of the text normalised for line ends and surrounding whitespace) is skipped.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.ingest.passages import DocumentSegments, segments_of
from workbench.ingest.readers import Fields, Problem, Record, read_paths
from workbench.match.embed import fill_vectors
from workbench.nlp.extract import Analysis, analyse_pieces, title_names
from workbench.nlp.frames import Names
from workbench.nlp.numbers import dateline_date
from workbench.nlp.pipeline import model_info
from workbench.settings import IMPORT_BATCH_DOCS
from workbench.store.db import DatabaseLocked, Store
from workbench.store.documents import (
    AnalysedDocument,
    BatchRows,
    Written,
    content_hash,
    count_passages,
    existing_hashes,
)
from workbench.store.runs import finish_run, start_run
from workbench.system import temporary_folder

DOCUMENT_KINDS = ("article", "source")
#: Told how many more characters have been analysed (``on_total`` is told how many there are in all).
Progress = Callable[[int], None]


@dataclass
class ImportReport:
    """What an import did; ``problems`` names every input that was not imported and why."""

    documents: int = 0
    claims: int = 0
    passages: int = 0
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    run_id: int | None = None
    matching: str | None = None  # the summary of the matching that followed, if any

    @property
    def failed(self) -> int:
        return len(self.problems)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, written: Written) -> None:
        self.documents += written.documents
        self.claims += written.claims
        self.passages += written.passages
        self.skipped += written.skipped

    def summary(self) -> str:
        return (f"imported {self.documents} documents ({self.claims} claims, {self.passages} passages), "
                f"skipped {self.skipped} already imported, {self.failed} failed, in {self.seconds:.1f} s")


def import_paths(store: Store, paths: list[str], *, kind: str = "article", fields: Fields = Fields(),
                 encoding: str | None = None, on_total: Callable[[int], None] | None = None,
                 progress: Progress | None = None, batch_docs: int = IMPORT_BATCH_DOCS,
                 match: bool = True, workers: int = 1, on_found: Callable[[int], None] | None = None) -> ImportReport:
    """Import every file ``paths`` name (files, directories, globs); ``on_found`` is told how many files have
    been found as folders are walked."""
    records, problems = _read(paths, fields, encoding, on_found)
    return import_records(store, records, kind=kind, problems=problems, on_total=on_total, progress=progress,
                          batch_docs=batch_docs, match=match, workers=workers)


def _read(paths: list[str], fields: Fields, encoding: str | None,
          on_found: Callable[[int], None] | None = None) -> tuple[list[Record], list[Problem]]:
    records: list[Record] = []
    problems: list[Problem] = []
    for result in read_paths(paths, fields, encoding, on_found):
        records.extend(result.records)
        problems.extend(result.problems)
    return records, problems


def import_uploads(store: Store, files: list[tuple[str, bytes]], *, kind: str = "article",
                   fields: Fields = Fields(), encoding: str | None = None,
                   on_total: Callable[[int], None] | None = None, progress: Progress | None = None) -> ImportReport:
    """Import uploaded files given as (file name, bytes), exactly as ``workbench import`` would import them
    from disk; documents record the uploaded file's name as their origin, and problems are named by it."""
    with temporary_folder("upload") as folder:
        paths = []
        for number, (name, data) in enumerate(files):
            target = folder / str(number) / Path(name).name  # keep the name, never a path from outside
            target.parent.mkdir()
            target.write_bytes(data)
            paths.append(str(target))
        records, problems = _read(paths, fields, encoding)
    records = [replace(record, origin=_strip_folder(record.origin, str(folder))) for record in records]
    problems = [replace(problem, origin=_strip_folder(problem.origin, str(folder))) for problem in problems]
    return import_records(store, records, kind=kind, problems=problems, on_total=on_total, progress=progress)


def _strip_folder(origin: str, folder: str) -> str:
    """``/tmp/workbench-upload-x/3/articles.jsonl:4`` → ``articles.jsonl:4``."""
    if not origin.startswith(folder):
        return origin
    return origin[len(folder):].lstrip("/").split("/", 1)[-1]


def import_records(store: Store, records: Iterable[Record], *, kind: str = "article",
                   problems: list[Problem] | None = None, on_total: Callable[[int], None] | None = None,
                   progress: Progress | None = None, batch_docs: int = IMPORT_BATCH_DOCS,
                   match: bool = True, workers: int = 1) -> ImportReport:
    """Analyse and store records; problems found while reading are carried into the report. ``workers``
    processes analyse them when there are enough documents to pay for starting them.

    When the import added claims or passages and the database has sources, matching follows
    (new claims in full, older claims against the new passages).
    """
    records = list(records)

    def write(todo: list[Record], report: ImportReport, run_id: int) -> None:
        items = ((record.text, record.published) for record in todo)
        processes = workers if len(todo) >= MIN_DOCS_PER_PROCESS * workers else 1
        pieces = analyse_pieces(items, workers=processes, progress=progress)
        for batch, rows in _analysed_batches(kind, todo, pieces, batch_docs):
            _write_batch(store, batch, rows, run_id, report)

    return run_import(store, records, write, kind=kind, problems=problems, on_total=on_total, match=match)


def _analysed_batches(kind: str, records: list[Record], pieces: Iterator[tuple[Analysis, bool]],
                      batch_docs: int) -> Iterator[tuple[list[Record], BatchRows]]:
    """The records, ``batch_docs`` at a time, with their rows: each piece's segments and claims become rows as
    soon as the piece is analysed, so a huge document is never held whole, only its text; rows beyond a
    few tens of thousands wait in a temporary folder (in ``$TMPDIR``) that goes once the batch is written."""
    todo = iter(records)
    titles = _title_names(kind, records)
    while True:
        with temporary_folder("rows") as folder:
            batch: list[Record] = []
            rows = BatchRows(folder)
            document = None
            for piece, last in pieces:
                if document is None:
                    batch.append(next(todo))
                    rows.begin(analysed_document(kind, batch[-1], title_names=next(titles)))
                    document = DocumentSegments(kind, batch[-1].text)
                rows.extend(*document.add(piece))
                if last:
                    rows.extend(*document.close())
                    document = None
                    if len(batch) >= batch_docs:
                        break
            if not batch:
                return
            yield batch, rows


#: Analyses and stores the records not yet stored (``todo``), adding what it did to the report.
Writer = Callable[[list[Record], ImportReport, int], None]


def run_import(store: Store, records: list[Record], write: Writer, *, kind: str, problems: list[Problem] | None,
               on_total: Callable[[int], None] | None, match: bool) -> ImportReport:
    """What every way of importing shares: the run recorded, records already stored left out, the new
    passages embedded, the file verified, and matching after."""
    if kind not in DOCUMENT_KINDS:
        raise WorkbenchError(f"a document is one of {', '.join(DOCUMENT_KINDS)}, not {kind!r}")
    started = time.perf_counter()
    report = ImportReport(problems=list(problems or []))
    run_id = start_run(store, "import", model_info().as_dict())
    report.run_id = run_id
    try:
        todo = _not_yet_stored(store, kind, records, report)
        if on_total:
            on_total(sum(len(record.text) for record in todo))
        write(todo, report, run_id)
        if report.passages:
            fill_vectors(store)  # the new passages' sentence vectors, for finding evidence by meaning
    finally:
        report.seconds = time.perf_counter() - started
        finish_run(store, run_id, documents=report.documents, claims=report.claims, passages=report.passages,
                   skipped=report.skipped, failed=report.failed,
                   errors=[{"origin": p.origin, "reason": p.reason} for p in report.problems])
    if report.documents:
        store.verify()  # every block reads back (checksums), or the import does not report success
    if match and (report.claims or report.passages) and count_passages(store):
        from workbench.match.engine import match_stored

        report.matching = match_stored(store).summary()
    return report


def analysed_document(kind: str, record: Record, analysis: Analysis | None = None,
                      title_names: Names = ((), ())) -> AnalysedDocument:
    """A record and what the pipeline found in it (and in its title: :func:`titles_read`), as the store writes
    it; without an analysis, the record alone, its segments and claims to follow piece by piece
    (:class:`~workbench.store.documents.BatchRows`)."""
    analysis = analysis or Analysis()
    return AnalysedDocument(kind=kind, text=record.text, sha256=content_hash(record.text), origin=record.origin,
                            segments=segments_of(kind, record.text, analysis.sentences), claims=analysis.claims,
                            title=record.title, url=record.url,
                            published=record.published or dateline_date(record.text), title_names=title_names)


#: Titles read for their names in one ``nlp.pipe`` call: one at a time costs twice as much.
TITLE_BATCH = 64


def titles_read(kind: str, records: list[Record]) -> list[Names]:
    """The names each record's title gives (:func:`workbench.nlp.extract.title_names`): a source's only, which
    matching reads a passage that names no one against."""
    if kind != "source":
        return [((), ())] * len(records)
    return title_names(record.title for record in records)


def _title_names(kind: str, records: list[Record]) -> Iterator[Names]:
    """:func:`titles_read` for each record in turn, read :data:`TITLE_BATCH` at a time as the import reaches them."""
    for start in range(0, len(records), TITLE_BATCH):
        yield from titles_read(kind, records[start:start + TITLE_BATCH])


#: Fewer documents than this per worker are analysed in this process: starting workers costs seconds.
MIN_DOCS_PER_PROCESS = 50


def _not_yet_stored(store: Store, kind: str, records: list[Record], report: ImportReport) -> list[Record]:
    """Drop records already in the database or repeated in this input, before paying for analysis."""
    with store.read() as con:
        stored = existing_hashes(con, kind, (content_hash(r.text) for r in records))
    todo = []
    for record in records:
        digest = content_hash(record.text)
        if digest in stored:
            report.skipped += 1
        else:
            stored.add(digest)
            todo.append(record)
    return todo


def _write_batch(store: Store, batch: list[Record], rows: BatchRows, run_id: int, report: ImportReport) -> None:
    try:
        with store.write() as con:
            report.add(rows.load(con, run_id))
    except DatabaseLocked:
        raise
    except Exception:  # noqa: BLE001 - the batch rolled back whole; find the document that broke it
        for index, record in enumerate(batch):
            try:
                with store.write() as con:
                    report.add(rows.load(con, run_id, only=index))
            except DatabaseLocked:
                raise
            except Exception as error:  # noqa: BLE001 - reported per document, others go on
                report.problems.append(Problem(record.origin, f"could not be stored ({error})"))
