"""Plain data for what extraction produces: quantities, claims and the segments of a text.

These are the values that flow between the spaCy components, the store, the matcher and the
CLI; ``to_json`` gives the contract's JSON shape.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Protocol

KINDS: tuple[str, ...] = ("count", "duration", "percent", "money", "date", "ratio", "measure", "rank", "statement")
QUALIFIERS: tuple[str, ...] = ("at_least", "more_than", "at_most", "less_than", "about", "nearly", "up_to",
                               "exactly")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure in a text, normalised: ``text[start:end]`` is the span; ``value`` a plain number.

    The one figure type: the extractor produces it, the store persists it, the matcher compares it.
    """

    text: str
    start: int
    end: int
    value: float
    unit: str | None
    kind: str
    value_max: float | None = None
    qualifier: str | None = None
    iso: str | None = None  # ISO 8601 (partial) date, for kind == "date"
    implied: str | None = None  # the date a relative duration points at ("seven years ago" → "2018")
    implied_qualifier: str | None = None  # how that date is bounded ("over 30 years" ago → "less_than")
    implied_start: bool = False  # that date is when a lasting state began ("has ruled for 20 years")
    direction: str | None = None  # "up" / "down": the change the figure reports ("shrank 3.4%" → down)
    #: What the figure is to its measure: "change", the amount it changed by ("rose 5%"); "baseline", the
    #: level it changed from ("up from 4.1%"); "whole", what a part is counted out of ("29 of the state's 35
    #: districts"); None for a plain level ("rose to 4.2%", "was 72%").
    role: str | None = None
    time: str | None = None  # the time the figure is for, as its sentence says (ISO date or interval)
    step: float | None = None  # the precision it is written to ("7.54 million" → 10000), in its unit

    def shifted(self, offset: int) -> Quantity:
        """The same quantity with offsets moved by ``offset`` (chunk → whole text)."""
        return replace(self, start=self.start + offset, end=self.end + offset)

    def to_json(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "value_max": self.value_max,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "iso": self.iso,
            "implied": self.implied,
            "implied_qualifier": self.implied_qualifier,
            "implied_start": self.implied_start,
            "direction": self.direction,
            "role": self.role,
            "time": self.time,
            "step": self.step,
        }


@dataclass(frozen=True, slots=True)
class Frame:
    """What a figure is about, read from its own clause: the measured thing ("net profit", "relief camps"),
    whose it is (companies, parties, people: ``actors``) and where (countries, states, cities: ``places``),
    and whether the clause is hedged. Names elsewhere in the sentence are not part of it."""

    measure: str | None = None
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    hedged: bool = False  # the figure's own clause is a forecast, plan or possibility ("is expected to")

    def to_json(self) -> dict:
        return {"measure": self.measure, "actors": list(self.actors), "places": list(self.places),
                "hedged": self.hedged}


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int


class Segment(Protocol):
    """What a text is stored as, a stretch at a time: an article's sentence or a source's passage, scored
    and with the names in it. The pipeline's sentences and ingest's passages both have this shape."""

    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def checkworthiness(self) -> float: ...
    @property
    def actors(self) -> tuple[str, ...]: ...
    @property
    def places(self) -> tuple[str, ...]: ...


@dataclass(frozen=True, slots=True)
class Claim:
    """One checkable statement: a figure with its context, or a check-worthy sentence without one."""

    sentence: Sentence
    kind: str
    quantity: Quantity | None = None
    frame: Frame = Frame()
    subject: str | None = None
    predicate: str | None = None
    time: str | None = None
    attribution: str | None = None
    #: who the attribution is by spaCy's entities: "person" (PERSON), "organization" (ORG, GPE, NORP), or None
    attribution_kind: str | None = None
    hedged: bool = False
    checkworthiness: float = 0.0
    entities: tuple[str, ...] = ()  # named places, people, organisations and nationalities in the sentence

    def shifted(self, offset: int) -> Claim:
        if not offset:
            return self
        s = self.sentence
        return replace(
            self,
            sentence=Sentence(s.text, s.start + offset, s.end + offset),
            quantity=self.quantity.shifted(offset) if self.quantity else None,
        )

    def to_json(self) -> dict:
        """The contract's JSON object for ``workbench extract``."""
        return {
            "sentence": asdict(self.sentence),
            "kind": self.kind,
            "quantity": self.quantity.to_json() if self.quantity else None,
            "frame": self.frame.to_json(),
            "subject": self.subject,
            "predicate": self.predicate,
            "time": self.time,
            "attribution": self.attribution,
            "attribution_kind": self.attribution_kind,
            "hedged": self.hedged,
            "checkworthiness": round(self.checkworthiness, 4),
            "entities": list(self.entities),
        }
