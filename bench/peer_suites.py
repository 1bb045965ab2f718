"""Recall of the extractor on two peers' public number suites, read from the paths given.

The suites are not shipped with this repository (README, "Benchmarks", says where to get them):

* quantulum3 (MIT), ``quantulum3/_lang/en_US/tests/quantities.json``: a list of
  ``{"req": sentence, "res": [{"value", "unit", "surface", "uncertainty"?}, ...]}``;
* Microsoft Recognizers-Text (MIT), ``Specs/NumberWithUnit/English/*.json`` (``CurrencyModel.json``,
  ``DimensionModel.json``, ``AgeModel.json``, ``TemperatureModel.json``): a list of
  ``{"Input": sentence, "Results": [{"Text", "Resolution": {"value", "unit"}}, ...]}``.

A file's format is recognised by its keys. Every expected figure with a single numeric value is
scored (a Recognizers-Text result without a value, such as a bare "fahrenheit", is not a figure);
a quantulum3 figure with an ``uncertainty`` is the range value ± uncertainty. The sentences go
through the product's own extraction (``workbench.nlp.extract.analyse``, the same call the import
makes) and an expected figure is found when a claim's quantity overlaps its surface text (anywhere
in the sentence when the suite's text is not found in it verbatim) and reads the same value:

* a single value: the quantity's value, or, when the quantity is a range, either bound or its
  midpoint ("about 40 - 50 years old" expected as 50);
* a range: the quantity's midpoint, or its two bounds in either order ("3 to 4 L" as 3.5 ± 0.5);
* a subunit the suites count in (50 "cents", 470 "pence") also matches the same sum in the main unit.

Recall is printed per suite and per file; ``--misses N`` prints N of the misses with what was read.
Nothing is downloaded.

    .venv/bin/python bench/peer_suites.py ~/peer-suites/quantities.json ~/peer-suites/*Model.json --misses 20
"""
from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

SUBUNITS = {"cent": 100, "pence": 100, "penny": 100, "dime": 10}


@dataclass
class Expected:
    suite: str
    file: str
    text: str
    surface: str
    value: float
    low: float | None = None  # a range: its bounds
    high: float | None = None
    unit: str = ""


@dataclass
class Tally:
    total: int = 0
    found: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 0.0


def _number(value) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def load(path: Path) -> list[Expected]:
    """The scorable figures of one suite file, whichever of the two formats it is in."""
    items = json.loads(path.read_text(encoding="utf-8"))
    expected = []
    for item in items:
        if "req" in item:  # quantulum3
            for res in item.get("res") or []:
                value = _number(res.get("value"))
                if value is None:
                    continue
                spread = _number(res.get("uncertainty"))
                low, high = (value - spread, value + spread) if spread else (None, None)
                expected.append(Expected("quantulum3", path.name, item["req"], res.get("surface") or "",
                                         value, low, high, str(res.get("unit") or "")))
        elif "Input" in item:  # Recognizers-Text
            for res in item.get("Results") or []:
                resolution = res.get("Resolution") or {}
                value = _number(resolution.get("value"))
                if value is None:
                    continue
                expected.append(Expected("recognizers-text", path.name, item["Input"], res.get("Text") or "",
                                         value, unit=str(resolution.get("unit") or "")))
    return expected


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def reads_as(quantity, want: Expected) -> bool:
    """Does ``quantity`` read the value ``want`` expects (see the module docstring)?"""
    values = [want.value]
    subunit = SUBUNITS.get(want.unit.lower().removesuffix("s"))
    if subunit:
        values.append(want.value / subunit)
    value, value_max = quantity.value, quantity.value_max
    for expected in values:
        if value_max is None:
            if _same(value, expected):
                return True
            continue
        if _same((value + value_max) / 2, expected):
            return True
        if want.low is None and (_same(value, expected) or _same(value_max, expected)):
            return True
        if want.low is not None and _same(min(value, value_max), min(want.low, want.high)) and _same(
                max(value, value_max), max(want.low, want.high)):
            return True
    return False


def _spans(text: str, surfaces: list[str]) -> list[tuple[int, int] | None]:
    """Where each expected surface is in ``text`` (in order, case aside), or None when it is not there."""
    lower, cursor, spans = text.lower(), 0, []
    for surface in surfaces:
        needle = surface.lower().strip()
        at = lower.find(needle, cursor) if needle else -1
        if at < 0 and needle:
            at = lower.find(needle)
        if at < 0:
            spans.append(None)
            continue
        spans.append((at, at + len(needle)))
        cursor = at + len(needle)
    return spans


def score(expected: list[Expected], batch_size: int = 32) -> dict[tuple[str, str], Tally]:
    """Tallies by (suite, file); the sentences are analysed once each, in one stream."""
    from workbench.nlp.extract import analyse

    by_text: dict[tuple[str, str, str], list[Expected]] = defaultdict(list)
    for want in expected:
        by_text[(want.suite, want.file, want.text)].append(want)
    keys = list(by_text)
    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for key, analysis in zip(keys, analyse(((text, None) for _, _, text in keys), batch_size=batch_size)):
        suite, file, text = key
        quantities = [claim.quantity for claim in analysis.claims if claim.quantity]
        wants = by_text[key]
        for want, span in zip(wants, _spans(text, [w.surface for w in wants])):
            tally = tallies[(suite, file)]
            tally.total += 1
            near = [q for q in quantities if span is None or (q.start < span[1] and span[0] < q.end)]
            if any(reads_as(q, want) for q in near):
                tally.found += 1
            else:
                read = [(q.text, q.value, q.value_max, q.unit) for q in quantities]
                tally.misses.append(f"{file}: {want.surface!r} = {want.value} {want.unit} in {text!r}; read {read}")
    return tallies


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path, help="suite files (quantulum3 or Recognizers-Text JSON)")
    parser.add_argument("--misses", type=int, default=0, help="print this many misses (a random sample, seed 0)")
    args = parser.parse_args(argv)

    expected = [want for path in args.files for want in load(path)]
    tallies = score(expected)
    suites: dict[str, Tally] = defaultdict(Tally)
    for (suite, file), tally in sorted(tallies.items()):
        print(f"  {suite:17} {file:28} {tally.found:4}/{tally.total:<4} recall {tally.recall:.3f}")
        suites[suite].total += tally.total
        suites[suite].found += tally.found
        suites[suite].misses.extend(tally.misses)
    for suite, tally in sorted(suites.items()):
        print(f"{suite:19} {'(all files)':28} {tally.found:4}/{tally.total:<4} recall {tally.recall:.3f}"
              f"  (target 0.85)")
    if args.misses:
        misses = [miss for tally in suites.values() for miss in tally.misses]
        sample = random.Random(0).sample(misses, min(args.misses, len(misses)))
        print(f"\n{len(sample)} of {len(misses)} misses:")
        for miss in sample:
            print("  " + miss)


if __name__ == "__main__":
    main()
