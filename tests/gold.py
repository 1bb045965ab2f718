"""Scoring extraction against a gold file (the format of the project's shared scorer).

A gold figure is found when a predicted quantity overlaps its span with the same value (and
value_max when the gold gives one; a date marked ``no_year`` with any value); it is found with its
kind when one such prediction has the gold kind, and read right when that prediction also has the
gold's unit (when the gold names one) and, in a file that marks directions, the gold's direction
(none when the gold gives none). A trap is a false alarm when any predicted quantity overlaps it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from workbench.nlp.extract import extract_claims


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


@dataclass
class GoldScore:
    total: int = 0
    found: int = 0
    kinded: int = 0
    right: int = 0  # with the kind, unit and direction of the gold
    traps: int = 0
    alarms: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.total

    @property
    def kind_recall(self) -> float:
        return self.kinded / self.total

    @property
    def read_right(self) -> float:
        return self.right / self.total

    @property
    def clean_traps(self) -> float:
        return 1 - self.alarms / self.traps if self.traps else 1.0


def score_gold(path: Path) -> GoldScore:
    result = GoldScore()
    items = json.loads(path.read_text(encoding="utf-8"))
    directions = any("direction" in gold for item in items for gold in item["must"])
    for item in items:
        text = item["text"]
        quantities = [c.quantity for c in extract_claims(text) if c.quantity]
        for gold in item["must"]:
            result.total += 1
            start = text.index(gold["span"])
            end = start + len(gold["span"])
            hits = [q for q in quantities if q.start < end and start < q.end and (
                gold.get("no_year") and q.kind == "date" or _same(q.value, gold["value"])
                and ("value_max" not in gold or _same(q.value_max, gold["value_max"])))]
            kinded = [q for q in hits if q.kind == gold["kind"]]
            right = [q for q in kinded if ("unit" not in gold or _unit(q.unit) == _unit(gold["unit"])) and
                     (not directions or _direction_right(q, gold.get("direction")))]
            if not hits:
                result.misses.append(f"{item['id']}: missed {gold['span']!r} = {gold['value']}"
                                     f" (read {[(q.text, q.value) for q in quantities if q.start < end and start < q.end]})")
                continue
            result.found += 1
            if not kinded:
                result.misses.append(f"{item['id']}: {gold['span']!r} kind {[q.kind for q in hits]}, "
                                     f"want {gold['kind']}")
                continue
            result.kinded += 1
            if right:
                result.right += 1
            else:
                result.misses.append(f"{item['id']}: {gold['span']!r} unit/direction "
                                     f"{[(q.unit, q.direction) for q in kinded]}, want "
                                     f"{(gold.get('unit'), gold.get('direction'))}")
        for span in item["must_not"]:
            result.traps += 1
            start = text.index(span)
            if any(q.start < start + len(span) and start < q.end for q in quantities):
                result.alarms += 1
                result.misses.append(f"{item['id']}: false alarm on {span!r}")
    return result


#: Units the gold spells out and the extractor abbreviates; basis and percentage points are percents' kin.
UNIT_NAMES = {"tonne": "t", "mile": "mi", "gram": "g", "foot": "ft", "feet": "ft", "celsius": "degc",
              "kilogram": "kg", "kilometre": "km", "metre": "m", "percentage_point": "percent", "hectare": "ha",
              "sq km": "km2", "square kilometre": "km2", "barrel per day": "bbl/d"}


def _unit(unit: str | None) -> str | None:
    """Units compared as a reader would: case, plural and abbreviation aside ("Soldiers", "soldier"; "t", "tonne")."""
    if not unit:
        return unit
    low = unit.lower()
    return UNIT_NAMES.get(low, UNIT_NAMES.get(low.removesuffix("s"), low.removesuffix("s")))


def _direction_right(quantity, direction: str | None) -> bool:
    """The gold marks the direction of a change's amount ("rose 8.7%"); the extractor also gives the level a
    change reached its direction ("rose to ₹2,500 crore", rising): only a change may carry one the gold lacks."""
    if direction is not None:
        return quantity.direction == direction
    return quantity.direction is None or quantity.role != "change"
