"""Import speed: ``import_records`` into a fresh database against bare spaCy on the same texts.

Generates a deterministic corpus (``bench/corpus.py``; by default 2,000 articles of ~500 words,
about a million words), loads and warms up both pipelines, then times in one process:

* bare spaCy: ``workbench.nlp.pipeline.load_base().pipe(texts, batch_size=32)``, every Doc consumed;
* the import: ``workbench.ingest.importer.import_records(Store(db), records, kind="article")`` (or
  ``"source"`` with ``--as source``: passages, their figures and sentence vectors; not matched) with
  one ``Record(text, origin="bench:<i>", title, published)`` per article, into a new database.

It prints documents/s, words/s and claims/s for the import, words/s for the bare pass, and the
ratio import / bare against the target (≤ 1.3×), by wall time (the target) and by this process's
CPU time (which does not count waiting for a core on a busy machine). A breakdown comes from
wrapping, during the import, our per-Doc spaCy components (exclusive time each) and the importer's
storage steps (``_write_batch``: open, write, commit and close per batch; inside it
``BatchRows.load``, and inside that ``insert_rows``, the Arrow → DuckDB inserts; the rows themselves
are built as each piece is analysed, so they count in the analysis), and, for sources, the reading of
their titles for names (``titles_read``, part of the analysis). The wrappers cost one ``perf_counter``
pair per call.

    .venv/bin/python bench/import_bench.py                       # 2,000 articles, ~1M words
    .venv/bin/python bench/import_bench.py --articles 300
    .venv/bin/python bench/import_bench.py --articles 300 --bracket    # bare pass before and after
    .venv/bin/python bench/import_bench.py --articles 500 --words 800 --db /tmp/bench.duckdb

Nothing is downloaded; no assertions. Without ``--db`` the database is a temporary file, removed
afterwards.
"""
from __future__ import annotations

import argparse
import functools
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from corpus import generate_articles, word_count  # bench/ is on sys.path: the scripts run as files
from extract_bench import (
    OUR_COMPONENTS,
    TARGET_RATIO,
    Stopwatch,
    bare_pass,
    load_pipelines,
    machine_load,
    timed_components,
)


class _Clock:
    seconds = 0.0
    calls = 0


@contextmanager
def timed_functions(targets: list[tuple[object, str]]) -> Iterator[dict[str, _Clock]]:
    """Replace ``module.name`` for each target by a timing wrapper while the block runs."""
    clocks: dict[str, _Clock] = {}
    saved: list[tuple[object, str, Callable]] = []
    for module, name in targets:
        original = getattr(module, name)
        clock = clocks[name] = _Clock()

        def wrapper(*args, _original=original, _clock=clock, **kwargs):
            started = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                _clock.seconds += time.perf_counter() - started
                _clock.calls += 1

        saved.append((module, name, original))
        setattr(module, name, functools.wraps(original)(wrapper))
    try:
        yield clocks
    finally:
        for module, name, original in saved:
            setattr(module, name, original)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Import speed against bare spaCy on the same texts.")
    parser.add_argument("--articles", type=int, default=2000, help="articles to generate (default 2000)")
    parser.add_argument("--words", type=int, default=500, help="words per article (default 500)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--db", help="database file to import into (default: a temporary file)")
    parser.add_argument("--as", dest="kind", choices=("article", "source"), default="article",
                        help="import the texts as articles (claims; the target) or as sources (passages, "
                             "their figures and sentence vectors: reported separately)")
    parser.add_argument("--workers", type=int, default=1,
                        help="processes that analyse the documents (workbench import --workers): the speed-up "
                             "against the bare single-process spaCy pass shows in the ratio")
    parser.add_argument("--bracket", action="store_true",
                        help="run the bare pass again after the import and compare against the mean of both "
                             "(steadier on a machine whose load drifts)")
    args = parser.parse_args(argv)

    from workbench.ingest import importer
    from workbench.ingest.readers import Record
    from workbench.store import documents
    from workbench.store.db import Store

    articles = generate_articles(args.articles, args.words, args.seed)
    texts = [article["text"] for article in articles]
    records = [Record(text=article["text"], origin=f"bench:{i}", title=article["title"],
                      published=article["published"]) for i, article in enumerate(articles)]
    words = word_count(articles)
    print(f"corpus: {len(texts)} articles, {words:,} words, {sum(map(len, texts)):,} characters "
          f"(bench/corpus.py, seed {args.seed})")

    temporary = None
    if args.db:
        db_path = Path(args.db)
        if db_path.exists():
            print(f"warning: {db_path} exists; documents already in it are skipped, not re-imported")
    else:
        temporary = Path(tempfile.mkdtemp(prefix="workbench-bench-"))
        db_path = temporary / "bench.duckdb"
    print(f"database: {db_path}")

    started = time.perf_counter()
    base, full = load_pipelines()
    print(f"pipelines loaded and warmed up in {time.perf_counter() - started:.1f} s (not timed below)")

    try:
        print(f"before the timed passes: {machine_load()}")
        bare_watch, tokens = bare_pass(base, texts)
        bare = bare_watch.wall
        storage_targets = [(importer, "fill_vectors"), (importer, "_write_batch"), (documents.BatchRows, "load"),
                           (documents, "insert_rows"), (importer, "start_run"), (importer, "finish_run"),
                           (importer, "_not_yet_stored"), (importer, "titles_read")]
        with timed_components(full) as components, timed_functions(storage_targets) as clocks, \
                Stopwatch() as import_watch:
            report = importer.import_records(Store(db_path), records, kind=args.kind, match=False,
                                             workers=args.workers)
        imported = import_watch.wall
        if args.bracket:
            after, _ = bare_pass(base, texts)
            print(f"bare pass before the import {bare_watch.wall:.2f} s (CPU {bare_watch.cpu:.2f} s), "
                  f"after it {after.wall:.2f} s (CPU {after.cpu:.2f} s): the mean of both counts")
            bare_watch.wall = (bare_watch.wall + after.wall) / 2
            bare_watch.cpu = (bare_watch.cpu + after.cpu) / 2
            bare = bare_watch.wall
        print(f"after the timed passes: {machine_load()}")
        size = db_path.stat().st_size if db_path.exists() else 0
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)

    ratio = imported / bare
    verdict = "PASS" if ratio <= TARGET_RATIO else "FAIL"
    print()
    print(f"bare spaCy: {bare:8.2f} s  {words / bare:9,.0f} words/s  {len(texts) / bare:7.1f} docs/s  "
          f"(CPU {bare_watch.cpu:.2f} s; {tokens:,} tokens)")
    print(f"import    : {imported:8.2f} s  {words / imported:9,.0f} words/s  "
          f"{report.documents / imported:7.1f} docs/s  {report.claims / imported:8.1f} claims/s  "
          f"(CPU {import_watch.cpu:.2f} s)")
    print(f"  {report.summary()}; database {size / 1e6:.1f} MB")
    if report.problems:
        for problem in report.problems[:5]:
            print(f"  problem: {problem}")
    print(f"ratio import / bare: {ratio:.2f}x  (target <= {TARGET_RATIO}x)  {verdict}   "
          f"[CPU-time ratio {import_watch.cpu / bare_watch.cpu:.2f}x]")

    print()
    print("breakdown of the import (wrapped during the run):")
    for name in ("fill_vectors", "_write_batch", "load", "insert_rows", "start_run", "finish_run",
                 "_not_yet_stored", "titles_read"):
        clocks.setdefault(name, _Clock())
    inserts = clocks["insert_rows"]
    write_batch = clocks["_write_batch"]
    ours = {name: components[name].seconds for name in OUR_COMPONENTS if name in components}
    ours_cpu = {name: components[name].cpu for name in OUR_COMPONENTS if name in components}
    bookkeeping = sum(clocks[name].seconds for name in ("start_run", "finish_run", "_not_yet_stored"))
    vectors = clocks["fill_vectors"].seconds
    analysis = imported - write_batch.seconds - bookkeeping - vectors

    def row(label: str, seconds: float, note: str = "") -> None:
        print(f"  {label:<34} {seconds:8.2f} s  {100 * seconds / imported:5.1f}% of import  "
              f"{100 * seconds / bare:5.1f}% of bare{'  ' + note if note else ''}")

    row("analysis (everything but storage)", analysis, "spaCy + our components + analyse() + hashing + rows")
    for name, seconds in ours.items():
        cpu = ours_cpu[name]
        row(f"  {name}", seconds, f"CPU {cpu:.2f} s = {100 * cpu / bare_watch.cpu:.1f}% of bare CPU")
    titles = clocks["titles_read"].seconds
    row("  titles read for names", titles, "sources only: the base pipeline over each title (titles_read)")
    row("  shared spaCy + glue", analysis - sum(ours.values()) - titles, f"(bare pass: {bare:.2f} s)")
    row("storage (_write_batch)", write_batch.seconds, f"{write_batch.calls} batches")
    row("  BatchRows.load", clocks["load"].seconds, "ids moved past the stored ones, rows inserted")
    row("    inserts (Arrow -> DuckDB)", inserts.seconds, f"{inserts.calls} calls")
    row("  connect/commit/close", write_batch.seconds - clocks["load"].seconds)
    row("sentence vectors (fill_vectors)", vectors, "sources only: embed and store every passage's vector")
    row("runs + duplicate check", bookkeeping, "start_run, finish_run, _not_yet_stored")
    print(f"  import without storage / bare: {analysis / bare:.2f}x;  "
          f"storage adds {write_batch.seconds / bare:.2f}x")

    print()
    print(f"| import | {report.documents:,} articles | {words:,} words | bare {words / bare:,.0f} words/s | "
          f"import {words / imported:,.0f} words/s, {report.documents / imported:.1f} docs/s, "
          f"{report.claims / imported:,.0f} claims/s | {ratio:.2f}x (target <= {TARGET_RATIO}x) | {verdict} "
          f"| "
          f"storage {100 * write_batch.seconds / imported:.0f}% |")


if __name__ == "__main__":
    main()
