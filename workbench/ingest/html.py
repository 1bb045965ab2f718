"""HTML to readable text, with the metadata a news page carries in its head.

lxml parses (it copes with broken markup, and reads nesting up to libxml2's limit of 2,048 levels; a
deeper page is refused with that reason rather than cut short). trafilatura then finds the article in the
page, leaving out the furniture news sites put around it; a page in which it finds none is read whole
(inscriptis lays out its visible text with block structure, navigation, footers and scripts dropped). Either
way, one paragraph per line, which is what sentence splitting needs.
"""
from __future__ import annotations

import copy
import sys
from dataclasses import dataclass
from functools import lru_cache

import lxml.html
from inscriptis import Inscriptis
from inscriptis.model.config import ParserConfig

#: libxml2's deepest element tree (with its ``huge_tree`` option), and the interpreter's recursion depth
#: that laying out such a tree needs (a few calls per level).
PARSER_DEPTH = 2048
LAYOUT_RECURSION = 4 * PARSER_DEPTH + 1000
DROPPED_TAGS = ("script", "style", "noscript", "template", "nav", "footer", "iframe", "svg", "form", "button")


@dataclass(frozen=True)
class HtmlDocument:
    text: str
    title: str | None
    url: str | None
    published: str | None


def _first(tree, *xpaths: str) -> str | None:
    for xpath in xpaths:
        for value in tree.xpath(xpath):
            value = str(value).strip()
            if value:
                return value
    return None


class HtmlTooDeep(ValueError):
    """The markup nests elements deeper than the parser can read whole."""


def _parse(markup: str):
    parser = lxml.html.HTMLParser(huge_tree=True)
    tree = lxml.html.document_fromstring(markup or "<html></html>", parser=parser)
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        raise HtmlTooDeep(f"HTML nested deeper than {PARSER_DEPTH:,} elements, which the HTML parser cannot "
                           "read whole")
    return tree


def _deep_enough() -> None:
    """Both readers below recurse once per level of nesting, so the interpreter is allowed as deep as the
    deepest tree the parser builds (a process-wide setting, only ever raised)."""
    sys.setrecursionlimit(max(sys.getrecursionlimit(), LAYOUT_RECURSION))


def _main_text(tree) -> str | None:
    """The article alone, as trafilatura finds it: without tickers, read times, comment and share counts,
    "Also read" boxes and the like, which would be false figures (``bench/html_eval.py``: 5% of such
    furniture let in against 93% for the whole visible text, with every article paragraph kept). Tables
    are kept (rows with their cells between bars); None when it finds no main text."""
    import trafilatura  # imported when a page is read: it takes a moment to load

    _deep_enough()
    return trafilatura.extract(copy.deepcopy(tree), include_tables=True, include_comments=False,
                               include_images=False, deduplicate=False, config=_trafilatura_config())


@lru_cache(maxsize=1)
def _trafilatura_config():
    """trafilatura's settings, with one change: below 250 characters of article it falls back to a reader
    that puts every text node on a line of its own ("were\nkilled\n."), which breaks sentences; a short
    article is an article too."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    return config


def _visible_text(tree) -> str:
    """Every visible text of the page, laid out by inscriptis with its block structure, page furniture
    tags (navigation, footer, forms, scripts) dropped: for pages trafilatura finds no article in."""
    for element in tree.xpath("|".join(f"//{tag}" for tag in DROPPED_TAGS) + "|//head"):
        element.drop_tree()
    _deep_enough()
    return Inscriptis(tree, ParserConfig(display_images=False)).get_text()


def html_to_document(markup: str) -> HtmlDocument:
    tree = _parse(markup)
    title = _first(tree, "//meta[@property='og:title']/@content", "//head/title/text()", "//h1//text()")
    url = _first(tree, "//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content")
    published = _first(
        tree,
        "//meta[@property='article:published_time']/@content",
        "//meta[@name='date']/@content",
        "//meta[@name='pubdate']/@content",
        "//time[@datetime]/@datetime",
    )
    text = _main_text(tree) or _visible_text(tree)
    lines = [line.strip() for line in text.splitlines()]
    # Collapse the blank lines between blocks: one paragraph per line, as the extractor expects.
    text = "\n".join(line for line in lines if line)
    return HtmlDocument(text=text, title=title, url=url, published=published)
