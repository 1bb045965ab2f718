"""Boilerplate on news pages: how much of the article each HTML reader keeps, and how much page furniture
it lets in.

``bench/data/html-pages/`` holds 24 news pages written for this (invented stories in Indian, UK and US
styles) around the furniture real sites carry: market tickers, "4 min read", comment and share counts,
"Also read" boxes between paragraphs, related and trending lists, captions, cookie banners, follower
counts, footers. Its ``gold.jsonl`` lists, per page, the article's own paragraphs and the figure-bearing
furniture strings. The pages were written by a helper who saw neither reader; nothing was tuned on them.

Readers compared, one run:

* ``inscriptis``: the reader before this comparison (lxml, page furniture tags dropped, inscriptis layout);
* ``trafilatura``: ``trafilatura.extract`` (tables kept, comments not), precision-leaning default;
* ``trafilatura-recall``: the same with ``favor_recall=True``;
* ``workbench``: what ``workbench import`` uses now (``workbench.ingest.html.html_to_document``: trafilatura,
  with the whole visible text when it finds no article).

For each: the share of gold article paragraphs found in the output (whitespace collapsed), and found whole
on one line (a paragraph broken at its links or bold words breaks its sentences), the share of
furniture figures that leak into it (each a false figure for the extractor), the pages that lose any
paragraph or leak anything, and milliseconds per page.

    .venv/bin/python bench/html_eval.py
    .venv/bin/python bench/html_eval.py --show page-07.html     # what each reader keeps of one page

Nothing is downloaded; no assertions.
"""
from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Callable
from pathlib import Path

import lxml.html
import trafilatura
from inscriptis import Inscriptis
from inscriptis.model.config import ParserConfig

from workbench.ingest.html import DROPPED_TAGS, html_to_document

PAGES = Path(__file__).parent / "data" / "html-pages"


def normalised(text: str) -> str:
    """Whitespace collapsed, and table cell bars (trafilatura writes "| a | b |") read as spaces."""
    return re.sub(r"\s+", " ", text.replace("|", " ")).strip()


def inscriptis_reader(markup: str) -> str:
    """The reader as it was: furniture tags dropped, the rest laid out by inscriptis."""
    tree = lxml.html.document_fromstring(markup)
    for element in tree.xpath("|".join(f"//{tag}" for tag in DROPPED_TAGS) + "|//head"):
        element.drop_tree()
    return Inscriptis(tree, ParserConfig(display_images=False)).get_text()


READERS: dict[str, Callable[[str], str]] = {
    "inscriptis": inscriptis_reader,
    "trafilatura": lambda markup: trafilatura.extract(markup, include_tables=True, include_comments=False) or "",
    "trafilatura-recall": lambda markup: trafilatura.extract(markup, include_tables=True, include_comments=False,
                                                             favor_recall=True) or "",
    "workbench": lambda markup: html_to_document(markup).text,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", help="print each reader's text of this page")
    args = parser.parse_args()
    gold = [json.loads(line) for line in (PAGES / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    if args.show:
        markup = (PAGES / args.show).read_text(encoding="utf-8")
        for name, reader in READERS.items():
            print(f"== {name}\n{reader(markup)}\n")
        return
    print(f"{len(gold)} pages, {sum(len(g['article']) for g in gold)} article paragraphs, "
          f"{sum(len(g['furniture_figures']) for g in gold)} furniture figures\n")
    print("| reader | paragraphs kept | kept whole on one line | furniture let in | pages losing text | "
          "pages with furniture | ms/page |")
    print("|---|---|---|---|---|---|---|")
    for name, reader in READERS.items():
        kept = whole = leaked = paragraphs = figures = losing = leaking = 0
        seconds = 0.0
        for page in gold:
            markup = (PAGES / page["page"]).read_text(encoding="utf-8")
            started = time.perf_counter()
            output = reader(markup)
            seconds += time.perf_counter() - started
            text, lines = normalised(output), [normalised(line) for line in output.splitlines()]
            found = sum(1 for paragraph in page["article"] if normalised(paragraph) in text)
            whole += sum(1 for paragraph in page["article"] if any(normalised(paragraph) in line for line in lines))
            let_in = sum(1 for figure in page["furniture_figures"] if normalised(figure) in text)
            kept, paragraphs = kept + found, paragraphs + len(page["article"])
            leaked, figures = leaked + let_in, figures + len(page["furniture_figures"])
            losing += found < len(page["article"])
            leaking += let_in > 0
        print(f"| {name} | {kept / paragraphs:.3f} ({kept}/{paragraphs}) | {whole / paragraphs:.3f} "
              f"| {leaked / figures:.3f} ({leaked}/{figures}) "
              f"| {losing}/{len(gold)} | {leaking}/{len(gold)} | {1000 * seconds / len(gold):.1f} |")


if __name__ == "__main__":
    main()
