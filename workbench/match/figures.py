"""Do two figures agree? Comparison of normalised quantities, and the words used to compare what they are about.

A figure is read as an interval: "at least 20" is [20, ∞), "about 500" is [450, 550], "nearly 24 lakh" is
[21.6 lakh, 24 lakh], "between 10 and 15" is [10, 15], and a plain figure is what it says give or take half
a unit of its last written digit ("7.54 million" is 7.535 to 7.545 million; "53,000" is 52,500 to 53,500).
A source's figure agrees with a claim's when one rounds to the other or what the source states lies within
what the claim allows (and near its bound: "more than 400,000" is not 4.8 million), conflicts when the two
share no value, and is merely compatible otherwise (see :func:`judge`). Figures are comparable when they are
of the same kind in units that are the same or convert (km and miles, years and months, soldiers and troops,
people who died and deaths). A relative duration ("seven years" before a 2025 article) is also a date
("2018"), and a fraction ("two-thirds") a percentage. Dates are compared as periods of days: "3 August 2023"
conflicts with "8 August 2023", "June 2020" agrees with "15 June 2020".

Whether the two figures are about the same thing is :mod:`workbench.match.frames`'s question.
"""
from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import metadata

import snowballstemmer

from workbench.claims import Claim, Quantity
from workbench.match import lexicon
from workbench.nlp.names import DEMONYMS
from workbench.nlp.periods import from_iso

#: Verbs (lemmas) that make a count of people a death toll: "300 people died" meets "300 deaths".
DEATH_VERBS = {"die", "kill", "perish", "drown", "murder", "slay", "execute", "shoot", "claim", "death", "killing",
               "execution", "life", "neutralise", "neutralize"}  # security forces "neutralised" militants
#: Measures converted to one base unit per dimension, so "3 km" meets "3,000 metres".
CONVERSIONS = {
    "km": ("length", 1000.0), "m": ("length", 1.0), "cm": ("length", 0.01), "mm": ("length", 0.001),
    "mi": ("length", 1609.344), "ft": ("length", 0.3048), "in": ("length", 0.0254),
    "km2": ("area", 1e6), "m2": ("area", 1.0), "mi2": ("area", 2.589988e6), "ha": ("area", 1e4),
    "acre": ("area", 4046.856),
    "kg": ("mass", 1.0), "g": ("mass", 0.001), "mg": ("mass", 1e-6), "t": ("mass", 1000.0), "lb": ("mass", 0.4536),
    "l": ("volume", 1.0), "gal": ("volume", 3.785),
    "kW": ("power", 1e3), "MW": ("power", 1e6), "GW": ("power", 1e9),
    "kWh": ("energy", 1e3), "MWh": ("energy", 1e6), "GWh": ("energy", 1e9), "TWh": ("energy", 1e12),
    "mph": ("speed", 0.44704), "km/h": ("speed", 0.27778), "kn": ("speed", 0.51444),
}
DURATION_DAYS = {"year": 365.25, "month": 30.44, "week": 7.0, "day": 1.0, "hour": 1 / 24, "minute": 1 / 1440,
                 "second": 1 / 86400}
_UNIT_GROUPS = lexicon.groups()

#: Relative tolerance of a figure stored without its written precision: reported numbers are rounded.
ROUNDING = 0.01
#: "about", "roughly", "around": ±10%; "nearly", "almost": up to 10% below.
ABOUT = 0.10
#: A figure written to a step of at least this share of it ("6.8 million": 1.5%) is "about" only
#: within :data:`ABOUT_STEPS` of its steps.
COARSE_STEP = 0.01
ABOUT_STEPS = 3
#: Half a unit of the last written digit, a hair less, so that 2.3 and 2.4 do not touch.
HALF_STEP = 0.499
#: A bound as newsrooms write it is a round figure near the count: "more than 400,000" people are not 4.8
#: million, "up to 90 mph" is not 30. A stated figure beyond this many times the bound (above a lower
#: bound, below an upper one) is compatible with it, never what it says.
BOUND_REACH = 2.0


def implied_date(quantity: Quantity) -> Quantity | None:
    """A relative duration as the date it implies: "seven years" before 2025 → 2018, give or take the
    year that counting in whole years rounds away; "over 30 years" before 2020 → before 1990."""
    if quantity.kind == "date":
        return quantity
    if quantity.kind == "duration" and quantity.implied:
        return replace(quantity, kind="date", unit="year", value=float(quantity.implied[:4]), value_max=None,
                       qualifier=quantity.implied_qualifier or "about", iso=quantity.implied, step=None)
    return None


IMPLIED_BOUNDS = {"at_most": "{} or earlier", "less_than": "{} or earlier", "up_to": "{} or earlier",
                  "at_least": "{} or later", "more_than": "{} or later", "about": "around {}"}


def implied_text(implied: str, qualifier: str | None, start: bool = False) -> str:
    """The date a duration implies, in words: "around 2018" (a whole count of years), "1990 or earlier";
    "began 1990 or earlier" when it is when a lasting state began."""
    words = IMPLIED_BOUNDS.get(qualifier or "about", "{}").format(implied)
    return f"began {words}" if start else words


def canonical_unit(unit: str | None) -> str | None:
    """A count's noun with its synonyms merged ("troop" → "soldier", "position" → "employee")."""
    if unit is None:
        return None
    return _UNIT_GROUPS.get(unit, unit)


def counted(quantity: Quantity, predicate: str | None = None) -> str | None:
    """What a count counts: its canonical noun, except that people who died are counted as deaths."""
    unit = canonical_unit(quantity.unit)
    verb = (predicate or "").split()[-1:] or [""]
    if unit in ("person", "soldier", "child", "civilian", "employee", "student") and verb[0] in DEATH_VERBS or \
            unit in ("person", "soldier", "child", "civilian") and verb[0] == "lose":  # "China lost four soldiers"
        return "death"
    return unit


def dimension(quantity: Quantity, predicate: str | None = None) -> str | None:
    """What a figure's unit measures, so that units that convert share it."""
    if quantity.kind == "count":
        return counted(quantity, predicate)
    if quantity.kind == "duration":
        return "duration"
    if quantity.kind == "measure" and quantity.unit in CONVERSIONS:
        return CONVERSIONS[quantity.unit][0]
    return canonical_unit(quantity.unit)


def factor(quantity: Quantity) -> float:
    """The multiplier from the figure's unit to its dimension's base unit."""
    if quantity.kind == "duration":
        return DURATION_DAYS.get(quantity.unit or "", 1.0)
    if quantity.kind == "measure" and quantity.unit in CONVERSIONS:
        return CONVERSIONS[quantity.unit][1]
    return 1.0


def comparable(a: Claim, b: Claim) -> bool:
    """Do the two figures measure the same kind of thing in units that can be compared?"""
    if a.quantity.kind != b.quantity.kind:
        return False
    if a.quantity.kind == "count" and (a.quantity.unit is None or b.quantity.unit is None):
        return True  # "rose to 20" has no noun; the frame decides
    return dimension(a.quantity, a.predicate) == dimension(b.quantity, b.predicate)


def interval(quantity: Quantity) -> tuple[float, float]:
    """The values a figure allows, in its dimension's base unit."""
    scale = factor(quantity)
    value = quantity.value * scale
    if quantity.kind in ("date", "rank"):
        slack = 0.0
    elif quantity.step:
        slack = quantity.step * scale * HALF_STEP
    else:
        slack = abs(value) * ROUNDING
    if quantity.value_max is not None:
        return value - slack, quantity.value_max * scale + slack
    qualifier = quantity.qualifier
    if qualifier in ("at_least", "more_than"):  # a rounded "30" may still be "over 30": the boundary is allowed
        return value, math.inf
    # "up to 93 mph" and "at most 93" allow what rounds to 93 ("81 knots", 93.2 mph), as a plain 93 does
    if qualifier == "less_than":
        return -math.inf, value
    if qualifier == "at_most":
        return -math.inf, value + slack
    if qualifier == "up_to":
        return min(0.0, value), value + slack
    if qualifier in ("about", "nearly"):
        about_slack = 1.0 if quantity.kind == "date" else max(abs(value) * ABOUT, slack)
        step = (quantity.step or 0.0) * scale
        # a step of one is any whole number's, which says nothing of how round "500" is
        if quantity.kind != "date" and quantity.step != 1.0 and step >= abs(value) * COARSE_STEP:
            # "around 6.8 million" is about 6.8, not 6.28: a few of its written steps, not a tenth of it
            about_slack = min(about_slack, ABOUT_STEPS * step)
        return value - about_slack, value + (about_slack if qualifier == "about" else slack)
    return value - slack, value + slack


AGREES, CONFLICTS, COMPATIBLE = "agrees", "conflicts", "compatible"


def _stated(quantity: Quantity, low: float, high: float) -> float:
    return quantity.value * factor(quantity) if quantity.value_max is None else (low + high) / 2


def _is_point(quantity: Quantity) -> bool:
    return quantity.value_max is None and quantity.qualifier in (None, "exactly")


def judge(claim: Quantity, source: Quantity) -> str:
    """What a source's figure says of a claim's (both comparable):

    - ``agrees``: what the source states lies within what the claim allows ("at least 20" ← "20", "more
      than 30" ← "at least 35", "about 500" ← "480"; a bound within :data:`BOUND_REACH` of the figure), or
      one rounds to the other ("1.2 billion" and "1.24 billion");
    - ``conflicts``: they allow no value in common ("four" ← "at least 45"; June 2020 ← February 2020);
    - ``compatible``: they overlap without the source establishing the claim ("over 300" ← "over 210",
      "12" ← "between 10 and 15", "more than 400,000" ← "4.8 million").
    """
    if claim.kind == "date" and claim.iso and source.iso and claim.qualifier is None and source.qualifier is None:
        return _judge_periods(claim.iso, source.iso)
    claim_low, claim_high = interval(claim)
    source_low, source_high = interval(source)
    if not (claim_low <= source_high and source_low <= claim_high):
        return CONFLICTS
    within, near = _within_the_claim(claim, (claim_low, claim_high), source, (source_low, source_high))
    if within:
        return AGREES if near else COMPATIBLE
    if _is_point(claim) and _is_point(source) and source_low <= _stated(claim, claim_low, claim_high) <= source_high:
        return AGREES  # the source is the rounder of the two
    return COMPATIBLE


def beyond_the_bound(claim: Quantity, source: Quantity) -> bool:
    """Is the source's figure one the claim's bound allows but too far from it to be what it says
    (:data:`BOUND_REACH`: "more than 400,000" against 4.8 million)?"""
    within, near = _within_the_claim(claim, interval(claim), source, interval(source))
    return within and not near


def _within_the_claim(claim: Quantity, claim_allows: tuple[float, float], source: Quantity,
                      source_allows: tuple[float, float]) -> tuple[bool, bool]:
    """Does what the source states (its value, or all it allows when it is open-ended: "at least 300") lie
    within what the claim allows (both :func:`interval`), and is it near the claim's bound if it gives one?"""
    (claim_low, claim_high), (source_low, source_high) = claim_allows, source_allows
    if math.isinf(source_low) or math.isinf(source_high):
        low, high = source_low, source_high
    else:
        low = high = _stated(source, source_low, source_high)
    if not (claim_low <= low and high <= claim_high):
        return False, False
    return True, _near_the_bound(claim, claim_low, claim_high, low, high)


def _near_the_bound(claim: Quantity, claim_low: float, claim_high: float, low: float, high: float) -> bool:
    """Is what a source states (``low`` to ``high``) within :data:`BOUND_REACH` of the bound the claim gives, if
    it gives one? Dates are not scales: "over 30 years" implies "1990 or earlier", met by any earlier year."""
    if claim.kind == "date":
        return True
    if math.isinf(claim_high) and claim_low > 0:
        return low <= claim_low * BOUND_REACH
    if claim.qualifier in ("less_than", "at_most", "up_to") and claim_high > 0:
        return high >= claim_high / BOUND_REACH
    return True


def _judge_periods(claim_iso: str, source_iso: str) -> str:
    """Dates as periods: apart → conflicts; the source's within the claim's → agrees ("June 2020" ← "15 June
    2020"); a source less precise than the claim ("June 2020" ← "2020") does not establish it."""
    claim, source = from_iso(claim_iso), from_iso(source_iso)
    if claim is None or source is None:
        return COMPATIBLE
    if not claim.overlaps(source):
        return CONFLICTS
    return AGREES if claim.start <= source.start and source.end <= claim.end else COMPATIBLE


def as_percent(quantity: Quantity) -> Quantity:
    """A fraction ("two-thirds", "one in five", "half of") as the percentage it is, roughly."""
    if quantity.kind != "ratio" or quantity.value > 1:
        return quantity
    return replace(quantity, kind="percent", unit="percent", value=quantity.value * 100,
                   value_max=None if quantity.value_max is None else quantity.value_max * 100,
                   qualifier=quantity.qualifier or "about", step=None)


# Not frozen, for speed: see workbench.match.frames.FrameCheck.
@dataclass(slots=True)
class FigureComparison:
    """A claim's figure against one figure of a passage, each with what it is about (a :class:`Claim`);
    ``mine`` and ``theirs`` are the figures as compared (a duration as the date it implies, a fraction as a
    percentage) and ``verdict`` is :func:`judge`'s on their values."""

    claim: Claim
    other: Claim
    mine: Quantity
    theirs: Quantity
    verdict: str

    @property
    def agrees(self) -> bool:
        return self.verdict == AGREES

    @property
    def conflicts(self) -> bool:
        return self.verdict == CONFLICTS


#: Where one sentence of a passage ends and the next begins.
_SENTENCE_BREAK = re.compile(r"[.;!?]\s+(?=[\"'‘“(]?[A-Z0-9₹$£€])|\n")


def _passes_on(time: str, role: str | None) -> bool:
    """Does a figure's time hold for the figures after it that say none? Not the time of the level a change
    started from ("down from 78.5 percent in 2020"), nor a day, which dates an event and not the figures that
    hold after it ("a 25% duty took effect on 27 August 2025 ... bring US tariffs on many Indian imports to
    50%")."""
    return role != "baseline" and not (len(time) == 10 and "/" not in time)


def passage_times(figures: tuple[Claim, ...], times_before: Iterable[dict] = ()) -> tuple[Claim, ...]:
    """A passage's figures, in order, each that says no time taking the time of the last figure before it, in
    an earlier sentence, whose time holds for it (:func:`_passes_on`; ``times_before``: the times the figures
    of the passage before this one say, each with its role): a bulletin says its month once ("... for the
    month of January 2024 is 5.10%. Corresponding inflation rates for rural and urban areas are 5.34% and
    4.92%"), and its later figures are that month's, not the weeks before the bulletin's date. Within one
    sentence the reading of the figure's own clause stands."""
    inherited = next((said["time"] for said in reversed(list(times_before))
                      if _passes_on(said["time"], said["role"])), None)
    read, last = [], None
    for claim in figures:
        quantity = claim.quantity
        if quantity is None or quantity.kind == "date":
            read.append(claim)
            continue
        if quantity.time is None and last is not None and _SENTENCE_BREAK.search(
                claim.sentence.text, last.end - claim.sentence.start, max(quantity.start - claim.sentence.start, 0)):
            claim = replace(claim, quantity=replace(quantity, time=last.time))
        elif quantity.time is None and last is None and inherited is not None:
            claim = replace(claim, quantity=replace(quantity, time=inherited))
        if quantity.time is not None and _passes_on(quantity.time, quantity.role):
            last = quantity
        read.append(claim)
    return tuple(read)


def compare(claim: Claim, others: list[Claim]) -> list[FigureComparison]:
    """Every comparable pairing of the claim's figure with the passage's figures (dates via implied dates,
    fractions against percentages)."""
    pairs = []
    mine = claim.quantity
    for other in others:
        theirs = other.quantity
        if {mine.kind, theirs.kind} == {"percent", "ratio"}:
            mine_percent, theirs_percent = as_percent(mine), as_percent(theirs)
            if mine_percent.kind == theirs_percent.kind == "percent":
                pairs.append(FigureComparison(claim, other, mine_percent, theirs_percent,
                                              judge(mine_percent, theirs_percent)))
            continue
        if comparable(claim, other):
            changes = as_changes(claim, other)
            if changes is not None:
                pairs.append(FigureComparison(*changes, judge(changes[2], changes[3])))
            else:
                pairs.append(FigureComparison(claim, other, mine, theirs, judge(mine, theirs)))
            continue
        mine_date, theirs_date = implied_date(mine), implied_date(theirs)
        if mine_date is not None and theirs_date is not None:
            pairs.append(FigureComparison(claim, other, mine_date, theirs_date, judge(mine_date, theirs_date)))
    return pairs


#: A percentage level of these is a rate of change: "inflation eased to 3.4%" is prices up 3.4% on a year
#: earlier, "regular pay growth slowed to 5.6%" is regular pay up 5.6%.
_RATE = re.compile(r"\b(?:inflation|growth)\b", re.IGNORECASE)
#: Inflation is the change of consumer prices, as news and statistics offices use the word ("UK inflation",
#: "retail inflation", "CPI inflation"), unless it names other prices ("wholesale", "producer", "food").
_INFLATION = re.compile(r"\b(?:(?:consumer|retail|cpi|headline)\s+)?(?:prices?\s+)?inflation\b", re.IGNORECASE)
_OTHER_PRICES = re.compile(r"\b(?:wholesale|producer|wpi|ppi|food|house|housing|services|goods|core)\b", re.IGNORECASE)
_PRICE_INFLATION = re.compile(r"\b(?:prices?\s+)?inflation\b", re.IGNORECASE)
_GROWTH = re.compile(r"\bgrowth\b", re.IGNORECASE)
#: A rate "excluding food and energy prices" is core inflation, a variant of the headline rate.
_EXCLUDING = re.compile(r"\bexclud(?:ing|es?)\b|\bex-", re.IGNORECASE)
#: The months over which a change is read as a rate is: a year.
RATE_MONTHS = 12


def rate_of_change(claim: Claim) -> str | None:
    """What a percentage level that is a rate of change measures the change of ("UK inflation" → "UK consumer
    prices", "wholesale inflation" → "wholesale prices", "Regular pay growth" → "Regular pay"; a rate whose
    sentence excludes something is a core rate), or None when it is not one."""
    quantity = claim.quantity
    if quantity is None or quantity.kind != "percent" or quantity.role is not None:
        return None
    text = next((text for text in (claim.frame.measure, claim.subject) if text and _RATE.search(text)), None)
    if text is None:
        return None
    if _OTHER_PRICES.search(text):
        text = _PRICE_INFLATION.sub("prices", text)
    else:
        text = _INFLATION.sub("consumer prices", text)
    if _EXCLUDING.search(claim.sentence.text):
        text = f"core {text}"
    return " ".join(_GROWTH.sub("", text).split())


def as_changes(claim: Claim, other: Claim) -> tuple[Claim, Claim, Quantity, Quantity] | None:
    """A rate of change given as a level against a change (either way round), both as the changes they are:
    the rate's figure measures the change of what changes (:func:`rate_of_change`), and neither says which
    way: a rate that "slowed to 3.4%" is still prices up 3.4%, and "rose by 3.4%" says nothing of whether
    the rate slowed. A change over the year to a month ("rose by 3.4% in the 12 months to May") is that
    month's rate. None when the two are not such a pair."""
    for rate, change, swapped in ((claim, other, False), (other, claim, True)):
        measure = rate_of_change(rate)
        if measure is None or change.quantity.role != "change":
            continue
        rate = replace(rate, frame=replace(rate.frame, measure=measure or None))
        window = from_iso(change.quantity.time)
        yearly = window is not None and window.start.day == 1 and window.calendar_months() == RATE_MONTHS
        time = window.end.isoformat()[:7] if yearly else change.quantity.time
        rate_figure = replace(rate.quantity, role="change", direction=None)
        change_figure = replace(change.quantity, direction=None, time=time)
        if swapped:
            return change, rate, change_figure, rate_figure
        return rate, change, rate_figure, change_figure
    return None


# -- what a text is about ------------------------------------------------------------------------

STOP_WORDS = frozenset("""
a an the of in on at to for from by with and or but nor as is are was were be been being has have had do
does did this that these those it its their his her they them he she we you i our your which who whom
whose what when where why how than then there here also not no so such into over under about after
before between during through while said says say according would could should may might will shall can
just more most some any each other both only own same very s t
""".split())
TITLE_WORDS = frozenset("""
mr mrs ms dr prime minister president chief secretary general king queen prince governor senator
chairman ceo spokesman spokeswoman spokesperson official officials leader deputy
""".split())
GENERIC_WORDS = {"person", "peopl"}
#: Words of entity names that say nothing about which one: "the Ministry", "the Army".
GENERIC_ENTITY_WORDS = {"ministri", "armi", "govern", "state", "nation", "unit", "republ", "depart", "offic",
                        "agenc", "parti", "court", "council", "bank", "compani", "group", "new", "north", "south",
                        "east", "west", "central"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*|\d[\d.,]*")


_STEMMER = snowballstemmer.stemmer("english")
_SYNONYM_STEMS = {_STEMMER.stemWord(k): _STEMMER.stemWord(v)
                  for k, v in {**DEMONYMS, **lexicon.groups()}.items()}


#: The canonical word of every synonym group, normalised: the measures and events the lexicon knows.
KNOWN_WORDS = frozenset(_SYNONYM_STEMS.values())


#: Endings of a hyphenated word that only say "of": "opioid-related deaths" are opioid deaths.
_OF_ENDINGS = ("-related", "-linked", "-associated")


@lru_cache(maxsize=200_000)
def normalise_word(word: str) -> str:
    """Lowercased, stemmed (Snowball English), then mapped to its synonym group: enough to compare words."""
    word = word.lower().strip("'-").replace("'s", "").replace("’s", "")
    for ending in _OF_ENDINGS:
        word = word.removesuffix(ending)
    stem = _STEMMER.stemWord(word)
    return _SYNONYM_STEMS.get(stem, stem)


@lru_cache(maxsize=100_000)
def content_words(text: str | None) -> frozenset[str]:
    """The words of a text that carry meaning, normalised (:func:`normalise_word`), with multi-word names
    read as one (:func:`workbench.match.lexicon.rewrite`). Cached: matching asks for the same texts often."""
    if not text:
        return frozenset()
    return frozenset(normalise_word(w) for w in _WORD.findall(lexicon.rewrite(text)) if w.lower() not in STOP_WORDS)


def reading_fingerprint() -> str:
    """What :func:`content_words` makes of a text depends on: the lexicon's names and groups, the stop words,
    the word pattern and the stemmer's. The passage index stores every passage's words as read by these, and
    is rebuilt when they change."""
    parts = (sorted(lexicon.PHRASES.items()), sorted(_SYNONYM_STEMS.items()), sorted(STOP_WORDS), _OF_ENDINGS,
             _WORD.pattern, metadata.version("snowballstemmer"))
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:12]


#: Changes whenever the words read from a text would.
READING = reading_fingerprint()


@lru_cache(maxsize=20_000)
def subject_keys(subject: str | None, unit: str | None = None) -> tuple[tuple[str, ...], str | None]:
    """The words of a subject that must appear for a passage to be about the same thing, and the word
    for what a count counts (``unit``). When that is more specific than "people" (a death toll counts
    deaths), the generic word of the subject gives way to it."""
    words = [normalise_word(w) for w in _WORD.findall(subject or "") if w.lower() not in STOP_WORDS
             and w.lower() not in TITLE_WORDS and not w[0].isdigit()]
    counted_word = normalise_word(canonical_unit(unit)) if unit else None
    if counted_word:
        words = [w for w in words if w != counted_word and (w not in GENERIC_WORDS or counted_word in GENERIC_WORDS)]
    return tuple(dict.fromkeys(words)), counted_word


def key_words(subject: str | None, unit: str | None = None) -> tuple[str, ...]:
    words, counted_word = subject_keys(subject, unit)
    return (*words, counted_word) if counted_word else words


def subject_overlap(subject: str | None, unit: str | None, passage_words: set[str]) -> float:
    """The share of the subject's key words that the passage uses (1.0 when the subject is unknown)."""
    keys = key_words(subject, unit)
    if not keys:
        return 1.0
    return sum(1 for k in keys if k in passage_words) / len(keys)


def entity_overlap(entities: tuple[str, ...], passage_words: set[str]) -> float | None:
    """The share of the claim's named entities the passage names ("Nepal", "Narendra Modi" by "Modi",
    "Chinese" by "China"); None when the claim names none."""
    named = [words for words in (content_words(entity) - GENERIC_ENTITY_WORDS for entity in entities) if words]
    if not named:
        return None
    return sum(1 for words in named if len(words & passage_words) * 2 >= len(words)) / len(named)
