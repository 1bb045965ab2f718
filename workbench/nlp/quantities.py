"""The ``quantity_normalizer`` spaCy component: every figure in a text, normalised.

The reading is done by :class:`workbench.nlp.scanner.QuantityScanner` (number cores grown into
figures with their kind, unit, qualifier and range) and :mod:`workbench.nlp.not_claims` (what is
not a claim). This module turns the figures into :class:`workbench.claims.Quantity` values on spans.

Results: ``doc.spans["quantities"]``, each span with ``span._.quantity`` (a Quantity) and
``span._.counted_noun`` (the index of the counted noun), and ``doc._.quantities``. Added to a pipeline, it
also teaches that pipeline's tokenizer the currency abbreviations written with a full stop ("Rs. 500") and
the sign India's official releases write in brackets against a number ("(-)0.13%").
"""
from __future__ import annotations

import re

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from workbench.claims import Quantity
from workbench.nlp.not_claims import excluded
from workbench.nlp.numbers import written_step
from workbench.nlp.scanner import SCALES_WITH_STOP, Figure, QuantityScanner

SPAN_KEY = "quantities"
CAPITAL_SCALE_WITH_STOP = re.compile(r"^\d[\d,.]*[KMBT]\.$")
VERSION = "19"
#: Abbreviations with a full stop that open a figure ("Rs. 18,612 million", as Pakistani and Sri Lankan
#: releases write it): kept one token, or the parser ends the sentence at the stop and the currency is lost.
CURRENCY_ABBREVIATIONS = ("Rs.", "rs.", "RS.")
#: The sign of a bracketed "(-)0.13%", split off the number it is glued to ("(", "-)", "0.13"), as the
#: tokenizer already splits "(-) 2.04" ("(", "-", ")", "2.04"); the scanner reads both.
BRACKETED_SIGN = r"^[-+−]\)"


def exact(value: float) -> float:
    """The value as written, without the tail binary arithmetic leaves ("2.3 lakh": 230000, not
    229999.99999999997): 12 significant digits, more than any figure in news copy carries."""
    return float(f"{value:.12g}")


def _to_quantity(doc: Doc, figure: Figure) -> tuple[Span, Quantity]:
    span = doc[figure.start:figure.end]
    text, end = span.text, span.end_char
    last = doc[figure.end - 1]
    if last.lower_ in SCALES_WITH_STOP or CAPITAL_SCALE_WITH_STOP.match(last.text):
        text, end = text[:-1], end - 1  # "£62m.", "$2.174T.": the sentence's full stop is not the figure's
    quantity = Quantity(
        text=text,
        start=span.start_char,
        end=end,
        value=exact(figure.value),
        value_max=exact(figure.value_max) if figure.value_max is not None else None,
        unit=figure.unit,
        kind=figure.kind,
        qualifier=figure.qualifier,
        iso=figure.iso,
        step=written_step(text, figure.value) if figure.kind not in ("date", "rank") else None,
    )
    return span, quantity


def _quantities_getter(doc: Doc) -> list[Quantity]:
    return [span._.quantity for span in doc.spans.get(SPAN_KEY, [])]


def _register_extensions() -> None:
    if not Span.has_extension("quantity"):
        Span.set_extension("quantity", default=None)
    if not Span.has_extension("counted_noun"):
        Span.set_extension("counted_noun", default=None)
    if not Doc.has_extension("quantities"):
        Doc.set_extension("quantities", getter=_quantities_getter)


class QuantityNormalizer:
    """Finds and normalises every figure; see the module docstring."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        _register_extensions()
        for abbreviation in CURRENCY_ABBREVIATIONS:
            nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
        # the prefixes are a compiled pattern's search (spaCy's own); a tokenizer given another is left as it is
        prefixes = getattr(getattr(nlp.tokenizer.prefix_search, "__self__", None), "pattern", None)
        if isinstance(prefixes, str) and BRACKETED_SIGN not in prefixes:
            nlp.tokenizer.prefix_search = re.compile(f"{BRACKETED_SIGN}|{prefixes}").search

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        scanner = QuantityScanner(doc)
        for figure in scanner.figures():
            if excluded(scanner, figure):
                continue
            span, quantity = _to_quantity(doc, figure)
            span._.quantity = quantity
            span._.counted_noun = figure.noun
            spans.append(span)
        doc.spans[SPAN_KEY] = spans
        return doc


@Language.factory("quantity_normalizer", default_config={})
def make_quantity_normalizer(nlp: Language, name: str) -> QuantityNormalizer:
    return QuantityNormalizer(nlp, name)

