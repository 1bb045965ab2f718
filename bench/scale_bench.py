"""Past one machine, measured: extraction rates per engine, the bulk load, and writers through the server.

Run in one process, each figure against a baseline measured in the same run:

* **documents/s** of ``import_records`` in one process (the baseline), with ``--workers 2`` (two forked
  processes) and with ``--engine ray`` on a local 2-worker Ray cluster (cluster start and actors loading
  spaCy included, then again on a second run of the same size with a warm cluster excluded: reported as
  the rate once running). Each engine imports the same generated articles (``bench/corpus.py``) into a new
  database, without matching.
* **the bulk load of 1M claims**: synthetic batch files in the store's own columns (``batch_tables``
  rows: documents of 50 sentences, each with a claim and its figure), loaded with ``load_batch`` one
  transaction per file into a new database; seconds, and claims/s. Then one tenth of a file through
  ``workbench serve`` (a client's rows reach the server as SQL literals), against the embedded rate.
* **verdicts/s of 8 concurrent writers**: 8 processes each save ``--verdicts`` verdicts with
  ``review.save_verdict`` (what the Review page's buttons call), on the embedded file (each write opens
  the file, waiting on the lock while another process holds it) and through ``workbench serve`` on
  loopback; one writer on the embedded file is the baseline.

    .venv/bin/python bench/scale_bench.py                    # 120 articles, 1M claims, 8 × 40 verdicts
    .venv/bin/python bench/scale_bench.py --articles 40 --claims 200000 --verdicts 10

Prints figures and ratios; no assertions. Nothing is downloaded; everything is written to a temporary
folder, removed afterwards.
"""
from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
from corpus import generate_articles, word_count  # bench/ is on sys.path: the scripts run as files

from workbench.demo import load_demo
from workbench.ingest.distributed import _cluster, import_paths_on_ray
from workbench.ingest.importer import import_paths
from workbench.nlp.pipeline import load_pipeline
from workbench.review import save_verdict
from workbench.store.db import Store
from workbench.store.documents import COLUMNS, content_hash, load_batch
from workbench.store.remote import open_store
from workbench.store.reviews import queue

TOKEN = "scale-bench-token-" + "0" * 24
SENTENCES_PER_DOCUMENT = 50
CLAIMS_PER_FILE = 100_000


def import_rate(label: str, run, articles: int, words: int) -> float:
    started = time.perf_counter()
    report = run()
    seconds = time.perf_counter() - started
    assert report.documents == articles, report.summary()
    rate = articles / seconds
    print(f"  {label:<50} {rate:7.2f} documents/s  {words / seconds:9,.0f} words/s  ({seconds:.1f} s, "
          f"{report.claims:,} claims)")
    return rate


def extraction(folder: Path, articles: int, words_per_article: int, seed: int) -> None:
    from corpus import write_jsonl

    print(f"\nExtraction: {articles} articles of about {words_per_article} words each, into new databases "
          f"(no matching); {os.cpu_count()} cores on this machine")
    load_pipeline()  # loaded once before the clock starts, as a long-running importer has it
    corpora = {}
    for name, offset in (("one", 0), ("two", 1), ("ray", 2), ("warm", 3)):
        generated = generate_articles(articles, words_per_article, seed=seed + offset)  # no run meets stored texts
        corpora[name] = (folder / f"{name}.jsonl", word_count(generated))
        write_jsonl(generated, corpora[name][0])

    def run(name: str, **options):
        return lambda: import_paths(Store(folder / f"{name}.duckdb"), [str(corpora[name][0])], match=False, **options)

    base = import_rate("one process (the baseline)", run("one", workers=1), articles, corpora["one"][1])
    print(f"  {'peak memory of this process so far':<50} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:7.0f} MB"
          " (the pipeline, the import and the corpora)")
    two = import_rate("--workers 2 (forked processes)", run("two", workers=2), articles, corpora["two"][1])
    cold = import_rate("--engine ray, 2 workers, cluster started for it",
                       lambda: import_paths_on_ray(Store(folder / "ray.duckdb"), [str(corpora["ray"][0])], workers=2,
                                                   match=False), articles, corpora["ray"][1])
    with _cluster(None, 2):  # a cluster already up, as on a real one (its actors still load spaCy per run)
        warm = import_rate("--engine ray, 2 workers, cluster already up",
                           lambda: import_paths_on_ray(Store(folder / "warm.duckdb"), [str(corpora["warm"][0])],
                                                       workers=2, match=False), articles, corpora["warm"][1])
    print(f"  ratios to one process: --workers 2 {two / base:.2f}×, Ray cold {cold / base:.2f}×, "
          f"Ray warm {warm / base:.2f}×")


def synthetic_batch(first_document: int, documents: int) -> dict[str, pa.Table]:
    """``documents`` documents of SENTENCES_PER_DOCUMENT sentences, each sentence a claim with one figure, as
    ``batch_tables`` lays them out (ids from 1 within the file)."""
    now = dt.datetime(2026, 12, 1)
    sentence = "Exports of steel rose to {n} tonnes in 2025, the ministry said in its annual report. "
    document_ids = list(range(1, documents + 1))
    texts = ["".join(sentence.format(n=(first_document + d) * 100 + s) for s in range(SENTENCES_PER_DOCUMENT))
             for d in range(documents)]
    rows = documents * SENTENCES_PER_DOCUMENT
    length = len(sentence.format(n=0)) + 3
    ids = list(range(1, rows + 1))
    owner = [1 + i // SENTENCES_PER_DOCUMENT for i in range(rows)]
    starts = [(i % SENTENCES_PER_DOCUMENT) * length for i in range(rows)]
    tables = {
        "documents": {"id": document_ids, "kind": ["article"] * documents, "title": [f"d{first_document + d}"
                                                                                       for d in range(documents)],
                      "url": [None] * documents, "published": [dt.date(2025, 1, 1)] * documents,
                      "sha256": [content_hash(text) for text in texts], "text": texts,
                      "origin": ["bench"] * documents, "imported_at": [now] * documents, "run_id": [None] * documents},
        "segments": {"id": ids, "document_id": owner, "seq": [i % SENTENCES_PER_DOCUMENT for i in range(rows)],
                     "kind": ["sentence"] * rows, "char_start": starts, "char_end": [s + length - 4 for s in starts],
                     "text": [sentence.strip()] * rows, "checkworthiness": [0.8] * rows, "actors": [[]] * rows,
                     "places": [[]] * rows},
        "claims": {"id": ids, "document_id": owner, "segment_id": ids, "kind": ["quantity"] * rows,
                   "subject": ["exports of steel"] * rows, "predicate": ["rose"] * rows, "time": ["2025"] * rows,
                   "attribution": ["the ministry"] * rows, "hedged": [False] * rows, "checkworthiness": [0.8] * rows,
                   "origin": ["extracted"] * rows, "created_at": [now] * rows, "run_id": [None] * rows,
                   "entities": [[]] * rows},
        "quantities": {"id": ids, "segment_id": ids, "claim_id": ids, "text": ["100 tonnes"] * rows,
                       "char_start": [0] * rows, "char_end": [10] * rows, "value": [float(i) for i in ids],
                       "value_max": [None] * rows, "unit": ["t"] * rows, "kind": ["count"] * rows},
    }
    for column in COLUMNS["quantities"]:
        tables["quantities"].setdefault(column, [None] * rows)
    return {table: pa.table(columns) for table, columns in tables.items()}


def bulk_load(folder: Path, claims: int) -> None:
    print(f"\nBulk load: {claims:,} claims (with their sentences and figures) in batch files of "
          f"{CLAIMS_PER_FILE:,} claims, one transaction each, into a new database")
    store = Store(folder / "bulk.duckdb")
    store.ensure()
    documents_per_file = CLAIMS_PER_FILE // SENTENCES_PER_DOCUMENT
    loaded, seconds, built = 0, 0.0, 0.0
    while loaded < claims:
        started = time.perf_counter()
        tables = synthetic_batch(loaded // SENTENCES_PER_DOCUMENT, documents_per_file)
        built += time.perf_counter() - started
        started = time.perf_counter()
        with store.write() as con:
            load_batch(con, f"bench-{loaded}", tables, None)
        seconds += time.perf_counter() - started
        loaded += CLAIMS_PER_FILE
    with store.read() as con:
        stored = con.execute("SELECT count(*) FROM claims").fetchone()[0]
    print(f"  {stored:,} claims loaded in {seconds:.1f} s: {stored / seconds:,.0f} claims/s "
          f"(building the files' rows took {built:.1f} s more, not counted)")
    with serving(folder / "served-bulk.duckdb") as target:
        tables = synthetic_batch(0, documents_per_file // 10)
        started = time.perf_counter()
        with open_store(target).write() as con:
            load_batch(con, "bench-served", tables, None)
        seconds_served = time.perf_counter() - started
    claims_served = tables["claims"].num_rows
    print(f"  through workbench serve (rows sent as SQL literals): {claims_served:,} claims in {seconds_served:.1f} s, "
          f"{claims_served / seconds_served:,.0f} claims/s ({claims_served / seconds_served / (stored / seconds):.3f}× "
          "the embedded file)")


@contextmanager
def serving(path: Path):
    """``workbench serve`` on ``path`` (created if need be) for the block; yields its address."""
    Store(path).ensure()
    port = 9494 + os.getpid() % 500
    server = subprocess.Popen([sys.executable, "-m", "workbench.cli", "serve", "--db", str(path), "--port", str(port)],
                              env={**os.environ, "WORKBENCH_TOKEN": TOKEN}, stderr=subprocess.PIPE, text=True)
    os.environ["WORKBENCH_TOKEN"] = TOKEN
    try:
        line = server.stderr.readline()
        if not line.startswith("serving"):
            raise SystemExit(f"workbench serve did not start: {line}{server.stderr.read()}")
        yield f"quack:127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(30)


def _writer(target: str, claims: list[int], reviewer: str, start, done) -> None:
    os.environ["WORKBENCH_TOKEN"] = TOKEN
    store = open_store(target)
    store.ensure()  # connected (and the server's extensions loaded) before the clock starts
    start.wait()
    for claim in claims:
        save_verdict(store, claim, reviewer, "supported")
    done.put(len(claims))


def verdict_rate(target: str, claims: list[int], writers: int, per_writer: int) -> float:
    context = multiprocessing.get_context("spawn")  # no DuckDB state shared from this process
    start, done = context.Event(), context.Queue()
    processes = [context.Process(target=_writer, args=(target, [claims[(w * per_writer + i) % len(claims)]
                                                                  for i in range(per_writer)], f"r{w}", start, done))
                 for w in range(writers)]
    for process in processes:
        process.start()
    time.sleep(3)  # every writer imported and waiting
    started = time.perf_counter()
    start.set()
    total = sum(done.get(timeout=600) for _ in processes)
    seconds = time.perf_counter() - started
    for process in processes:
        process.join()
    return total / seconds


def writers(folder: Path, per_writer: int) -> None:
    print(f"\nConcurrent reviewers: each process saves {per_writer} verdicts (review.save_verdict)")
    path = folder / "desk.duckdb"
    load_demo(Store(path))
    claims = [row["claim_id"] for row in queue(Store(path), limit=100)]
    base = verdict_rate(str(path), claims, 1, per_writer)
    print(f"  {'1 writer, embedded file (the baseline)':<50} {base:7.1f} verdicts/s")
    embedded = verdict_rate(str(path), claims, 8, per_writer)
    print(f"  {'8 writers, embedded file (lock and retry)':<50} {embedded:7.1f} verdicts/s")
    with serving(path) as target:
        served = verdict_rate(target, claims, 8, per_writer)
        one_served = verdict_rate(target, claims, 1, per_writer)
    print(f"  {'1 writer, through workbench serve':<50} {one_served:7.1f} verdicts/s")
    print(f"  {'8 writers, through workbench serve':<50} {served:7.1f} verdicts/s")
    print(f"  ratios to the baseline: 8 embedded {embedded / base:.2f}×, 1 served {one_served / base:.2f}×, "
          f"8 served {served / base:.2f}×; 8 served / 8 embedded {served / embedded:.2f}×")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Extraction engines, the bulk load and writers through the server.")
    parser.add_argument("--articles", type=int, default=120, help="articles per engine (default 120)")
    parser.add_argument("--words", type=int, default=500, help="words per article (default 500)")
    parser.add_argument("--claims", type=int, default=1_000_000, help="claims to bulk-load (default 1,000,000)")
    parser.add_argument("--verdicts", type=int, default=40, help="verdicts per writer (default 40)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", choices=("extraction", "bulk", "writers"), help="run one part")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="scale-bench-") as folder:
        if args.only in (None, "extraction"):
            extraction(Path(folder), args.articles, args.words, args.seed)
        if args.only in (None, "bulk"):
            bulk_load(Path(folder), args.claims)
        if args.only in (None, "writers"):
            writers(Path(folder), args.verdicts)


if __name__ == "__main__":
    main()
