"""Scoring extraction against a gold file (the format of the project's shared scorer).

A gold figure is found when a predicted quantity overlaps its span with the same value (and
value_max when the gold gives one); it is found with its kind when one such prediction has the
gold kind. A trap is a false alarm when any predicted quantity overlaps it.
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
    def clean_traps(self) -> float:
        return 1 - self.alarms / self.traps if self.traps else 1.0


def score_gold(path: Path) -> GoldScore:
    result = GoldScore()
    for item in json.loads(path.read_text(encoding="utf-8")):
        text = item["text"]
        quantities = [c.quantity for c in extract_claims(text) if c.quantity]
        for gold in item["must"]:
            result.total += 1
            start = text.index(gold["span"])
            end = start + len(gold["span"])
            hits = [q for q in quantities if q.start < end and start < q.end and _same(q.value, gold["value"])
                    and ("value_max" not in gold or _same(q.value_max, gold["value_max"]))]
            if not hits:
                result.misses.append(f"{item['id']}: missed {gold['span']!r} = {gold['value']}")
            elif not any(q.kind == gold["kind"] for q in hits):
                result.found += 1
                result.misses.append(f"{item['id']}: {gold['span']!r} kind {[q.kind for q in hits]}, "
                                     f"want {gold['kind']}")
            else:
                result.found += 1
                result.kinded += 1
        for span in item["must_not"]:
            result.traps += 1
            start = text.index(span)
            if any(q.start < start + len(span) and start < q.end for q in quantities):
                result.alarms += 1
                result.misses.append(f"{item['id']}: false alarm on {span!r}")
    return result
