"""Figures in words a person reads: "₹1,200 crore (₹12 bn)", "≥ 20 soldiers", "down 3.4%", "15 June 2020".

The one place a normalised :class:`~workbench.claims.Quantity` (or a ``claims_v`` row) becomes text for a
page or a why line. Numbers carry no float noise ("20", not "20.0"), keep the precision they were written
to (``step``), and group their digits; money is in crore and lakh when it was written that way, else in
m, bn and tn; a count's noun agrees with its number; a date is read from its ISO form.
"""
from __future__ import annotations

import calendar
import math

from workbench.claims import Quantity

#: Qualifiers in words, for forms and filters.
QUALIFIER_LABELS = {"at_least": "at least", "more_than": "more than", "at_most": "at most", "less_than": "less than",
                    "about": "about", "nearly": "nearly", "up_to": "up to", "exactly": "exactly"}
#: Qualifiers as they prefix a figure: the bounds as signs, the rest in words.
QUALIFIER_PREFIXES = {**QUALIFIER_LABELS, "at_least": "≥", "more_than": ">", "at_most": "≤", "less_than": "<"}
#: Claim kinds in words.
KIND_LABELS = {"count": "count", "duration": "duration", "percent": "percentage", "money": "money", "date": "date",
               "ratio": "ratio", "measure": "measure", "rank": "rank", "statement": "statement (no figure)"}
CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "INR": "₹", "JPY": "¥"}
#: Scales for money as the world writes it, and as India does (when the figure was written that way).
MONEY_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"))
INDIAN_SCALES = ((1e7, "crore"), (1e5, "lakh"))
INDIAN_WORDS = ("crore", "lakh", "cr", "lac")
#: Scales for large counts and measures.
NUMBER_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
UNIT_SYMBOLS = {"percent": "%", "degC": "°C", "degF": "°F", "km2": "km²", "m2": "m²", "mi2": "sq mi"}
IRREGULAR_PLURALS = {"person": "people", "child": "children", "man": "men", "woman": "women", "foot": "feet",
                     "mouse": "mice", "sheep": "sheep", "fish": "fish", "deer": "deer", "police": "police"}
RANGE_DASH = "–"


def decimals(value: float, step: float | None = None) -> int:
    """How many decimals ``value`` is written to: those of its precision ``step``, else at most two (more for
    a value smaller than that)."""
    places = 2 if not step else min(max(0, -math.floor(math.log10(step) + 1e-9)), 6)
    if value and abs(value) < 10 ** -places:
        places = min(-math.floor(math.log10(abs(value))) + 1, 6)
    return places


def number(value: float, step: float | None = None) -> str:
    """``value`` with grouped digits and the decimals its precision needs: 53000 → "53,000", 2.50 → "2.5"."""
    places = decimals(value, step)
    text = f"{round(value, places):,.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def plural(noun: str, count: float | None) -> str:
    """A count's noun agreeing with its number: ("soldier", 1) → "soldier", ("soldier", 20) → "soldiers"."""
    if count == 1 or not noun or not noun[-1].isalpha() or noun.endswith("s") and not noun.endswith("ss"):
        return noun
    *head, last = noun.split(" ")
    if last in IRREGULAR_PLURALS:
        last = IRREGULAR_PLURALS[last]
    elif last.endswith(("s", "x", "z", "ch", "sh")):
        last += "es"
    elif last.endswith("y") and last[-2:-1] not in tuple("aeiou"):
        last = last[:-1] + "ies"
    else:
        last += "s"
    return " ".join([*head, last])


def _scaled(values: list[float], step: float | None, scales: tuple[tuple[float, str], ...],
            joiner: str = " ") -> str:
    """Numbers (one, or a range's two) in the largest scale the smaller reaches: "1.2 bn", "10–15 million"."""
    smallest = min(abs(v) for v in values)
    for size, word in scales:
        if smallest >= size:
            scaled_step = step / size if step else None
            return RANGE_DASH.join(number(v / size, scaled_step) for v in values) + joiner + word
    return RANGE_DASH.join(number(v, step) for v in values)


def _indian(quantity: Quantity) -> bool:
    words = quantity.text.lower().replace(".", " ").replace("-", " ").split()
    return any(word in INDIAN_WORDS or word.rstrip("s") in INDIAN_WORDS for word in words) or \
        any(word[-2:] == "cr" and word[:-2].replace(",", "").isdigit() for word in words)


def _money(values: list[float], quantity: Quantity) -> str:
    code = quantity.unit or ""
    symbol = CURRENCY_SYMBOLS.get(code, f"{code} " if code else "")
    world = symbol + _scaled(values, quantity.step, MONEY_SCALES)
    if code == "INR" and _indian(quantity):
        indian = symbol + _scaled(values, quantity.step, INDIAN_SCALES)
        if indian != world:
            return f"{indian} ({world})"
    return world


def _date(quantity: Quantity) -> str:
    iso = quantity.iso or ""
    first, _, last = iso.partition("/")
    if len(first) == len(last) == 7 and first[:4] == last[:4]:
        start, end = int(first[5:7]), int(last[5:7])
        if end - start == 2 and start % 3 == 1:
            return f"Q{start // 3 + 1} {first[:4]}"
        return f"{calendar.month_name[start]}{RANGE_DASH}{calendar.month_name[end]} {first[:4]}"
    if last:
        return f"{_iso_date(first)}{RANGE_DASH}{_iso_date(last)}"
    return _iso_date(first) if first else quantity.text or number(quantity.value)


def _iso_date(iso: str) -> str:
    """"2020" → "2020", "2020-06" → "June 2020", "2020-06-15" → "15 June 2020"."""
    if len(iso) >= 10 and iso[5:7].isdigit() and iso[8:10].isdigit():
        return f"{int(iso[8:10])} {calendar.month_name[int(iso[5:7])]} {iso[:4]}"
    if len(iso) == 7 and iso[5:7].isdigit():
        return f"{calendar.month_name[int(iso[5:7])]} {iso[:4]}"
    return iso


def _clock(seconds: float, step: float | None) -> str:
    """A time in seconds as results write it: "2:05:12", "3:26.34"."""
    places = decimals(seconds, step) if step and step < 1 else 0
    hours, rest = divmod(round(seconds, places), 3600)
    minutes, rest = divmod(rest, 60)
    width = 3 + places if places else 2
    clock = f"{int(minutes)}:{rest:0{width}.{places}f}"
    return f"{int(hours)}:{clock.zfill(len(clock) + 1) if minutes < 10 else clock}" if hours else clock


def _amount(quantity: Quantity) -> str:
    """The figure without its qualifier or direction."""
    values = [quantity.value] + ([quantity.value_max] if quantity.value_max is not None else [])
    kind, unit = quantity.kind, quantity.unit
    if kind == "date":
        return _date(quantity)
    if kind == "money":
        return _money(values, quantity)
    if kind == "ratio" or unit in ("time", "times"):
        return RANGE_DASH.join(number(v, quantity.step) for v in values) + "×"
    if kind == "rank":
        return RANGE_DASH.join(f"No. {number(v)}" for v in values)
    if kind == "duration" and unit == "second" and values[0] >= 60:
        return RANGE_DASH.join(_clock(v, quantity.step) for v in values)
    if unit == "magnitude":
        return f"magnitude {RANGE_DASH.join(number(v, quantity.step) for v in values)}"
    if unit in UNIT_SYMBOLS:
        return RANGE_DASH.join(number(v, quantity.step) for v in values) + UNIT_SYMBOLS[unit]
    scales = INDIAN_SCALES if _indian(quantity) else NUMBER_SCALES
    amount = _scaled(values, quantity.step, scales)
    if not unit:
        return amount
    if kind in ("count", "duration"):
        unit = plural(unit, values[-1])
    return f"{amount} {unit}"


def figure_text(quantity: Quantity) -> str:
    """A figure as a person reads it: qualifier, amount and unit, and the change it reports ("down 3.4%"),
    or the level a change reached ("4.2% (rising)")."""
    text = _amount(quantity)
    if quantity.qualifier in QUALIFIER_PREFIXES:
        text = f"{QUALIFIER_PREFIXES[quantity.qualifier]} {text}"
    if quantity.direction and quantity.role == "change":
        return f"{quantity.direction} {text}"
    if quantity.direction:
        return f"{text} ({'rising' if quantity.direction == 'up' else 'falling'})"
    return text


def row_figure_text(row: dict) -> str | None:
    """The figure of a ``claims_v`` row (its reading, corrections applied), or None for a claim without one."""
    if row.get("value") is None or row.get("kind") == "statement":
        return None
    return figure_text(Quantity(
        text=row.get("quantity") or "", start=0, end=0, value=row["value"], unit=row.get("unit"), kind=row["kind"],
        value_max=row.get("value_max"), qualifier=row.get("qualifier"), iso=row.get("iso"),
        direction=row.get("direction"), role=row.get("role"), step=row.get("step")))
