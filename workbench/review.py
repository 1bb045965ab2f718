"""Reviewing claims: the rules a verdict, an undo, a correction or a manual claim must pass.

Everything a reviewer does is appended, never overwritten (:mod:`workbench.store.reviews` writes it, and
reads the queue and a claim in context): a verdict is a new row (the newest in force per claim is its
state), undo is another row that restores the state before the undone one, and a correction is a row
that ``claims_v`` applies over the original reading. Every write is one short transaction; a write that
cannot be made raises, so the UI can say so and keep what the reviewer entered.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from workbench.claims import KINDS, QUALIFIERS
from workbench.errors import ReviewError
from workbench.match.figures import CONVERSIONS, DURATION_DAYS
from workbench.nlp.numbers import CURRENCY_PREFIXES, CURRENCY_WORDS
from workbench.store import reviews
from workbench.store.db import Store
from workbench.store.reviews import CORRECTABLE

VERDICTS = ("supported", "refuted", "misleading", "unverifiable", "not_a_claim")
VERDICT_LABELS = {"supported": "Supported", "refuted": "Refuted", "misleading": "Misleading",
                  "unverifiable": "Unverifiable", "not_a_claim": "Not a claim"}
STATUSES = ("unreviewed", "reviewed", "all") + VERDICTS
#: The one unit of kinds that have one (a date is read in years: its ``iso`` says which day).
FIXED_UNITS = {"percent": ("percent",), "ratio": ("times",), "rank": ("rank",), "date": ("year",), "statement": ()}
#: Measures the scanner reads besides those that convert ("0.67C", "magnitude 5.4").
MEASURE_UNITS = ("degC", "degF", "magnitude")


@dataclass(frozen=True)
class Evidence:
    """What a verdict rests on: chosen passages, and/or a quote with its URL."""

    passages: tuple[int, ...] = ()
    quote: str | None = None
    url: str | None = None

    def to_json(self) -> str:
        return json.dumps({"passages": list(self.passages), "quote": self.quote or None, "url": self.url or None})

    @classmethod
    def from_json(cls, text: str | None) -> Evidence:
        data = json.loads(text) if text else {}
        return cls(tuple(data.get("passages") or ()), data.get("quote"), data.get("url"))


def _require_reviewer(reviewer: str | None) -> str:
    name = (reviewer or "").strip()
    if not name:
        raise ReviewError("a reviewer name is required before the first verdict")
    return name


def _blank_to_none(text: str | None) -> str | None:
    return (text or "").strip() or None


def save_verdict(store: Store, claim_id: int, reviewer: str, verdict: str, note: str | None = None,
                 evidence: Evidence = Evidence()) -> int:
    """Record a verdict (a new row; earlier verdicts stay) and return its review id."""
    reviewer = _require_reviewer(reviewer)
    if verdict not in VERDICTS:
        raise ReviewError(f"unknown verdict {verdict!r} (one of {', '.join(VERDICTS)})")
    if evidence.url and not evidence.url.startswith(("http://", "https://")):
        raise ReviewError(f"evidence URL must start with http:// or https:// ({evidence.url[:60]!r})")
    return reviews.add_verdict(store, claim_id, reviewer, verdict, _blank_to_none(note), evidence.to_json(),
                               evidence.passages)


def undo_last(store: Store, reviewer: str) -> dict | None:
    """Undo the reviewer's newest verdict that is still in force: a new row restores the claim's state before it.

    Returns ``{"claim_id", "undone", "restored", "note", "evidence"}`` (the undone verdict's note and evidence,
    as :meth:`Evidence.from_json` reads it), or None when there is nothing to undo.
    """
    return reviews.undo_last_verdict(store, _require_reviewer(reviewer))


def _normalise_correction(field_name: str, value: str | None) -> str | None:
    value = None if value is None or str(value).strip() == "" else str(value).strip()
    if field_name not in CORRECTABLE:
        raise ReviewError(f"{field_name!r} cannot be corrected (one of {', '.join(CORRECTABLE)})")
    if value is None:
        if field_name in ("kind", "value", "hedged"):
            raise ReviewError(f"{field_name} cannot be empty")
        return None
    if field_name in ("value", "value_max"):
        try:
            return repr(float(value.replace(",", "")))
        except ValueError:
            raise ReviewError(f"{field_name} must be a number, not {value!r}") from None
    if field_name == "kind" and value not in KINDS:
        raise ReviewError(f"kind must be one of {', '.join(KINDS)}")
    if field_name == "qualifier" and value not in QUALIFIERS:
        raise ReviewError(f"qualifier must be one of {', '.join(QUALIFIERS)} or empty")
    if field_name == "hedged":
        if value.lower() not in ("true", "false"):
            raise ReviewError("hedged must be true or false")
        return value.lower()
    return value


def unit_choices(kind: str) -> tuple[str, ...] | None:
    """The units a figure of ``kind`` can be read in, or None when any noun will do (a count's "soldier")."""
    if kind == "money":
        return tuple(sorted(set(CURRENCY_PREFIXES.values()) | set(CURRENCY_WORDS.values())))
    if kind == "duration":
        return tuple(DURATION_DAYS)
    if kind == "measure":
        return (*CONVERSIONS, *MEASURE_UNITS)
    return FIXED_UNITS.get(kind)


def correct(store: Store, claim_id: int, reviewer: str, changes: dict[str, str | None]) -> int:
    """Record corrections of a claim's reading (the original stays); returns how many fields changed."""
    reviewer = _require_reviewer(reviewer)
    normalised = {name: _normalise_correction(name, value) for name, value in changes.items()}
    if normalised.keys() & {"value", "value_max"}:
        reading = reviews.claim_detail(store, claim_id).claim
        low, high = (normalised[name] if name in normalised else reading[name] for name in ("value", "value_max"))
        if low is not None and high is not None and float(high) <= float(low):
            raise ReviewError("the top of a range must be above its value")
    return reviews.add_corrections(store, claim_id, reviewer, normalised)


def add_manual_claim(store: Store, sentence_id: int, reviewer: str, figure_text: str | None = None,
                     kind: str = "statement", value: float | None = None, unit: str | None = None,
                     qualifier: str | None = None, subject: str | None = None) -> int:
    """Add a claim the extractor missed: a sentence, and optionally the figure in it with its reading."""
    reviewer = _require_reviewer(reviewer)
    if kind not in KINDS:
        raise ReviewError(f"kind must be one of {', '.join(KINDS)}")
    if qualifier and qualifier not in QUALIFIERS:
        raise ReviewError(f"qualifier must be one of {', '.join(QUALIFIERS)} or empty")
    if figure_text:
        if kind == "statement" or value is None:
            raise ReviewError("a figure needs its kind and value")
    elif kind != "statement":
        raise ReviewError("name the figure in the sentence, or add the claim as a statement")
    return reviews.add_manual_claim(store, sentence_id, reviewer, kind, _blank_to_none(subject), figure_text or None,
                                    None if value is None else float(value), _blank_to_none(unit), qualifier or None)
