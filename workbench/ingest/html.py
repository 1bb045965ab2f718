"""HTML to readable text, with the metadata a news page carries in its head.

lxml parses (it copes with broken markup); script, style, navigation and other page furniture
(footer included) are dropped; inscriptis lays out the rest as text with block structure (paragraphs, lists,
headings on lines of their own), which is what sentence splitting needs.
"""
from __future__ import annotations

from dataclasses import dataclass

import lxml.html
from inscriptis import Inscriptis
from inscriptis.model.config import ParserConfig

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


def html_to_document(markup: str) -> HtmlDocument:
    tree = lxml.html.document_fromstring(markup or "<html></html>")
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
    text = Inscriptis(tree, ParserConfig(display_images=False)).get_text()
    lines = [line.strip() for line in text.splitlines()]
    # Collapse the blank lines between blocks: one paragraph per line, as the extractor expects.
    text = "\n".join(line for line in lines if line)
    return HtmlDocument(text=text, title=title, url=url, published=published)
