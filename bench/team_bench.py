"""Many reviewers at once: verdicts saved per second, and the p95 of save & next, with 1, 4 and 8 reviewers
working concurrently on one database of 100,000 claims.

**The database** is ``bench/ui_bench.py``'s (``build``: 100,000 synthetic claims in 4,000 articles, 300 sources,
5,000 earlier reviews; ``--db PATH`` builds it there once and reuses it after, as ui_bench does).

**A round** with N reviewers: the unreviewed claims are assigned to N accounts (``claim_id % N``, by
``workbench.team.assign`` with a filter, as an editor would), then N threads, one per reviewer (as one
``workbench ui`` serves each browser session from a thread), each do ``--saves`` times what the Review page
does on "save & next" below its rendering: save a verdict on the first claim of their "Assigned to me" queue
(``review.save_verdict``), then read their queue again (``reviews.queue``, a page of 25, and its count) and the
next claim in context (``reviews.claim_detail``), each call through a fresh ``Store(path)`` as the UI's reads
are. Verdicts per second is all the verdicts of the round over its wall time; the p50/p95 are of each
save & next, in wall milliseconds. The page's own rendering is measured by ui_bench (single reviewer).

    .venv/bin/python bench/team_bench.py --db /tmp/team100k.duckdb          # builds it once (~3 min)
    .venv/bin/python bench/team_bench.py --db /tmp/team100k.duckdb --saves 10 --reviewers 1 4 8

The machine may be shared: the load average is printed before and after. Nothing is downloaded; no assertions.
"""
from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from ui_bench import build, percentile

from workbench import review, team
from workbench.store.db import Store
from workbench.store.reviews import QueueFilter, claim_detail, queue, queue_count

PASSWORD = "team bench password"


def accounts(store: Store, count: int) -> list[str]:
    """``count`` reviewer accounts (created once) and the editor who assigns."""
    existing = {account.name for account in team.users(store)}
    names = [f"bench{n}" for n in range(1, count + 1)]
    for name, role in [("bench-editor", "editor")] + [(name, "reviewer") for name in names]:
        if name not in existing:
            team.add_user(store, name, role, PASSWORD)
    return names


def save_and_next(path: Path, name: str, verdict: str) -> None:
    """What "save & next" asks of the library: a verdict on the reviewer's first claim, their queue again, the
    next claim in context."""
    mine = QueueFilter(assignee=name)
    first = queue(Store(path), mine, 25)[0]["claim_id"]
    review.save_verdict(Store(path), first, name, verdict, "team bench")
    page = queue(Store(path), mine, 25)
    queue_count(Store(path), mine)
    if page:
        claim_detail(Store(path), page[0]["claim_id"])


def round_of(path: Path, reviewers: int, saves: int) -> tuple[float, list[float], int]:
    """One round: verdicts per second, every save & next in ms, and the failures."""
    store = Store(path)
    names = accounts(store, reviewers)
    for number, name in enumerate(names):
        team.assign(store, "bench-editor", name, where=f"status = 'unreviewed' AND claim_id % {reviewers} = {number}")
    timings: list[float] = []
    failures: list[BaseException] = []
    guard = threading.Lock()

    def work(name: str, verdict: str) -> None:
        for _ in range(saves):
            started = time.perf_counter()
            try:
                save_and_next(path, name, verdict)
            except Exception as error:  # noqa: BLE001 - counted and reported
                failures.append(error)
                continue
            with guard:
                timings.append((time.perf_counter() - started) * 1000)

    threads = [threading.Thread(target=work, args=(name, review.VERDICTS[n % len(review.VERDICTS)]))
               for n, name in enumerate(names)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return len(timings) / wall, timings, len(failures)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="database file: built if missing, reused if present")
    parser.add_argument("--claims", type=int, default=100_000, help="claims to build (default 100,000)")
    parser.add_argument("--reviewers", type=int, nargs="+", default=[1, 4, 8], help="rounds (default 1 4 8)")
    parser.add_argument("--saves", type=int, default=20, help="save & next per reviewer per round (default 20)")
    args = parser.parse_args(argv)
    path = args.db.resolve()
    if not path.exists():
        started = time.perf_counter()
        build(path, args.claims, 25, 300, 1000, 5000, 300, 7)
        print(f"built {path} in {time.perf_counter() - started:.0f} s")
    claims = Store(path).value("SELECT count(*) FROM claims")
    load_before = os.getloadavg()
    rows = []
    for reviewers in args.reviewers:
        rate, timings, failed = round_of(path, reviewers, args.saves)
        rows.append((reviewers, len(timings), rate, percentile(timings, 0.5), percentile(timings, 0.95), failed))
    load_after = os.getloadavg()
    print(f"\n## {claims:,} claims, {args.saves} save & next per reviewer; {os.cpu_count()} cores, load average "
          f"{load_before[0]:.2f} before, {load_after[0]:.2f} after\n")
    print("| reviewers | verdicts | verdicts/s | save & next p50 ms | p95 ms | failed |")
    print("|---|---|---|---|---|---|")
    for reviewers, saved, rate, p50, p95, failed in rows:
        print(f"| {reviewers} | {saved} | {rate:.1f} | {p50:.0f} | {p95:.0f} | {failed} |")


if __name__ == "__main__":
    main()
