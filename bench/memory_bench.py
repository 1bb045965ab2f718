"""Memory of `workbench extract` on large texts: peak resident memory for 0.5 MB and 5 MB of news text.

Extraction streams a text through ``nlp.pipe`` in chunks of at most 10,000 characters cut at line
breaks, so its memory should not grow with the text: for each size, a fresh child process reads the
generated text (``bench/corpus.py``) and streams its claims as ``workbench extract`` does, then reports
its own peak resident set size. A ratio near 1 between the sizes means bounded memory.

    .venv/bin/python bench/memory_bench.py
    .venv/bin/python bench/memory_bench.py --sizes 0.5,5,10
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import generate_articles  # bench/ is on sys.path: the scripts run as files

CHILD = """
import resource, sys
from workbench.nlp.extract import iter_claims
text = open(sys.argv[1], encoding="utf-8").read()
claims = sum(1 for _ in iter_claims(text))
print(claims, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def text_of_size(megabytes: float) -> str:
    """Generated articles, one paragraph per line, up to the size asked for."""
    target = int(megabytes * 1_000_000)
    parts, size, seed = [], 0, 0
    while size < target:
        for article in generate_articles(200, seed=seed):
            parts.append(article["text"])
            size += len(article["text"]) + 1
            if size >= target:
                break
        seed += 1
    return "\n".join(parts)[:target]


def peak_of_child(path: Path) -> tuple[float, float, int]:
    """(peak RSS in MB, seconds, claims) of extracting one file in a fresh child process."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    claims, peak_kb = result.stdout.split()
    return int(peak_kb) / 1024, seconds, int(claims)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.5,5", help="text sizes in MB, smallest first (default 0.5,5)")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for megabytes in sizes:
            path = Path(folder) / f"text-{megabytes}MB.txt"
            path.write_text(text_of_size(megabytes), encoding="utf-8")
            peak, seconds, claims = peak_of_child(path)
            rows.append((megabytes, peak, seconds, claims))
            print(f"{megabytes:6.1f} MB text: peak RSS {peak:7.0f} MB, {seconds:6.1f} s, {claims:,} claims, "
                  f"{megabytes * 1e6 / seconds / 1000:.0f} kB/s")
    smallest, largest = rows[0], rows[-1]
    print(f"\n| extraction memory | {smallest[0]:g} MB text: {smallest[1]:.0f} MB peak | {largest[0]:g} MB text: "
          f"{largest[1]:.0f} MB peak | ratio {largest[1] / smallest[1]:.2f}x for {largest[0] / smallest[0]:.0f}x "
          f"the text |")


if __name__ == "__main__":
    main()
