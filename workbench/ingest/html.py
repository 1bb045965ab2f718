"""HTML to readable text, with the metadata a news page carries in its head.

lxml parses (it copes with broken markup, and reads nesting up to libxml2's limit of 2,048 levels; a
deeper page is refused with that reason rather than cut short); script, style, navigation and other page furniture
(footer included) are dropped; inscriptis lays out the rest as text with block structure (paragraphs, lists,
headings on lines of their own), which is what sentence splitting needs.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass

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


def _layout(tree) -> str:
    """The tree laid out as text. inscriptis recurses once per level of nesting, so the interpreter is
    allowed as deep as the deepest tree the parser builds (a process-wide setting, only ever raised)."""
    sys.setrecursionlimit(max(sys.getrecursionlimit(), LAYOUT_RECURSION))
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
    for element in tree.xpath("|".join(f"//{tag}" for tag in DROPPED_TAGS)):
        element.drop_tree()
    for head in tree.xpath("//head"):
        head.drop_tree()
    text = _layout(tree)
    lines = [line.strip() for line in text.splitlines()]
    # Collapse the blank lines between blocks: one paragraph per line, as the extractor expects.
    text = "\n".join(line for line in lines if line)
    return HtmlDocument(text=text, title=title, url=url, published=published)
