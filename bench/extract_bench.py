"""Claim extraction speed: the full pipeline against bare spaCy, on the same synthetic news.

Measures, in one process and after both pipelines are loaded and warmed up:

* bare spaCy: ``workbench.nlp.pipeline.load_base().pipe(texts, batch_size=32)``, every Doc consumed;
* full extraction: ``workbench.nlp.extract.analyse((text, None) for text in texts)``, every
  Analysis consumed and its claims counted;

and prints words/s for each and their ratio against the target (full / bare ≤ 1.3×). While the
full pass runs, the components we add to spaCy (``newline_boundaries``, ``quantity_normalizer``,
``checkworthiness``, ``claim_builder``) are timed one by one, so the extra time splits into those
components and the rest (the glue in ``analyse``). Then cProfile runs over the full extraction
of ``--profile-articles`` articles and the top functions of the ``workbench`` package by
cumulative time are listed (cProfile slows Python code far more than spaCy's compiled code, so
read the list for proportions among our functions, not against the bare pass).

The texts come from ``bench/corpus.py`` (deterministic). Nothing is downloaded; no assertions.

    .venv/bin/python bench/extract_bench.py                    # 500 articles of ~500 words
    .venv/bin/python bench/extract_bench.py --articles 100 --profile-articles 50
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

from corpus import generate_articles, word_count  # bench/ is on sys.path: the scripts run as files

TARGET_RATIO = 1.3
WARMUP_TEXT = ("At least 20 soldiers were killed in June 2020, officials said.\n"
               "The central bank is expected to raise rates by 0.5 percentage points to 6.5%.")
OUR_COMPONENTS = ("newline_boundaries", "quantity_normalizer", "checkworthiness", "claim_builder")


def load_pipelines():
    """Both pipelines, loaded and run once on a short text so that no timing includes loading."""
    from workbench.nlp.pipeline import load_base, load_pipeline

    base = load_base()
    full = load_pipeline()
    base(WARMUP_TEXT)
    full(WARMUP_TEXT)
    list(base.pipe([WARMUP_TEXT] * 2, batch_size=32))
    return base, full


class Stopwatch:
    """Wall time (``perf_counter``) and this process's CPU time (``process_time``) of a block.

    On a shared machine the wall time also counts waiting for a core; the CPU time does not, so
    the two ratios together tell contention from real cost.
    """

    def __init__(self):
        self.wall = self.cpu = 0.0

    def __enter__(self) -> Self:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc) -> None:
        self.wall = time.perf_counter() - self._wall
        self.cpu = time.process_time() - self._cpu


def machine_load() -> str:
    """The machine's 1-minute load average against its cores (other processes compete for them)."""
    return f"load {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"


def bare_pass(base, texts: list[str], batch_size: int = 32) -> tuple[Stopwatch, int]:
    """Time of bare spaCy over ``texts`` (every Doc consumed) and the tokens it made."""
    tokens = 0
    with Stopwatch() as watch:
        for doc in base.pipe(texts, batch_size=batch_size):
            tokens += len(doc)
    return watch, tokens


def full_pass(texts: list[str]) -> tuple[Stopwatch, int, int]:
    """Time of ``analyse`` over ``texts`` (every Analysis consumed), claims and sentences found."""
    from workbench.nlp.extract import analyse

    claims = sentences = 0
    with Stopwatch() as watch:
        for analysis in analyse((text, None) for text in texts):
            claims += len(analysis.claims)
            sentences += len(analysis.sentences)
    return watch, claims, sentences


class _Timed:
    """Stands in for a per-Doc component (one without ``.pipe``) and adds up its wall and CPU time."""

    def __init__(self, component):
        self.component = component
        self.seconds = self.cpu = 0.0
        self.calls = 0

    def __call__(self, doc):
        started, cpu = time.perf_counter(), time.process_time()
        try:
            return self.component(doc)
        finally:
            self.seconds += time.perf_counter() - started
            self.cpu += time.process_time() - cpu
            self.calls += 1


@contextmanager
def timed_components(nlp, names=OUR_COMPONENTS) -> Iterator[dict[str, _Timed]]:
    """Time the named per-Doc components of ``nlp`` while the block runs, then put them back.

    spaCy calls a component that has no ``pipe`` method once per Doc, so wrapping the call gives
    its exclusive time exactly. (Components with ``pipe`` are chained generators and are left alone.)
    """
    # Language keeps its components in ``_components``; swapping an entry is the only way to
    # interpose on an instance without re-creating it from its factory.
    original = list(nlp._components)
    timers: dict[str, _Timed] = {}
    swapped = []
    for name, proc in original:
        if name in names and not hasattr(proc, "pipe"):
            timers[name] = _Timed(proc)
            swapped.append((name, timers[name]))
        else:
            swapped.append((name, proc))
    nlp._components[:] = swapped
    try:
        yield timers
    finally:
        nlp._components[:] = original


def workbench_profile(texts: list[str], top: int = 15, others: int = 10) -> str:
    """cProfile of the full extraction of ``texts``: ours by cumulative time, then all by own time."""
    from workbench.nlp.extract import analyse

    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for _ in analyse((text, None) for text in texts):
        pass
    profiler.disable()
    wall = time.perf_counter() - started
    # {(file, line, func): (primitive calls, calls, own time, cumulative time, callers)}
    stats = pstats.Stats(profiler).stats
    total = sum(tt for (_, _, tt, _, _) in stats.values())

    def where(key) -> str:
        filename, line, func = key
        if "/workbench/" in filename:
            filename = "workbench/" + filename.rsplit("/workbench/", 1)[1]
        elif "site-packages/" in filename:
            filename = filename.rsplit("site-packages/", 1)[1]
        return f"{filename}:{line}({func})" if line else f"{filename}({func})"

    ours = sorted(((key, value) for key, value in stats.items() if "/workbench/" in key[0]),
                  key=lambda item: item[1][3], reverse=True)
    lines = [(f"cProfile of the full extraction of {len(texts)} articles: {wall:.1f} s under the profiler "
             f"({total:.1f} s of own time in all functions)"),
             f"top {top} workbench functions by cumulative time:",
             f"  {'calls':>9} {'own s':>7} {'cum s':>7} {'cum %':>6}  function"]
    for key, (_, calls, own, cumulative, _) in ours[:top]:
        share = 100 * cumulative / total
        lines.append(f"  {calls:>9} {own:>7.2f} {cumulative:>7.2f} {share:>5.1f}%  {where(key)}")
    everything = sorted(stats.items(), key=lambda item: item[1][2], reverse=True)
    lines.append(f"top {others} functions anywhere by own time (for scale):")
    for key, (_, calls, own, cumulative, _) in everything[:others]:
        lines.append(f"  {calls:>9} {own:>7.2f} {cumulative:>7.2f} {100 * own / total:>5.1f}%  {where(key)}")
    return "\n".join(lines)


def verdict(ratio: float) -> str:
    return "PASS" if ratio <= TARGET_RATIO else "FAIL"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Claim extraction vs bare spaCy, words/s and ratio.")
    parser.add_argument("--articles", type=int, default=500, help="articles to generate (default 500)")
    parser.add_argument("--words", type=int, default=500, help="words per article (default 500)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=1,
                        help="run bare and full passes alternately this many times; the best of each counts")
    parser.add_argument("--profile-articles", type=int, default=100,
                        help="articles for the cProfile run (0 to skip; default 100)")
    args = parser.parse_args(argv)

    articles = generate_articles(args.articles, args.words, args.seed)
    texts = [article["text"] for article in articles]
    words = word_count(articles)
    print(f"corpus: {len(texts)} articles, {words:,} words, {sum(map(len, texts)):,} characters "
          f"(bench/corpus.py, seed {args.seed})")

    started = time.perf_counter()
    base, full = load_pipelines()
    print(f"pipelines loaded and warmed up in {time.perf_counter() - started:.1f} s (not timed below)")
    print(f"  bare: {' > '.join(base.pipe_names)}")
    print(f"  full: {' > '.join(full.pipe_names)}")

    bare_runs, full_runs, parts = [], [], []
    claims = sentences = tokens = 0
    print(f"before the timed passes: {machine_load()}")
    for _ in range(max(1, args.repeat)):
        watch, tokens = bare_pass(base, texts)
        bare_runs.append(watch)
        with timed_components(full) as timers:
            watch, claims, sentences = full_pass(texts)
        full_runs.append(watch)
        parts.append({name: (timer.seconds, timer.cpu) for name, timer in timers.items()})
    print(f"after the timed passes: {machine_load()}")
    bare_watch = min(bare_runs, key=lambda w: w.wall)
    best = min(range(len(full_runs)), key=lambda k: full_runs[k].wall)
    full_watch = full_runs[best]
    bare, extraction = bare_watch.wall, full_watch.wall
    ratio = extraction / bare

    print()
    print(f"bare spaCy     : {bare:8.2f} s  {words / bare:9,.0f} words/s  {len(texts) / bare:7.1f} docs/s  "
          f"(CPU {bare_watch.cpu:.2f} s; {tokens:,} tokens)")
    print(f"full extraction: {extraction:8.2f} s  {words / extraction:9,.0f} words/s  "
          f"{len(texts) / extraction:7.1f} docs/s  {claims / extraction:8.1f} claims/s  "
          f"(CPU {full_watch.cpu:.2f} s; {claims:,} claims, {sentences:,} sentences)")
    if args.repeat > 1:
        print(f"  all runs, bare: {', '.join(f'{w.wall:.2f}' for w in bare_runs)} s; "
              f"full: {', '.join(f'{w.wall:.2f}' for w in full_runs)} s")
    print(f"ratio full / bare: {ratio:.2f}x  (target <= {TARGET_RATIO}x)  {verdict(ratio)}   "
          f"[CPU-time ratio {full_watch.cpu / bare_watch.cpu:.2f}x]")

    print()
    print("where the time goes (full pass; our per-Doc components timed exclusively):")
    print(f"  {'':<34} {'wall s':>8} {'CPU s':>8} {'CPU % of bare':>14}")
    ours = parts[best]

    def row(label: str, wall: float, cpu: float) -> None:
        print(f"  {label:<34} {wall:8.2f} {cpu:8.2f} {100 * cpu / bare_watch.cpu:13.1f}%")

    row("bare spaCy pass (for reference)", bare, bare_watch.cpu)
    row("full extraction pass", extraction, full_watch.cpu)
    for name in OUR_COMPONENTS:
        if name in ours:
            row(f"  {name}", *ours[name])
    row("  shared spaCy + analyse() glue", extraction - sum(w for w, _ in ours.values()),
        full_watch.cpu - sum(c for _, c in ours.values()))
    print("  (shared spaCy + glue above the bare pass is analyse()'s own work: chunking, sentences, offsets;"
          " a negative difference is run-to-run noise)")

    if args.profile_articles > 0:
        print()
        print(workbench_profile(texts[:args.profile_articles]))

    print()
    print(f"| extraction | {len(texts)} articles | {words:,} words | bare {words / bare:,.0f} words/s | "
          f"full {words / extraction:,.0f} words/s, {claims / extraction:,.0f} claims/s | "
          f"{ratio:.2f}x (target <= {TARGET_RATIO}x) | {verdict(ratio)} | {Path(__file__).name} |")


if __name__ == "__main__":
    main()
