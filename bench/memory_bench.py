"""Huge single inputs: time, words/s and peak memory of extracting and of importing one large file.

A text is streamed through ``nlp.pipe`` in chunks of at most 10,000 characters (cut at line breaks,
else at sentence ends) and batches of at most 64,000 characters, so memory should not grow with the
text, and time should grow in proportion to it. For each size (default 0.1, 5 and 50 MB of generated
news text, ``bench/corpus.py``), written as one file, a fresh child process

* ``extract``: streams the file's claims as ``workbench extract`` does (nothing kept);
* ``import``: imports the file as one article into a new database (``import_paths``, no matching), as
  ``workbench import`` does;

and reports its seconds and its own peak resident set size. The smallest size is the baseline: the
ratios of words/s (1.0 = time proportional to size) and of peak memory (1.0 = bounded) are against it.
``--one-line`` writes each file without line breaks (the worst case: chunks are cut at sentence ends).

    .venv/bin/python bench/memory_bench.py                      # 0.1, 5 and 50 MB (~1 hour)
    .venv/bin/python bench/memory_bench.py --sizes 0.1,5 --one-line
    .venv/bin/python bench/memory_bench.py --sizes 0.1,2 --only import

Nothing is downloaded; no assertions.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import generate_articles  # bench/ is on sys.path: the scripts run as files

CHILDREN = {
    "extract": """
import resource, sys
from workbench.nlp.extract import iter_claims
text = open(sys.argv[1], encoding="utf-8").read()
claims = sum(1 for _ in iter_claims(text))
print("MEASURED", claims, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
""",
    "import": """
import resource, sys
from workbench.ingest.importer import import_paths
from workbench.store.db import Store
report = import_paths(Store(sys.argv[2]), [sys.argv[1]], match=False)
assert report.ok and report.documents == 1, report.summary()
print("MEASURED", report.claims, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
""",
}


def text_of_size(megabytes: float, one_line: bool) -> str:
    """Generated articles, one paragraph per line (or all on one line), up to the size asked for."""
    target = int(megabytes * 1_000_000)
    parts, size, seed = [], 0, 0
    while size < target:
        for article in generate_articles(200, seed=seed):
            parts.append(article["text"])
            size += len(article["text"]) + 1
            if size >= target:
                break
        seed += 1
    return (" " if one_line else "\n").join(parts)[:target]


def run_child(kind: str, path: Path, folder: Path) -> tuple[float, float, int]:
    """(peak RSS in MB, seconds, claims) of one run in a fresh child process."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", CHILDREN[kind], str(path), str(folder / f"{path.stem}.duckdb")],
                            check=False, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"{kind} of {path.name} failed:\n{result.stderr[-2000:]}")
    # the last line the child printed says what it measured (a library may print before it)
    _, claims, peak_kb = next(line for line in reversed(result.stdout.splitlines()) if line.startswith("MEASURED")).split()
    return int(peak_kb) / 1024, seconds, int(claims)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.1,5,50", help="file sizes in MB, smallest (the baseline) first")
    parser.add_argument("--only", choices=sorted(CHILDREN), help="run one of the two measurements")
    parser.add_argument("--one-line", action="store_true", help="write each file without line breaks")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    kinds = [args.only] if args.only else list(CHILDREN)
    print("| run | file | words | seconds | words/s | × baseline words/s | peak MB | × baseline peak | claims |")
    print("|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for kind in kinds:
            baseline = None
            for megabytes in sizes:
                path = folder / f"text-{megabytes:g}MB.txt"
                if not path.exists():
                    path.write_text(text_of_size(megabytes, args.one_line), encoding="utf-8")
                words = len(path.read_text(encoding="utf-8").split())
                peak, seconds, claims = run_child(kind, path, folder)
                speed = words / seconds
                baseline = baseline or (speed, peak)
                print(f"| {kind} | {megabytes:g} MB{' one line' if args.one_line else ''} | {words:,} | {seconds:.1f} | "
                      f"{speed:,.0f} | {speed / baseline[0]:.2f} | {peak:.0f} | {peak / baseline[1]:.2f} | {claims:,} |",
                      flush=True)


if __name__ == "__main__":
    main()
