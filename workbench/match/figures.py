"""Do two figures agree? Pure comparison of normalised quantities, and of what they are about.

A figure is read as an interval: "at least 20" is [20, ∞), "about 500" is [450, 550], "between 10
and 15" is [10, 15], a plain "4" is 4 give or take rounding. A source's figure agrees with a claim's
when what it states lies within what the claim allows, conflicts when the two share no value, and is
merely compatible otherwise (see :func:`judge`). Figures are comparable when they measure the same
thing: the same kind, and units that are the same or convert (km and miles, years and months,
soldiers and troops). A relative duration ("seven years" before a 2025 article) is also a date
("2018"), so it can meet a source's "in June 2018".
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

#: Count nouns that name the same thing, mapped to one canonical word.
UNIT_SYNONYMS = {
    "troop": "soldier", "serviceman": "soldier", "servicemen": "soldier", "personnel": "soldier",
    "trooper": "soldier", "people": "person", "individual": "person", "resident": "person", "citizen": "person",
    "inhabitant": "person", "fatality": "death", "casualty": "death", "dead": "death", "victim": "death",
    "die": "death", "kill": "death", "life": "death", "lives": "death",
    "worker": "employee", "staff": "employee", "job": "employee", "flight": "flight", "plane": "aircraft",
    "jet": "aircraft", "kid": "child", "children": "child", "vote": "ballot", "pupil": "student",
    "automobile": "car", "vehicle": "car",
}
#: Verbs (lemmas) that make a count of people a death toll: "300 people died" meets "300 deaths".
DEATH_VERBS = {"die", "kill", "perish", "drown", "murder", "slay", "execute", "shoot", "claim", "death", "killing",
               "execution"}
#: Nationality words mapped to their country, so "Chinese troops" meets "China's soldiers".
DEMONYMS = {
    "chinese": "china", "indian": "india", "american": "us", "russian": "russia", "pakistani": "pakistan",
    "british": "uk", "french": "france", "german": "germany", "japanese": "japan", "brazilian": "brazil",
    "ukrainian": "ukraine", "israeli": "israel", "iranian": "iran", "turkish": "turkey", "korean": "korea",
    "australian": "australia", "canadian": "canada", "mexican": "mexico", "italian": "italy", "spanish": "spain",
    "european": "europe", "african": "africa", "asian": "asia", "nepali": "nepal", "nepalese": "nepal",
    "bangladeshi": "bangladesh", "afghan": "afghanistan", "tibetan": "tibet", "saudi": "saudi",
    "sudanese": "sudan", "somali": "somalia", "syrian": "syria", "iraqi": "iraq", "yemeni": "yemen",
    "palestinian": "palestine", "lebanese": "lebanon", "ethiopian": "ethiopia", "nigerian": "nigeria",
    "kenyan": "kenya", "egyptian": "egypt", "sri lankan": "sri lanka", "burmese": "myanmar", "vietnamese": "vietnam",
    "filipino": "philippines", "indonesian": "indonesia", "thai": "thailand", "malaysian": "malaysia",
    "polish": "poland", "dutch": "netherlands", "greek": "greece", "swedish": "sweden", "haitian": "haiti",
}
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
#: Relative tolerance of a figure given without a qualifier: reported numbers are rounded.
ROUNDING = 0.01
#: "about", "nearly", "roughly": ±10%.
ABOUT = 0.10


@dataclass(frozen=True)
class Figure:
    """The comparable part of a quantity."""

    kind: str
    unit: str | None
    value: float
    value_max: float | None = None
    qualifier: str | None = None
    implied: str | None = None
    implied_qualifier: str | None = None
    implied_start: bool = False
    iso: str | None = None
    text: str = ""
    predicate: str | None = None

    @classmethod
    def of(cls, quantity) -> Figure:
        """From a :class:`workbench.claims.Quantity` or a mapping with the same fields."""
        get = quantity.get if isinstance(quantity, dict) else lambda k, d=None: getattr(quantity, k, d)
        return cls(kind=get("kind"), unit=get("unit"), value=float(get("value")),
                   value_max=None if get("value_max") is None else float(get("value_max")),
                   qualifier=get("qualifier"), implied=get("implied"), implied_qualifier=get("implied_qualifier"),
                   implied_start=bool(get("implied_start")), iso=get("iso"), text=get("text") or "",
                   predicate=get("predicate"))

    def as_date(self) -> Figure | None:
        """A relative duration as the date it implies: "seven years" before 2025 → 2018, give or take the
        year that counting in whole years rounds away; "over 30 years" before 2020 → before 1990."""
        if self.kind == "date":
            return self
        if self.kind == "duration" and self.implied:
            return Figure("date", "year", float(self.implied[:4]), qualifier=self.implied_qualifier or "about",
                          implied=self.implied, implied_qualifier=self.implied_qualifier,
                          implied_start=self.implied_start, iso=self.implied, text=self.text,
                          predicate=self.predicate)
        return None


IMPLIED_BOUNDS = {"at_most": "{} or earlier", "less_than": "{} or earlier", "up_to": "{} or earlier",
                  "at_least": "{} or later", "more_than": "{} or later", "about": "around {}"}


def implied_text(implied: str, qualifier: str | None, start: bool = False) -> str:
    """The date a duration implies, in words: "around 2018" (a whole count of years), "1990 or earlier";
    "began 1990 or earlier" when it is when a lasting state began."""
    words = IMPLIED_BOUNDS.get(qualifier or "about", "{}").format(implied)
    return f"began {words}" if start else words


def canonical_unit(unit: str | None) -> str | None:
    if unit is None:
        return None
    return UNIT_SYNONYMS.get(unit, unit)


def counted(figure: Figure) -> str | None:
    """What a count counts: its canonical noun, except that people who died are counted as deaths."""
    unit = canonical_unit(figure.unit)
    verb = (figure.predicate or "").split()[-1:] or [""]
    if unit in ("person", "soldier", "child", "civilian", "employee", "student") and verb[0] in DEATH_VERBS:
        return "death"
    return unit


def _scale(figure: Figure) -> tuple[str | None, float]:
    """(dimension, factor to the base unit) used to compare units that convert."""
    if figure.kind == "count":
        return counted(figure), 1.0
    if figure.kind == "duration":
        return "duration", DURATION_DAYS.get(figure.unit or "", 1.0)
    if figure.kind == "measure" and figure.unit in CONVERSIONS:
        return CONVERSIONS[figure.unit]
    return canonical_unit(figure.unit), 1.0


def comparable(a: Figure, b: Figure) -> bool:
    """Do the two figures measure the same kind of thing in units that can be compared?"""
    if a.kind != b.kind:
        return False
    if a.kind == "count" and (a.unit is None or b.unit is None):
        return True  # "rose to 20" has no noun; the subject test decides
    return _scale(a)[0] == _scale(b)[0]


def interval(figure: Figure) -> tuple[float, float]:
    """The values a figure allows, in its dimension's base unit."""
    _, factor = _scale(figure)
    value = figure.value * factor
    if figure.value_max is not None:
        return value, figure.value_max * factor
    exact_slack = 0.0 if figure.kind in ("date", "rank") else abs(value) * ROUNDING
    about_slack = 1.0 if figure.kind == "date" else abs(value) * ABOUT
    return {
        "at_least": (value, math.inf),
        "more_than": (value, math.inf),  # a rounded "30" may still be "over 30": the boundary is allowed
        "at_most": (-math.inf, value),
        "less_than": (-math.inf, value),
        "about": (value - about_slack, value + about_slack),
        "up_to": (min(0.0, value), value),
    }.get(figure.qualifier or "", (value - exact_slack, value + exact_slack))


AGREES, CONFLICTS, COMPATIBLE = "agrees", "conflicts", "compatible"


def judge(claim: Figure, source: Figure) -> str:
    """What a source's figure says of a claim's (both comparable):

    - ``agrees``: what the source states lies within what the claim allows ("at least 20" ← "20",
      "more than 30" ← "at least 300", "about 500" ← "480");
    - ``conflicts``: they allow no value in common ("four" ← "at least 45"; June 2020 ← February 2020);
    - ``compatible``: they overlap without the source establishing the claim ("over 300" ← "over 210",
      "12" ← "between 10 and 15").
    """
    claim_low, claim_high = interval(claim)
    source_low, source_high = interval(source)
    if not (claim_low <= source_high and source_low <= claim_high):
        return CONFLICTS
    if claim.kind == "date" and claim.iso and source.iso and len(claim.iso) >= 7 and len(source.iso) >= 7 and \
            claim.qualifier is None and source.qualifier is None and claim.iso[:7] != source.iso[:7]:
        return CONFLICTS
    if math.isinf(source_low) or math.isinf(source_high):
        return AGREES if claim_low <= source_low and source_high <= claim_high else COMPATIBLE
    _, factor = _scale(source)
    stated = source.value * factor if source.value_max is None else (source_low + source_high) / 2
    return AGREES if claim_low <= stated <= claim_high else COMPATIBLE


@dataclass(frozen=True)
class FigureComparison:
    """How a claim's figure stands against one figure of a passage: ``verdict`` is one of :func:`judge`'s."""

    claim: Figure
    other: Figure
    verdict: str

    @property
    def agrees(self) -> bool:
        return self.verdict == AGREES

    @property
    def conflicts(self) -> bool:
        return self.verdict == CONFLICTS


def as_percent(figure: Figure) -> Figure:
    """A fraction ("two-thirds", "one in five", "half of") as the percentage it is, roughly."""
    if figure.kind != "ratio" or figure.value > 1:
        return figure
    return Figure("percent", "percent", figure.value * 100,
                  None if figure.value_max is None else figure.value_max * 100,
                  figure.qualifier or "about", text=figure.text)


def compare(claim: Figure, others: list[Figure]) -> list[FigureComparison]:
    """Every comparable pairing of the claim's figure with the passage's figures (dates via implied dates,
    fractions against percentages)."""
    pairs = []
    for other in others:
        if {claim.kind, other.kind} == {"percent", "ratio"}:
            claim_percent, other_percent = as_percent(claim), as_percent(other)
            if comparable(claim_percent, other_percent):
                pairs.append(FigureComparison(claim_percent, other_percent, judge(claim_percent, other_percent)))
            continue
        if comparable(claim, other):
            pairs.append(FigureComparison(claim, other, judge(claim, other)))
            continue
        claim_date, other_date = claim.as_date(), other.as_date()
        if claim_date is not None and other_date is not None:
            pairs.append(FigureComparison(claim_date, other_date, judge(claim_date, other_date)))
    return pairs


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
_SYNONYM_STEMS = {_STEMMER.stemWord(k): _STEMMER.stemWord(v) for k, v in {**UNIT_SYNONYMS, **DEMONYMS}.items()}


@lru_cache(maxsize=200_000)
def normalise_word(word: str) -> str:
    """Lowercased, stemmed (Snowball English), then mapped to its synonym group: enough to compare words."""
    stem = _STEMMER.stemWord(word.lower().strip("'-").replace("'s", "").replace("’s", ""))
    return _SYNONYM_STEMS.get(stem, stem)


def content_words(text: str | None) -> set[str]:
    if not text:
        return set()
    return {normalise_word(w) for w in _WORD.findall(text) if w.lower() not in STOP_WORDS}


def subject_keys(subject: str | None, unit: str | None = None) -> tuple[list[str], str | None]:
    """The words of a subject that must appear for a passage to be about the same thing, and the word
    for what a count counts (``unit``). When that is more specific than "people" (a death toll counts
    deaths), the generic word of the subject gives way to it."""
    words = [normalise_word(w) for w in _WORD.findall(subject or "") if w.lower() not in STOP_WORDS
             and w.lower() not in TITLE_WORDS and not w[0].isdigit()]
    counted_word = normalise_word(canonical_unit(unit)) if unit else None
    if counted_word:
        words = [w for w in words if w != counted_word and (w not in GENERIC_WORDS or counted_word in GENERIC_WORDS)]
    return list(dict.fromkeys(words)), counted_word


def key_words(subject: str | None, unit: str | None = None) -> list[str]:
    words, counted_word = subject_keys(subject, unit)
    return words + [counted_word] if counted_word else words


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


def same_subject(subject: str | None, unit: str | None, passage_words: set[str]) -> bool:
    """A short subject must be there whole ("Chinese troops"), a long one mostly ("Indian Prime Minister
    Narendra Modi" by "Narendra Modi"), and what a count counts always ("deaths" for a death toll)."""
    words, counted_word = subject_keys(subject, unit)
    if counted_word and counted_word not in passage_words:
        return False
    if not words:
        return True
    needed = 1.0 if len(words) <= 2 else 0.6
    return sum(1 for w in words if w in passage_words) / len(words) >= needed - 1e-9
