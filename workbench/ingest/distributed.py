"""Extraction on a Ray cluster (``workbench import --engine ray``): analysed in parallel, bulk-loaded in order.

This process (the driver) reads the records and cuts them, in input order and repeats left out, into
batches of a fixed size. A batch is named by the SHA-256 of its kind and its documents' content hashes, so
that a second run over the same input names the same batches. Ray Data runs ``map_batches`` over a pool
of actors, each of which loads the spaCy pipeline once; an actor analyses a batch and writes it as a
*batch file*: a folder of Parquet files in the store's own columns (documents, segments, claims,
quantities, ids counted within the batch), renamed into the staging folder only when whole. The driver
bulk-loads each batch file in one transaction (ids moved past the stored ones, documents already stored
left out, the batch recorded as loaded) and removes it; batches are loaded in input order, so the ids
come out as the single-process import gives them.

A run that is killed leaves its batch files staged. The next run over the same input loads a staged batch
file without analysing it again, skips (and removes) one that was loaded, and skips documents stored.

Without an address a small local cluster is started for the run and stopped after it; with one, the run
joins that cluster, whose nodes must have the workbench installed and see the staging folder (a shared
filesystem).
"""
from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import shutil
import socket
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from workbench.errors import WorkbenchError
from workbench.ingest.importer import (
    ImportReport,
    Progress,
    _read,
    analysed_document,
    run_import,
    titles_read,
)
from workbench.ingest.readers import Fields, Record
from workbench.nlp.extract import analyse
from workbench.nlp.pipeline import load_pipeline
from workbench.settings import IMPORT_BATCH_DOCS
from workbench.store.db import Store
from workbench.store.documents import COLUMNS, batch_tables, content_hash, load_batch, loaded_batches

#: The local cluster's shared-memory object store: batches travel as a few megabytes of text and results.
LOCAL_OBJECT_STORE_BYTES = 100 * 1024 * 1024


def staging_folder(store: Store) -> Path:
    """Where batch files wait to be loaded, unless the import names another: beside the database."""
    return Path(f"{store.path}.batches")


def batch_name(kind: str, records: list[Record]) -> str:
    digest = hashlib.sha256(kind.encode())
    for record in records:
        digest.update(content_hash(record.text).encode())
    return digest.hexdigest()


def write_batch_file(staging: Path, name: str, tables: dict[str, pa.Table]) -> None:
    """The batch's tables as ``staging/NAME/TABLE.parquet``, appearing whole or not at all."""
    partial = staging / f".{name}.{uuid.uuid4().hex}.partial"
    partial.mkdir(parents=True)
    for table, rows in tables.items():
        pq.write_table(rows, partial / f"{table}.parquet")
    try:
        partial.rename(staging / name)
    except OSError:  # another run staged the same batch meanwhile: theirs is as good
        shutil.rmtree(partial, ignore_errors=True)


def read_batch_file(staging: Path, name: str) -> dict[str, pa.Table]:
    return {table: pq.read_table(staging / name / f"{table}.parquet") for table in COLUMNS}


class Analyser:
    """A Ray actor: loads the spaCy pipeline once, then analyses batches and stages them as batch files."""

    def __init__(self, kind: str, staging: str):
        self.kind = kind
        self.staging = Path(staging)
        load_pipeline()

    def __call__(self, batch: pa.Table) -> pa.Table:
        for row in batch.to_pylist():
            records = [Record(*fields) for fields in zip(row["text"], row["origin"], row["title"], row["url"],
                                                         row["published"])]
            analyses = analyse((record.text, record.published) for record in records)
            documents = [analysed_document(self.kind, record, analysis, names) for record, analysis, names
                         in zip(records, analyses, titles_read(self.kind, records))]
            write_batch_file(self.staging, row["name"], batch_tables(documents))
        return batch.select(["name"])


def import_paths_on_ray(store: Store, paths: list[str], *, kind: str = "article", fields: Fields = Fields(),
                        encoding: str | None = None, address: str | None = None, workers: int = 2,
                        batch_docs: int = IMPORT_BATCH_DOCS, staging: Path | None = None, match: bool = True,
                        on_total: Callable[[int], None] | None = None, progress: Progress | None = None,
                        on_found: Callable[[int], None] | None = None) -> ImportReport:
    """Import every file ``paths`` name, analysed on Ray by ``workers`` actors (see the module's notes)."""
    records, problems = _read(paths, fields, encoding, on_found)
    staging = staging or staging_folder(store)

    def write(todo: list[Record], report: ImportReport, run_id: int) -> None:
        # batches are cut from the whole input, not from what is left to do, so that every run names them alike
        unique, seen = [], set()
        for record in records:
            digest = content_hash(record.text)
            if digest not in seen:
                seen.add(digest)
                unique.append(record)
        batches = [unique[start:start + batch_docs] for start in range(0, len(unique), batch_docs)]
        wanted = {id(record) for record in todo}
        named = {batch_name(kind, batch): [record for record in batch if id(record) in wanted] for batch in batches}
        for name in loaded_batches(store, named):  # loaded by a run stopped before it removed them
            shutil.rmtree(staging / name, ignore_errors=True)
            del named[name]
        named = {name: batch for name, batch in named.items() if batch}
        staging.mkdir(parents=True, exist_ok=True)
        for name in _analysed(named, kind, staging, address, workers):
            tables = read_batch_file(staging, name)
            with store.write() as con:
                written = load_batch(con, name, tables, run_id)
            if written is not None:
                report.add(written)
            shutil.rmtree(staging / name)
            if progress:
                progress(sum(len(record.text) for record in named[name]))
        with contextlib.suppress(OSError):  # nothing left to resume: no empty folder beside the database
            staging.rmdir()

    return run_import(store, records, write, kind=kind, problems=problems, on_total=on_total, match=match)


def _analysed(named: dict[str, list[Record]], kind: str, staging: Path, address: str | None,
              workers: int) -> Iterator[str]:
    """The names of the batches, in input order, each once its batch file is staged: those staged by an
    earlier run at once, the rest as the cluster analyses them."""
    pending = [name for name in named if not (staging / name).is_dir()]
    if not pending:
        yield from named
        return
    with _cluster(address, workers) as ray:
        rows = [{"name": name, **{key: [asdict(record)[key] for record in named[name]]
                                  for key in ("text", "origin", "title", "url", "published")}} for name in pending]
        analysed = ray.data.from_items(rows).map_batches(
            Analyser, fn_constructor_kwargs={"kind": kind, "staging": str(staging)}, batch_size=1,
            compute=ray.data.ActorPoolStrategy(size=workers), num_cpus=1, batch_format="pyarrow")
        staged = iter(row["name"] for row in analysed.iter_rows())
        for name in named:
            if name in pending:
                ready = next(staged)
                if ready != name:
                    raise WorkbenchError(f"batch {ready} came back out of order (expected {name}); run again")
            yield name
        left = next(staged, None)  # and the cluster's iterator runs to its end before the cluster stops
        if left is not None:
            raise WorkbenchError(f"batch {left} came back that was never sent; run again")


@contextmanager
def _cluster(address: str | None, workers: int):
    """Ray, joined at ``address``, or a local cluster of ``workers`` CPUs for the length of the run."""
    try:
        import ray
        import ray.data
    except ImportError:
        raise WorkbenchError("Ray is not installed; pip install 'ray[data]' (see pyproject.toml for the "
                             "version), or import without --engine ray") from None
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    for name in ("ray", "ray.data"):  # the import reports; Ray's notes on its own setup are not for the user
        logging.getLogger(name).setLevel(logging.ERROR)
    if ray.is_initialized():
        yield ray
        return
    # Ray Data's own actors trip a C++ warning of Ray's (ray-project/ray#53727) printed as an error line
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")
    with tempfile.TemporaryDirectory(prefix="wb-ray-") as logs:
        try:
            if address:
                _require_reachable(address)
                ray.init(address=address, logging_level=logging.ERROR, log_to_driver=False)
            else:
                ray.init(num_cpus=workers, object_store_memory=LOCAL_OBJECT_STORE_BYTES, include_dashboard=False,
                         _temp_dir=logs, logging_level=logging.ERROR, log_to_driver=False)
        except ConnectionError as error:
            raise WorkbenchError(f"no Ray cluster answers at {address} ({error}); start one with ray start "
                                 "--head, or leave out --address for a local cluster") from None
        try:
            yield ray
        finally:
            ray.shutdown()


def _require_reachable(address: str) -> None:
    """Fail at once when ``HOST:PORT`` (or ``ray://HOST:PORT``) refuses connections: Ray would keep trying for
    minutes. ``auto`` is Ray's to find."""
    match = re.fullmatch(r"(?:ray://)?([^:/]+):(\d+)", address)
    if not match:
        return
    try:
        socket.create_connection((match.group(1), int(match.group(2))), timeout=5).close()
    except OSError as error:
        raise ConnectionError(f"cannot connect: {error.strerror or error}") from None
