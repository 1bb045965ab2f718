"""Reading figures off a parsed Doc: number cores grown into figures with their kind and unit.

A *core* is a bare number: digits ("1,234.5", "2.5bn", "19.5pc"), number words ("forty-two
thousand", "two and a half"), or "a dozen"/"a decade". A core grows into a :class:`Figure` with what
is written around it: a qualifier, a sign and a currency before it; a range, a percent sign, a
currency word, a time unit, a measure unit or the noun it counts after it. Two complete figures
joined by "and"/"to"/"or"/"-" become one range ("between $4.1 billion and $4.3 billion"), and in
"from 17 to 6 percent" the first takes the second's unit. Figures that are not claims (parts of
names, idioms, list markers) are dropped by :mod:`workbench.nlp.not_claims`.

spaCy's tags, parse and entities are evidence here, not the answer: the small model calls
"Forty-two thousand" a DATE and "7.5 per cent" MONEY.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from workbench.nlp import numbers as N
from workbench.nlp.frames import CHANGE_VERBS
from workbench.nlp.syntax import SCALE_ABBREVIATIONS

# Multi-word qualifiers, matched right before the figure (longest first).
QUALIFIERS: dict[tuple[str, ...], str] = {}
for _words, _qualifier in [
    ("at least|no fewer than|no less than|not less than|a minimum of", "at_least"),
    ("more than|over|above|in excess of|upwards of|just over|greater than|exceeding|well over", "more_than"),
    ("at most|no more than|not more than|a maximum of", "at_most"),
    ("less than|fewer than|under|below|short of", "less_than"),
    ("nearly|almost|just under|just below|just short of|a little under|a shade under|not quite", "nearly"),
    (("about|around|roughly|approximately|some|close to|an estimated|estimated|approx|"
      "approx.|circa|c.|~|an approximate|almost exactly|just about"), "about"),
    ("up to|as many as|as much as|as high as|as long as", "up_to"),
    ("exactly|precisely|a full|fully", "exactly"),
]:
    for _phrase in _words.split("|"):
        QUALIFIERS[tuple(_phrase.split())] = _qualifier
MAX_QUALIFIER_TOKENS = max(len(k) for k in QUALIFIERS)

# Words before a 4-digit number that make it a year.
YEAR_CUES = {"in", "since", "by", "until", "till", "from", "of", "during", "before", "after", "early", "late",
             "mid", "mid-", "the", "to", "through", "and", "between", "year", "fiscal", "on", "for",
             "around", "circa", "spring", "summer", "autumn", "fall", "winter", "pre", "post", "end", "start"}
# Plural nouns a year may modify: "the 2024 elections", "the 2028 Olympics".
YEAR_NOUNS = {"elections", "olympics", "games", "polls", "finals", "levels", "accords", "talks", "protests", "riots",
              "floods", "results", "rules", "figures", "estimates", "accounts", "sales", "earnings"}
# Nouns an ordinal ranks ("sixth title", "third place"); a "first" outside them is not a rank.
RANK_NOUNS = {"title", "place", "position", "term", "win", "victory", "consecutive", "straight", "time", "spot",
              "largest", "biggest", "highest", "lowest", "richest", "most", "best", "worst", "seed", "round",
              "championship", "medal", "gold", "successive", "row", "ranked", "rank", "largest-ever", "final",
              "finals", "tournament", "season", "album", "book", "film", "child", "attempt", "try", "goal"}
# After an ordinal, words that make it a rank among others: "4th in manufacturing", "third among".
RANK_FOLLOWERS = {"in", "among", "out", "overall", "worldwide", "globally", "nationally"}
# Ordinals naming a part of a period, not a rank: "second half", "third quarter".
PERIOD_PARTS = {"half", "quarter", "quarters", "halves"}
# Comparatives after "N times" that make it a ratio ("three times as many", "twice higher").
RATIO_FOLLOWERS = {"as", "more", "higher", "larger", "bigger", "greater", "the", "that", "what", "faster",
                   "lower", "smaller", "fewer", "less", "over", "its", "their", "his", "her", "our"}
#: Words naming a stock index: its moves are counted in points ("the Sensex tanked 1,062 points").
INDEX_WORDS = {"sensex", "nifty", "dow", "nasdaq", "ftse", "index", "s&p", "nikkei", "kospi", "dax", "cac",
               "stoxx", "sti", "kse", "hang"}
COUNT_NOUN_SKIP = {"ADJ", "NUM", "PUNCT", "ADV"}
# Words for the members of a group, counted as the group when it is named with them ("Maoist cadres").
MEMBER_WORDS = {"cadre", "member", "fighter", "operative"}
ARMED_GROUPS = {"maoist", "naxal", "naxalite", "militant", "terrorist", "insurgent", "rebel", "jihadist"}
# Units written before their number: "magnitude 5.4".
LEADING_UNITS = {"magnitude": "magnitude"}
# Separators that join two figures into a range.
RANGE_SEPARATORS = {"-", "–", "—", "to", "and", "or"}
# Units glued to digits ("19.5pc", "0.67C", "150km"): the suffix as written → (kind, unit).
SUFFIX_UNITS = {"pc": ("percent", "percent"), "pct": ("percent", "percent"), "percent": ("percent", "percent"),
                "%": ("percent", "percent"), "C": ("measure", "degC"), "°C": ("measure", "degC"),
                "F": ("measure", "degF"), "°F": ("measure", "degF"), "yrs": ("duration", "year"),
                "x": ("ratio", "times")}
#: An Indian fiscal year by its closing year: "FY24" (2023-24), "FY2024", "FY2023" before "-24".
_FISCAL = re.compile(r"^FY'?(\d{2}|\d{4})$")
_DOTTED_DATE = re.compile(f"^{N.DOTTED_DATE}$")
_DAY_OF_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?", re.IGNORECASE)


def _day_of_month(text: str) -> int | None:
    """A day of a month as written: "24", or as India and Britain often write it, "24th" ("the 24th May, 2025")."""
    found = _DAY_OF_MONTH.fullmatch(text)
    day = int(found.group(1)) if found else 0
    return day if 1 <= day <= 31 else None


#: The kind of the tokens a reader consumed without finding a figure ("on 2 March" with no year known).
SKIPPED = "skipped"
#: Scales as the tokenizer leaves them at the end of a sentence ("£62m." is "£", "62", "m.").
SCALES_WITH_STOP = {f"{scale}." for scale in SCALE_ABBREVIATIONS}
#: Adjectives after "<number>m" that make it metres: "1.8m tall", "a 4m deep pit".
MEASURED_ADJECTIVES = {"tall", "high", "long", "wide", "deep", "thick", "away", "across", "below", "above"}
#: Words of a sentence that make a lone glued "m" millions ("the waiting list stood at 7.42m") or metres
#: ("a throw of 87.21m").
COUNTED_CONTEXT = {"list", "people", "patient", "customer", "household", "home", "viewer", "subscriber", "user",
                   "visitor", "passenger", "population", "voter", "member", "job", "claimant", "worker", "resident",
                   "tourist", "pathway", "download", "ticket", "follower", "migrant", "refugee", "child", "adult"}
LENGTH_CONTEXT = {"throw", "jump", "vault", "leap", "clear", "height", "high", "tall", "long", "length", "deep",
                  "depth", "wide", "width", "wave", "distance", "metre", "meter", "sea", "elevation", "altitude",
                  "dive", "javelin", "discus", "hammer", "shot", "swim", "race", "sprint", "hurdle", "relay", "run"}
#: Nouns after "TB" that make it tuberculosis ("26,07,044 TB cases"), not terabytes.
TUBERCULOSIS_NOUNS = {"case", "cases", "patient", "patients", "death", "deaths", "infection", "infections",
                      "notification", "notifications", "test", "tests", "survivor", "survivors"}
#: Race distances written with a glued "m": metres, not millions.
RACE_DISTANCES = {"60", "100", "110", "200", "400", "800", "1500", "3000", "5000", "10000"}
#: What results tables write after a mark: a national, personal, season's, world, championship, area or meeting
#: record, a world lead ("90.23m NR": metres).
RECORD_MARKS = {"NR", "PB", "SB", "WR", "CR", "WL", "AR", "ER", "MR", "OR", "WB", "NB"}
#: Lemmas that read better as units than spaCy's own: "people" counts persons, "taxes" are not "taxis".
UNIT_LEMMAS = {"people": "person", "persons": "person", "folks": "person", "children": "child", "taxes": "tax",
               "taxis": "tax"}

#: Words a figure can start with (besides anything with a digit): number words, "a dozen", "half",
#: "No. 1", multiples, months (also as AP style abbreviates them: "Dec.", "Sept.") and ordinals.
STARTING_WORDS = (set(N.UNITS_WORDS) | set(N.TENS_WORDS) | set(N.MULTIPLES) | set(N.MONTHS) | set(N.ORDINALS)
                  | {f"{month}." for month in N.MONTHS if len(month) <= 4}
                  | {"a", "an", "half", "no", "number", "hundred", "thousand", "million", "billion", "dozen"})

_NUMBER_SUFFIX = re.compile(r"^([+-]?\d[\d,]*(?:\.\d+)?)([A-Za-z°%]+(?:\^?[23])?)$")  # "150km", "4km^2"
#: Words after which "from ... to ..." is a range, not a change.
RANGE_VERBS = {"range", "ranges", "ranged", "ranging", "vary", "varies", "varied", "varying", "anywhere"}
#: A currency code written against the digits: "USD34.6", "INR2,500".
_CODE_NUMBER = re.compile(r"^([A-Z]{3})(\d[\d,]*(?:\.\d+)?)$")
#: A scale in capitals glued to the digits after a currency symbol: "$2.174T", "€10B".
_CAPITAL_SCALE = re.compile(r"^(\d[\d,]*(?:\.\d+)?)(K|M|B|T|BN|Bn|bn|mn|tn)\.?$")
CAPITAL_SCALES = {"k": 1e3, "m": 1e6, "b": 1e9, "bn": 1e9, "mn": 1e6, "t": 1e12, "tn": 1e12}
_TOKEN_RANGE = re.compile(r"^(\d[\d,]*(?:\.\d+)?)[-–]([$€£₹]?)(\d[\d,]*(?:\.\d+)?)$")


@dataclass
class Figure:
    """A figure found in token indices; becomes a :class:`workbench.claims.Quantity` in the component."""

    start: int
    end: int
    value: float
    kind: str
    unit: str | None = None
    value_max: float | None = None
    qualifier: str | None = None
    iso: str | None = None
    noun: int | None = None  # token index of the counted/qualified noun
    scale: float = 1.0  # the multiplier of its scale words, shared with the other end of a range


@dataclass
class Core:
    """A bare number: tokens [start, end), its value and how it was written."""

    start: int
    end: int
    value: float
    words: bool  # spelled out rather than digits
    scale: float = 1.0  # the multiplier of its scale words ("1.5 million" → 1e6)
    suffix: str | None = None  # a unit written against the digits ("pc" in "19.5pc")
    high: float | None = None  # the upper end of a range written in one token ("25-$40")
    currency: str | None = None  # a currency code written against the digits ("USD34.6")
    leading_unit: str | None = None  # a unit written before the digits in the same token ("magnitude-4.8")

    @property
    def scaled(self) -> bool:
        return self.scale != 1.0


def unit_lemma(token: Token) -> str:
    """The unit of a count: the counted noun's lemma, lowercased; hyphenated nouns whole ("e-mail");
    people named by their nationality ("8.9 million Sudanese", "300 Afghans") are persons."""
    doc = token.doc
    if token.ent_type_ == "NORP" and token.text[:1].isupper() and token.tag_ in ("NNPS", "NNS", "NNP"):
        return "person"
    if token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and not token.whitespace_ and \
            not doc[token.i + 1].whitespace_ and doc[token.i + 2].is_alpha:
        return f"{token.lower_}-{doc[token.i + 2].lemma_.lower()}"
    lemma = token.lemma_.lower()
    if lemma in MEMBER_WORDS:  # "14 Maoist cadres": Maoists, counted by the group they belong to
        group = next((child.lower_.removesuffix("s") for child in token.lefts if child.dep_ in ("compound", "amod")
                      and child.lower_.removesuffix("s") in ARMED_GROUPS), None)
        if group:
            return group
    return UNIT_LEMMAS.get(token.lower_, UNIT_LEMMAS.get(lemma, lemma))


def mistagged_noun(token: Token) -> bool:
    """A plural noun the tagger took for a verb, which the parser still treats as a noun ("80 seats")."""
    return token.pos_ == "VERB" and token.tag_ in ("NNS", "VBZ") and token.dep_ in ("pobj", "dobj", "nsubj",
                                                                                  "nsubjpass", "attr")


def participle_before_a_noun(token: Token) -> bool:
    """A participle used as an adjective of the counted noun ("1,476 confirmed measles cases", "900 displaced
    families"), which the tagger calls a verb."""
    return token.tag_ in ("VBN", "VBG") and token.dep_ == "amod" and token.head.i > token.i


class QuantityScanner:
    """Reads the figures of one Doc. Stateless between docs; one instance per call."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.n = len(doc)
        # Read once: every rule looks at lowercased text. A scale that ends a sentence keeps its full stop
        # as one token ("totalled £62m."): read without it.
        self.lows = [token.lower_.rstrip(".") if token.lower_ in SCALES_WITH_STOP and i and not
                     doc[i - 1].whitespace_ and doc[i - 1].text[-1:].isdigit() else token.lower_
                     for i, token in enumerate(doc)]

    # -- token helpers ---------------------------------------------------------------------------

    def low(self, i: int) -> str:
        return self.lows[i] if 0 <= i < self.n else ""

    def could_start(self, i: int) -> bool:
        """Can a figure start at token i? Most tokens cannot, and are passed over at once."""
        low = self.lows[i]
        return low in STARTING_WORDS or any(ch.isdigit() or ch in N.VULGAR_FRACTIONS for ch in low)

    def glued(self, i: int) -> bool:
        """True when token i is written against token i+1 (no space between)."""
        return 0 <= i < self.n and not self.doc[i].whitespace_

    def same_sentence(self, i: int, j: int) -> bool:
        return 0 <= i < self.n and 0 <= j < self.n and self.doc[i].sent.start == self.doc[j].sent.start

    # -- the scan --------------------------------------------------------------------------------

    def figures(self) -> list[Figure]:
        """Every figure read, left to right, including those that are not claims
        (:mod:`workbench.nlp.not_claims` tells them apart)."""
        found: list[Figure] = []
        i = 0
        while i < self.n:
            figure = self.figure_at(i)
            if figure is None:
                i += 1
                continue
            if figure.kind == SKIPPED:
                i = figure.end  # read, and known not to be a figure
                continue
            figure = self.join_next(figure)
            self.read_accounting_negative(figure, found[-1] if found else None)
            self.read_level_unit(figure, found)
            found.append(figure)
            i = max(figure.end, i + 1)
        return found

    def read_level_unit(self, figure: Figure, found: list[Figure]) -> None:
        """"fell by 52,000 cases to 7.54 million", "fell 475 points, or 1.3%, to 37,266": a bare level a
        change reached counts what the change counted, the nearest figure before it in its sentence with a
        unit other than a percentage."""
        before = self.low(figure.start - 1)
        reached = before == "to" or before == "at" and self.low(figure.start - 2) in ("close", "closed", "end",
                                                                                    "ended", "settle", "settled")
        if not reached or figure.kind != "count" or figure.unit is not None or figure.noun is not None:
            return
        for earlier in reversed(found[-3:]):
            if not self.same_sentence(earlier.start, figure.start) or figure.start - earlier.end > 8:
                return
            if earlier.kind in ("count", "measure") and earlier.unit is not None:
                figure.kind, figure.unit = earlier.kind, earlier.unit
                return

    def read_accounting_negative(self, figure: Figure, previous: Figure | None) -> None:
        """"The annual revenue is ($99.99)": a sum in brackets against its digits is a loss, where the brackets
        stand alone after a verb; after another figure they hold its conversion ("Rs 500 crore ($60m)")."""
        start, end = figure.start, figure.end
        if figure.kind != "money" or figure.value_max is not None or not 1 <= start < self.n - 1 or \
                self.low(start - 1) != "(" or self.low(end) != ")" or not self.glued(start - 1) or \
                not self.glued(end - 1) or previous is not None and previous.end >= start - 1:
            return
        before = self.doc[start - 2] if start >= 2 else None
        if before is None or not (before.lemma_.lower() == "be" or before.lower_ in (":", "of", "=")):
            return
        figure.value, figure.start, figure.end = -figure.value, start - 1, end + 1

    def figure_at(self, i: int) -> Figure | None:
        if not self.could_start(i):
            return None
        for reader in (self.read_date, self.read_fiscal_year, self.read_multiple, self.read_fraction,
                       self.read_ordinal, self.read_decade, self.read_race_time):
            figure = reader(i)
            if figure is not None:
                return figure
        core = self.read_core(i)
        return self.grow(core) if core is not None else None

    # -- number cores ----------------------------------------------------------------------------

    def read_core(self, i: int) -> Core | None:
        """The number that starts at token i, with its scale words, or None."""
        core = self.read_digits(i) or self.read_words(i)
        if core is None:
            return None
        # "two and a half years", "a billion and a half"
        denominator = N.fraction_denominator(self.low(core.end + 2))
        if self.low(core.end) == "and" and self.low(core.end + 1) == "a" and denominator and \
                not self.low(core.end + 2).endswith("s"):
            part = 1 / denominator  # "two and a third"
            core.value += part * core.scale
            core.end += 3
            if core.scale == 1.0 and self.low(core.end) in N.SCALES and self.low(core.end) != "hundred":
                core.scale = N.SCALES[self.low(core.end)]  # "one and a half billion dollars"
                core.value *= core.scale
                core.end += 1
        return core

    def read_digits(self, i: int) -> Core | None:
        text = self.doc[i].text
        value = N.parse_digits(text)
        suffix = high = currency = None
        coded = _CODE_NUMBER.match(text) if value is None else None
        if coded and N.currency_prefix(coded.group(1)):
            currency, text = N.currency_prefix(coded.group(1)), coded.group(2)
            value = N.parse_digits(text)
        unit_first = text.lower().partition("-") if value is None else ("", "", "")
        leading_unit = LEADING_UNITS.get(unit_first[0]) if unit_first[1] else None
        if leading_unit:
            text = unit_first[2]
            value = N.parse_digits(text)
        if value is None and text.endswith("-") and self.low(i + 1) in ("to", "or", "and"):
            value = N.parse_digits(text[:-1])  # "8- to 16-meter": the unit is written once, after the second
            text = text[:-1]
        capital = _CAPITAL_SCALE.match(text) if value is None and i and N.currency_prefix(self.doc[i - 1].text) \
            else None
        if capital and N.parse_digits(capital.group(1)) is not None:  # "$2.174T.", "€10B"
            text = capital.group(1)
            value = N.parse_digits(text) * CAPITAL_SCALES[capital.group(2).lower()]
        if value is None:
            ranged = _TOKEN_RANGE.match(text)
            glued_unit = _NUMBER_SUFFIX.match(text)
            if ranged:
                value, high = N.parse_digits(ranged.group(1)), N.parse_digits(ranged.group(3))
            elif glued_unit:
                value, suffix = N.parse_digits(glued_unit.group(1)), glued_unit.group(2)
                if value is not None and suffix.lower() in N.SCALES:
                    value, suffix = value * N.SCALES[suffix.lower()], None  # "20million"
                elif value is not None and suffix == "L" and i and N.currency_prefix(self.doc[i - 1].text) == "INR":
                    value, suffix = value * N.SCALES["lakh"], None  # "Rs 15L": lakh, not litres
            if value is None:
                return None
        base = N.parse_digits(text.rstrip("kKmMbBnNtTrR")) if suffix is None and high is None else value
        end = i + 1
        if suffix is None and high is None and text.isdigit() and len(text) <= 3 and self.spaced_thousands(i):
            value = float(text + self.doc[i + 1].text)  # "10 000 dollars": thousands set off by a space
            base, end = value, i + 2
        elif suffix is None and high is None and value == int(value) and value >= 0 and i + 1 < self.n and \
                not self.glued(i) and N.is_fraction(self.doc[i + 1].text) and text.isdigit():
            value += N.parse_digits(self.doc[i + 1].text)  # "2 1/2 in", "10 1/2 miles"
            base, end = value, i + 2
        scales: list[str] = []
        if self.low(end) == "-" and self.glued(end - 1) and self.glued(end) and self.low(end + 1) in N.SCALES:
            end += 1  # "$20-billion"
        while end < self.n and self.is_scale(end):
            scales.append(self.low(end))
            end += 1
            if self.low(end) == "-" and self.glued(end - 1) and self.glued(end) and self.is_scale(end + 1):
                end += 1  # "₹5 lakh-crore"
        scaled = N.apply_scale(value, scales)
        scale = scaled / base if base else 1.0
        return Core(i, end, scaled, words=False, scale=scale, suffix=suffix,
                    high=None if high is None else high * scale, currency=currency, leading_unit=leading_unit)

    def qualified(self, i: int) -> bool:
        """Is token i preceded by a qualifier ("more than", "nearly")?"""
        return any(tuple(self.low(k) for k in range(i - size, i)) in QUALIFIERS
                   for size in range(MAX_QUALIFIER_TOKENS, 0, -1) if i - size >= 0)

    def spaced_thousands(self, i: int) -> bool:
        """"10 000 dollars": a group of three digits after a space, and a currency word after it."""
        following = self.doc[i + 1].text if i + 1 < self.n else ""
        return len(following) == 3 and following.isdigit() and not self.glued(i) and \
            bool(N.currency_word(self.low(i + 2)))

    def read_words(self, i: int) -> Core | None:
        low = self.low(i)
        if low in ("a", "an"):
            following = self.low(i + 1)
            if following == "dozen":
                return Core(i, i + 2, 12.0, words=True)
            if following in ("decade", "century", "millennium") or following in N.TIME_UNITS and self.qualified(i):
                return Core(i, i + 1, 1.0, words=True)  # "a decade", "more than a year" (not "$80 a year")
            if following == "couple" and self.low(i + 2) in N.SCALE_WORDS:
                scale = N.SCALES[self.low(i + 2)]
                return Core(i, i + 3, 2.0 * scale, words=True, scale=scale)  # "a couple hundred"
            if following in N.SCALE_WORDS:
                end = i + 1
                scales = []
                while end < self.n and self.low(end) in N.SCALES:
                    scales.append(self.low(end))
                    end += 1
                scale = N.apply_scale(1.0, scales)
                rest = self.read_words(end + 1) if self.low(end) == "and" and end + 1 < self.n else None
                if rest is not None and rest.value < scale and not rest.scaled:
                    return Core(i, rest.end, scale + rest.value, words=True)  # "a hundred and two"
                return Core(i, end, scale, words=True, scale=scale)
            return None
        if not N.is_number_word(low) or low in N.SCALE_WORDS:
            return None
        words = [low]
        end = i + 1
        while end < self.n:
            following = self.low(end)
            if N.is_number_word(following):
                words.append(following)
                end += 1
            elif following == "-" and self.glued(end - 1) and self.glued(end) and words[-1] in N.TENS_WORDS \
                    and self.low(end + 1) in N.UNITS_WORDS:
                end += 1
            elif following == "and" and words[-1] in ("hundred", "thousand", "million") and \
                    N.is_number_word(self.low(end + 1)) and self.low(end + 1) not in N.SCALES:
                words.append(following)
                end += 1
            else:
                break
        value = N.parse_words(words)
        if value is None:
            return None
        # "one million" scales a word number; "a hundred and five" is a plain one.
        scale = N.apply_scale(1.0, [w for w in words[1:] if w in N.SCALES and w != "hundred"])
        return Core(i, end, value, words=True, scale=scale)

    def is_scale(self, i: int) -> bool:
        """A scale word after digits: "1.5 million", "11.1 lakh crore", "3.5m" (glued)."""
        low = self.low(i)
        if low not in N.SCALES or low in ("hundreds", "thousands", "millions", "billions"):
            return False
        if low in ("m", "k", "b"):
            # "3.5m people" and "$2m" are millions; "89.45m" on its own and "100m" races are metres;
            # "8,848 m" with a space is metres; "3M" is a company.
            if not (self.glued(i - 1) and (self.doc[i].text.islower() or
                                           i >= 2 and N.currency_prefix(self.doc[i - 2].text))):
                return False  # "€10M" is ten million euros
            return low != "m" or self.millions(i)
        return True

    def millions(self, i: int) -> bool:
        """Is the "m" glued to the number at i-1 a million (money, or a count of something) or metres?"""
        number = self.doc[i - 1].text
        if i >= 2 and N.currency_prefix(self.doc[i - 2].text):
            return True
        following = self.doc[i + 1] if i + 1 < self.n else None
        if number.replace(",", "") in RACE_DISTANCES or self.low(i + 1) in MEASURED_ADJECTIVES or \
                following is not None and following.text in RECORD_MARKS:
            return False  # "100m final", "1.8m tall", "90.23m NR"
        if following is not None and following.pos_ in ("NOUN", "PROPN", "ADJ"):
            return following.lower_ not in ("world", "record", "final", "race", "sprint", "hurdles", "freestyle")
        # On its own ("stood at 7.42m", "threw 89.45m"): millions where its sentence counts people or things
        # and says nothing of lengths
        words = {token.lemma_.lower() for token in self.doc[i].sent}
        return bool(words & COUNTED_CONTEXT) and not words & LENGTH_CONTEXT

    # -- growing a core into a figure ------------------------------------------------------------

    def grow(self, core: Core) -> Figure | None:
        end, value_max = core.end, core.high
        if value_max is None:
            range_end = self.read_range(core)  # "between 10 and 15", "10-15", "two or three"
            if range_end is not None:
                value_max, end = range_end
        unit_at = core.start - 2 if self.low(core.start - 1) == "-" and self.glued(core.start - 2) else core.start - 1
        short_magnitude = self.magnitude_written_short(core, unit_at)
        if short_magnitude:  # "M 5.6 - 148 km W of Coos Bay": no range
            end, value_max = core.end, None
        figure = Figure(core.start, end, core.value, kind="count", value_max=value_max, scale=core.scale)
        # "a magnitude of 7.1"; "an aftershock of magnitude 5.4", "a magnitude-4.8 earthquake", "M 5.6": the unit
        # is written first
        unit_before_of = LEADING_UNITS.get(self.low(unit_at - 1)) if self.low(unit_at) == "of" else None
        leading_unit = core.leading_unit or LEADING_UNITS.get(self.low(unit_at)) or (
            "magnitude" if short_magnitude else None)
        if unit_before_of or leading_unit:
            figure.kind, figure.unit = "measure", unit_before_of or leading_unit
            if not unit_before_of:
                figure.start = core.start if core.leading_unit else unit_at
            self.read_left(figure)
            return figure
        self.read_left(figure)
        if core.currency:
            figure.kind, figure.unit = "money", core.currency
        if core.suffix is not None:
            return self.read_suffix(figure, core.suffix)
        if not self.read_unit(figure, core):
            return None
        return figure

    def magnitude_written_short(self, core: Core, unit_at: int) -> bool:
        """"M 5.6" as seismological agencies write a magnitude: a capital M just before a number below ten
        written with one decimal."""
        return 0 <= unit_at < self.n and self.doc[unit_at].text == "M" and core.leading_unit is None and \
            0 < core.value < 10 and re.fullmatch(r"\d\.\d", self.doc[core.start].text) is not None

    def read_suffix(self, figure: Figure, suffix: str) -> Figure | None:
        """A unit written against the digits: "19.5pc", "0.67C", "150km"; an unknown one ("5G") is no figure."""
        known = SUFFIX_UNITS.get(suffix) or SUFFIX_UNITS.get(suffix.lower())
        if known is None and (suffix.lower(),) in N.MEASURE_UNITS and suffix.lower() not in ("m", "g", "t", "l"):
            known = ("measure", N.MEASURE_UNITS[(suffix.lower(),)])
        if known is None:
            return None
        figure.kind, figure.unit = known
        return figure

    def read_range(self, core: Core) -> tuple[float, int] | None:
        """A range of bare numbers with the unit after both: "between 10 and 15 people", "10-15 arrests"."""
        i = core.end
        sep = self.low(i)
        if sep not in RANGE_SEPARATORS or not self.range_allowed(sep, core.start):
            return None
        if sep in ("-", "–") and not (self.glued(i - 1) and self.glued(i)) and core.words:
            return None
        second = self.read_core(i + 1) if i + 1 < self.n else None
        if second is None or second.words != core.words and sep in ("-", "–") or second.suffix:
            return None
        high = second.value
        # "between 1 and 2 million": the scale of the second end belongs to both.
        low_value = core.value * second.scale if second.scaled and not core.scaled else core.value
        if not high > low_value:
            return None  # "3-1" is a score, not a range
        core.value = low_value
        core.scale = second.scale
        return high, second.end

    def range_allowed(self, sep: str, start: int) -> bool:
        """"and" only after "between"; "to" not after "from" nor after a verb of change ("rose ₹450 to
        ₹72,350", "fell by 12 cents to $3.18": the change and the level it reached), unless the "from" is
        a range's own ("pay ranges from Rs 45,000 to Rs 1.42 lakh")."""
        if sep == "and":
            return "between" in (self.low(start - 1), self.low(start - 2), self.low(start))
        if sep == "to":
            before = start - 1
            while self.low(before) in ("by", "up", "down"):  # "edged down by 150,000 to 7.4 million"
                before -= 1
            if before >= 0 and self.doc[before].lemma_.lower() in CHANGE_VERBS:
                return False
            for k in (start - 1, start - 2, start - 3):
                if self.low(k) == "from":
                    return self.low(k - 1) in RANGE_VERBS
        return True

    def join_next(self, first: Figure) -> Figure:
        """Join a figure with the one after it when they form a range, or lend it their unit.

        "between $4.1 billion and $4.3 billion", "5.25% to 5.5%", "$7 or $8 trillion" are ranges; in
        "from 17 to 6 percent" the first figure takes the second's unit and both stay.
        """
        sep_at = first.end
        sep = self.low(sep_at)
        if sep not in RANGE_SEPARATORS or first.value_max is not None or sep_at + 1 >= self.n:
            return first
        if sep in ("-", "–", "—") and not (self.glued(sep_at - 1) and self.glued(sep_at)):
            return first
        if first.kind == "date":
            return self.join_years(first, sep_at)
        second = self.figure_at(sep_at + 1)
        if second is None and N.currency_prefix(self.doc[sep_at + 1].text) and sep_at + 2 < self.n:
            second = self.figure_at(sep_at + 2)  # "$7 or $8 trillion": the symbol is read with its number
        if second is None or second.qualifier or second.value_max is not None:
            return first
        bare = first.kind == "count" and first.noun is None and first.unit is None
        if not (bare or second.kind == first.kind and second.unit == first.unit):
            return first
        if bare and second.kind != "count":
            first.kind, first.unit = second.kind, second.unit
            if second.scale != 1 and first.scale == 1:
                first.value *= second.scale
                first.scale = second.scale
        if not self.range_allowed(sep, first.start) or sep == "to" and self.low(first.start - 1) == "by":
            return first  # "from 17 to 6 percent", "cut by 10 minutes to 40 minutes": a change; both stay
        low_value = first.value * second.scale if second.scale != 1 and first.scale == 1 else first.value
        if not second.value > low_value:
            low_value = first.value  # "Rs 45,000 to Rs 1.42 lakh": each end has its own scale
            if second.value < low_value and sep == "to" and self.low(first.start - 1) == "from" and \
                    self.low(first.start - 2) in RANGE_VERBS:  # "ranged from -18 °C to -34 °C"
                return Figure(first.start, second.end, second.value, kind=second.kind, unit=second.unit,
                              value_max=low_value, qualifier=first.qualifier, noun=second.noun or first.noun,
                              scale=second.scale)
            if not second.value > low_value:
                return first
        start = first.start - 1 if self.low(first.start - 1) == "between" else first.start
        return Figure(start, second.end, low_value, kind=second.kind, unit=second.unit, value_max=second.value,
                      qualifier=first.qualifier, noun=second.noun or first.noun, scale=second.scale)

    def join_years(self, first: Figure, sep_at: int) -> Figure:
        """"1969-70", "2019-2020": a range of years."""
        following = self.doc[sep_at + 1].text
        if not (following.isdigit() and self.glued(sep_at) and first.iso and len(first.iso) == 4):
            return first
        if len(following) == 2:
            high = float(int(first.value) // 100 * 100 + int(following))
        elif len(following) == 4:
            high = float(following)
        else:
            return first
        if not first.value < high <= first.value + 100:
            return first
        first.value_max, first.end = high, sep_at + 2
        return first

    def written_sign(self, i: int) -> tuple[str, int] | None:
        """A sign written before the number at token i, and how many tokens it takes: "minus 12", "negative
        3", and the sign India's official releases write in brackets, "(-) 2.04 per cent" ("(", "-", ")") or
        "(-)0.13%" ("(", "-)"), where a plain "-2.04" would be read as a dash."""
        if self.low(i - 1) in ("minus", "negative"):
            return "-", 1
        if self.low(i - 1) == ")" and self.low(i - 2) in ("-", "+", "−") and self.low(i - 3) == "(":
            return self.low(i - 2), 3
        if self.low(i - 1) in ("-)", "+)", "−)") and self.low(i - 2) == "(":
            return self.low(i - 1)[0], 2
        return None

    def read_left(self, figure: Figure) -> None:
        """Sign, currency symbol and qualifier written before the number."""
        i = figure.start
        if self.low(i - 1) == "between" and figure.value_max is not None:
            i -= 1
        sign = self.written_sign(i)
        if sign:
            i -= sign[1]
            if sign[0] != "+":
                figure.value = -figure.value
                if figure.value_max is not None:
                    figure.value_max = -figure.value_max
        currency = N.currency_prefix(self.doc[i - 1].text) if i > 0 else None
        if currency:
            if currency == "JPY" and self.doc[i - 1].text == "¥" and self.mentions_china():  # not an explicit "JPY"
                currency = "CNY"
            figure.kind, figure.unit, i = "money", currency, i - 1
        for size in range(MAX_QUALIFIER_TOKENS, 0, -1):
            words = tuple(self.low(k) for k in range(i - size, i))
            if i - size >= 0 and words in QUALIFIERS and self.same_sentence(i - size, figure.start):
                figure.qualifier = QUALIFIERS[words]
                i -= size
                break
        figure.start = i

    def mentions_china(self) -> bool:
        return any(t.lower_ in ("yuan", "china", "chinese", "beijing", "renminbi") for t in self.doc)

    def read_unit(self, figure: Figure, core: Core) -> bool:
        """What follows the number decides its kind. Returns False when the figure is not one."""
        i = figure.end
        low = self.low(i)
        if figure.kind == "money":
            if N.currency_word(self.low(figure.end)):
                figure.end += 1  # "$5 billion dollars", "Rs 500 crore rupees"
            return True
        if self.read_percent(figure, i):
            return True
        currency = self.currency_after(i, core)
        if currency:
            code, end, factor = currency
            figure.kind, figure.unit, figure.end = "money", code, end
            self.multiply(figure, factor)
            return True
        # Hyphenated compounds: "five-year", "6.2-magnitude", "10-fold", "45-year-old", "500-strong".
        if low == "-" and self.glued(i - 1) and self.glued(i) and i + 1 < self.n and \
                self.read_compound(figure, i + 1):
            return True
        if low in ("times", "fold"):
            if low == "fold" or self.low(i + 1) in RATIO_FOLLOWERS or figure.value != int(figure.value) or \
                    i + 1 < self.n and self.doc[i + 1].tag_ in ("JJR", "RBR"):
                figure.kind, figure.unit, figure.end = "ratio", "times", i + 1
                return True
            figure.unit, figure.end = "time", i + 1
            return True
        time_unit = N.TIME_UNITS.get(low)
        if time_unit:
            unit, multiplier = time_unit
            figure.kind, figure.unit, figure.end = "duration", unit, i + 1
            self.multiply(figure, multiplier)
            return True
        measure = self.measure_after(i)
        if measure:
            unit, end = measure
            figure.kind, figure.unit, figure.end = "measure", unit, end
            return True
        if low in ("in", "out") and self.read_proportion(figure, i):
            return True
        return self.read_counted(figure, core)

    @staticmethod
    def multiply(figure: Figure, factor: float) -> None:
        if factor != 1:
            figure.value *= factor
            if figure.value_max is not None:
                figure.value_max *= factor

    def read_percent(self, figure: Figure, i: int) -> bool:
        """"50%", "41 percent", "7.5 per cent", "0.5 percentage points", "25 basis points", and "down 3.1
        points" in a sentence about percentages."""
        low = self.low(i)
        if low == "percentage" and self.low(i + 1) in ("point", "points"):
            figure.kind, figure.unit, figure.end = "percent", "percentage_point", i + 2
            return True
        if low == "basis" and self.low(i + 1) in ("point", "points") or low in ("bps", "bp"):
            figure.kind, figure.unit, figure.end = "percent", "percentage_point", i + (2 if low == "basis" else 1)
            self.multiply(figure, 0.01)
            return True
        if low in ("point", "points", "pts") and abs(figure.value) < 100 and self.about_percentages(i) and \
                not self.about_an_index(i):
            figure.kind, figure.unit, figure.end = "percent", "percentage_point", i + 1
            return True
        if low in ("point", "points", "pts") and self.about_an_index(i):
            figure.kind, figure.unit, figure.end = "measure", "point", i + 1  # "the Dow fell 475 points"
            return True
        if not (low == "%" or low in ("percent", "pct", "pc") or low == "per" and self.low(i + 1) == "cent"):
            return False
        figure.kind, figure.unit = "percent", "percent"
        figure.end = i + (2 if low == "per" else 1)
        if self.low(figure.end) in ("point", "points"):
            figure.unit, figure.end = "percentage_point", figure.end + 1
        return True

    def about_percentages(self, i: int) -> bool:
        """Does token i's sentence give percentages ("41.6%, down 3.1 points")?"""
        sent = self.doc[i].sent
        return any(self.lows[k] in ("%", "percent", "pc", "pct") or self.lows[k] == "per" and self.low(k + 1) == "cent"
                   for k in range(sent.start, sent.end))

    def about_an_index(self, i: int) -> bool:
        """Does token i's sentence name a stock index ("the Sensex", "the Dow")?"""
        sent = self.doc[i].sent
        return any(self.lows[k] in INDEX_WORDS for k in range(sent.start, sent.end))

    def currency_after(self, i: int, core: Core) -> tuple[str, int, float] | None:
        """A currency word after the number (with an optional country word): (code, end, factor)."""
        low = self.low(i)
        for skip in (0, 1, 2):
            word = self.low(i + skip)
            code, factor = N.currency_word(word), 1.0
            if code is None and word in N.CURRENCY_SUBUNITS:
                code, factor = N.CURRENCY_SUBUNITS[word]  # "76 cents", "85 pence"
            if code is None and word in ("pound", "pounds"):
                scaled = core.scaled or self.low(i + skip + 1) == "sterling"
                code = "GBP" if scaled else None
            if code:
                country = self.low(i) if skip else ""
                code = N.CURRENCY_COUNTRIES.get((country, word.rstrip("s")), code)
                end = i + skip + 1
                if self.low(end) == "sterling":
                    end += 1
                return code, end, factor
            if skip == 0 and not (low.isalpha() and self.doc[i].pos_ in ("PROPN", "ADJ")):
                return None
        return None

    def measure_after(self, i: int) -> tuple[str, int] | None:
        for size in range(N.MAX_UNIT_TOKENS, 0, -1):
            words = tuple(self.low(k) for k in range(i, i + size))
            if i + size <= self.n and words in N.MEASURE_UNITS:
                if words[0] == "in":
                    return None  # a preposition
                if size == 1 and words[0] in ("m", "t", "g", "l", "mi") and not self.glued(i - 1) and \
                        i + 1 < self.n and self.doc[i + 1].pos_ in ("NOUN", "PROPN", "ADJ", "DET"):
                    return None  # "5 m people" would be ambiguous
                if words == ("tb",) and self.low(i + 1) in TUBERCULOSIS_NOUNS:
                    return None  # "26,07,044 TB cases": tuberculosis, not terabytes
                return N.MEASURE_UNITS[words], i + size
        return None

    def read_compound(self, figure: Figure, j: int) -> bool:
        """Number-unit compounds like "five-year" (hyphen at j-1, word at j)."""
        low = self.low(j)
        time_unit = N.TIME_UNITS.get(low)
        if time_unit:
            unit, multiplier = time_unit
            if self.low(j + 1) == "-" and self.low(j + 2) == "old":
                figure.kind, figure.unit, figure.end = "measure", "age_years", j + 3
                return True
            figure.kind, figure.unit, figure.end = "duration", unit, j + 1
            self.multiply(figure, multiplier)
            return True
        if low == "fold":
            figure.kind, figure.unit, figure.end = "ratio", "times", j + 1
            return True
        if N.currency_word(low) and low not in ("real", "won", "rand", "dong"):
            figure.kind, figure.unit, figure.end = "money", N.currency_word(low), j + 1  # "a one-yen bid"
            return True
        if (low,) in N.MEASURE_UNITS:
            figure.kind, figure.unit, figure.end = "measure", N.MEASURE_UNITS[(low,)], j + 1
            return True
        if low in ("percent",):
            figure.kind, figure.unit, figure.end = "percent", "percent", j + 1
            return True
        if self.doc[j].pos_ in ("NOUN", "ADJ", "VERB") and low.isalpha():
            # "a 543-seat parliament", "a 500-strong crowd", "a 15-member panel".
            figure.kind, figure.end = "count", j + 1
            figure.unit = None if low in ("strong", "odd") else unit_lemma(self.doc[j])
            return True
        return False

    def read_proportion(self, figure: Figure, i: int) -> bool:
        """"one in five", "three out of four" → a ratio."""
        j = i + 1
        if self.low(i) == "out" and self.low(j) == "of":
            j += 1
        elif self.low(i) != "in":
            return False
        if j >= self.n or not self.doc[j].like_num:
            return False
        denominator = self.read_core(j)
        if denominator is None or denominator.value <= figure.value or denominator.value == 0 or \
                self.low(i) == "in" and self.is_year_like(denominator):
            return False  # "774 in 1971": a figure and its year
        figure.kind, figure.unit = "ratio", "times"
        figure.value = figure.value / denominator.value
        figure.end = denominator.end
        return True

    def read_counted(self, figure: Figure, core: Core) -> bool:
        """A plain number: a count of the noun it modifies (its lemma is the unit), or a year."""
        number = self.doc[core.start]
        noun = self.counted_noun(core)
        if noun is not None:
            figure.noun = noun
            figure.unit = unit_lemma(self.doc[noun])
        if N.is_plausible_year(figure.value) and not core.words and "," not in number.text and \
                self.year_context(core, noun):
            figure.kind, figure.unit, figure.iso = "date", "year", f"{int(figure.value):04d}"
            if figure.value_max is not None and figure.value_max < 100:  # "2024–25": the next year, abridged
                figure.value_max = float(int(figure.value) // 100 * 100 + int(figure.value_max))
                if figure.value_max < figure.value:
                    figure.value_max += 100
            if figure.value_max is not None and not N.is_plausible_year(figure.value_max):
                figure.value_max = None
        return True

    def counted_noun(self, core: Core) -> int | None:
        """The noun a number counts: its syntactic head when the parse says so, else the next noun."""
        last = self.doc[core.end - 1]
        head = last.head
        while head.dep_ == "compound" and head.head.i > head.i and head.head.i - core.end <= 4:
            head = head.head  # "12 council seats", "80 Lok Sabha seats": a compound names what the noun is
        if last.dep_ in ("nummod", "quantmod", "compound") and head.i >= core.end and \
                (head.pos_ in ("NOUN", "PROPN") or mistagged_noun(head)) and head.i - core.end <= 4:
            return head.i
        if last.dep_ == "nummod" and head.i == core.end and head.tag_ in ("VBZ", "NNS") and head.is_alpha \
                and not self.is_year_like(core):
            return head.i  # "scoring 112 runs": the tagger took "runs" for a verb, the parser knows better
        j = core.end
        if self.low(j) == "of":
            # A partitive: "20 of its soldiers", "four of the victims", "29 of the state's 35 districts"
            # (a possessor and the whole's own number are passed over).
            for k in range(j + 1, min(j + 8, self.n)):
                token = self.doc[k]
                if token.pos_ in ("NOUN", "PROPN") and token.dep_ == "compound" and token.head.i > k:
                    continue  # "five of the nine committee members": members, not committees
                if mistagged_noun(token):
                    return k  # "80 Lok Sabha seats", the tagger's verb
                if token.pos_ in ("NOUN", "PROPN") and self.low(k + 1) not in ("'s", "’s"):
                    return k if token.pos_ == "NOUN" else None
                if token.pos_ not in ("DET", "PRON", "ADJ", "NUM", "NOUN", "PROPN", "PART") and token.tag_ != "PRP$":
                    return None
            return None
        while j < self.n and j - core.end <= 3 and self.same_sentence(j, core.start):
            token = self.doc[j]
            if token.pos_ == "NOUN" and token.lower_ in N.TIME_UNITS and self.low(j - 1) in ("last", "this", "next"):
                return None  # "to 58,000 last year": when, not what is counted
            if token.pos_ == "NOUN":
                while token.dep_ == "compound" and token.head.pos_ == "NOUN" and 0 < token.head.i - token.i <= 2:
                    token = token.head  # "1,476 confirmed measles cases": cases
                return token.i
            if token.pos_ == "PROPN" and token.text.isupper() and self.low(j + 1) and \
                    self.doc[min(j + 1, self.n - 1)].pos_ == "NOUN":
                j += 1  # "900 FBI files": an acronym modifying the counted noun
                continue
            if (token.pos_ not in COUNT_NOUN_SKIP and not participle_before_a_noun(token)) or \
                    token.lower_ in (",", ";", ":", "and", "or"):
                return None
            j += 1
        return None

    def is_year_like(self, core: Core) -> bool:
        text = self.doc[core.start].text
        return core.end - core.start == 1 and len(text) == 4 and text.isdigit() and \
            N.is_plausible_year(float(text))

    def year_context(self, core: Core, noun: int | None) -> bool:
        """A four-digit number is a year when its context says so ("in 2020", a DATE entity)."""
        number = self.doc[core.start]
        previous = self.low(core.start - 1)
        cued = previous in YEAR_CUES or previous in N.MONTHS
        if noun is not None and self.doc[noun].tag_ == "NNS" and noun == core.end and \
                self.doc[noun].lower_ not in YEAR_NOUNS and not cued:
            return False  # "2020 people"
        if number.ent_type_ == "DATE" or cued:
            return True
        return noun is None and (core.start == 0 or self.doc[core.start - 1].is_punct)

    # -- other kinds of figure -------------------------------------------------------------------

    def read_date(self, i: int) -> Figure | None:
        """Month-led and day-led dates: "June 15, 2020", "15 June 2020", "June 2020", "30.07.2024"."""
        dotted = _DOTTED_DATE.match(self.doc[i].text)
        if dotted:
            day, month, year = (int(dotted[part]) for part in ("day", "month", "year"))
            return self.date_figure(i, i + 1, N.PartialDate(year, month, day)) \
                if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1] else None
        month = N.month_number(self.low(i))
        if month and self.doc[i].text[:1].isupper() and not (self.low(i) == "may" and
                                                               self.doc[i].ent_type_ != "DATE"):
            day, j = None, i + 1
            if j < self.n and (day := _day_of_month(self.doc[j].text)):
                j += 1
                if self.low(j) == ",":
                    j += 1
            year = self.year_token(j)
            if year:
                return self.date_figure(i, j + 1, N.PartialDate(year, month, day))
            end = j - 1 if self.low(j - 1) == "," else j
            return self.undated_day(i, end, month, day) if day else None
        day = _day_of_month(self.doc[i].text)
        if day:
            at = i + 2 if self.low(i + 1) == "of" and self.doc[i].text[-1:].isalpha() else i + 1  # "24th of May"
            month = N.month_number(self.low(at))
            if month and self.doc[at].text[:1].isupper():
                after = at + 2 if self.low(at + 1) == "," and self.year_token(at + 2) else at + 1  # "24th May, 2025"
                year = self.year_token(after)
                if year:
                    return self.date_figure(i, after + 1, N.PartialDate(year, month, day))
                return self.undated_day(i, at + 1, month, day)
        return None

    def undated_day(self, start: int, end: int, month: int, day: int) -> Figure | None:
        """"on March 18", "on 2 March": a day without its year takes the year of the document's date (the
        occurrence within six months of it); without a document date it is no figure at all."""
        published = N.as_date(self.doc._.published) if self.doc.has_extension("published") else None
        year = N.nearest_year(month, day, published) if published else None
        if year is None:
            return Figure(start, end, 0.0, kind=SKIPPED)
        return self.date_figure(start, end, N.PartialDate(year, month, day))

    def year_token(self, j: int) -> int | None:
        if j < self.n and self.doc[j].text.isdigit() and len(self.doc[j].text) == 4:
            year = int(self.doc[j].text)
            if N.is_plausible_year(year):
                return year
        return None

    def date_figure(self, start: int, end: int, date: N.PartialDate) -> Figure:
        figure = Figure(start, end, float(date.year), kind="date", unit="year", iso=date.iso())
        qualifier_start = figure.start
        self.read_left(figure)
        figure.kind, figure.unit = "date", "year"  # read_left may not turn a date into money
        figure.start = figure.start if figure.qualifier else qualifier_start
        return figure

    def read_fiscal_year(self, i: int) -> Figure | None:
        """"FY24", "FY2024": the fiscal year that closes then (2023-24); "FY2023-24" as written."""
        fiscal = _FISCAL.match(self.doc[i].text)
        if fiscal is None:
            return None
        year = int(fiscal.group(1))
        year += 2000 if year < 100 else 0
        if self.low(i + 1) in ("-", "–") and self.glued(i) and self.glued(i + 1) and i + 2 < self.n and \
                self.doc[i + 2].text.isdigit() and len(self.doc[i + 2].text) == 2:
            return Figure(i, i + 3, float(year), kind="date", unit="year", value_max=float(year + 1),
                          iso=f"{year:04d}/{year + 1:04d}")
        return Figure(i, i + 1, float(year - 1), kind="date", unit="year", value_max=float(year),
                      iso=f"{year - 1:04d}/{year:04d}")

    def read_decade(self, i: int) -> Figure | None:
        year = N.parse_decade(self.doc[i].text)
        if year is None:
            return None
        return Figure(i, i + 1, float(year), kind="date", unit="year", iso=f"{year:04d}/{year + 9:04d}")

    def read_multiple(self, i: int) -> Figure | None:
        """"double", "twice", "tenfold" ("three times as many" is read with its number)."""
        token = self.doc[i]
        low = token.lower_
        if low not in N.MULTIPLES:
            return None
        following = self.low(i + 1)
        if following == "-" or following in ("digit", "digits", "standards", "standard", "whammy", "check",
                                             "agent", "act", "life", "lives", "dose", "murder", "bed",
                                             "room", "click", "team", "taxation", "role", "game", "header"):
            return None
        if token.dep_ == "amod" and token.head.pos_ == "NOUN" and low in ("double", "triple", "treble") and \
                self.low(i - 1) not in ("nearly", "almost", "roughly", "about", "than"):
            return None  # "a double room"; but "nearly double economists' forecasts" is a multiple
        if low in ("twice", "thrice") and not self.compares(i):
            return None  # "twice a week", "thought twice": how often, not how much
        figure = Figure(i, i + 1, float(N.MULTIPLES[low]), kind="ratio", unit="times")
        self.read_left(figure)
        return figure

    def compares(self, i: int) -> bool:
        """"twice as many", "twice the size", "more than twice": a multiple compares two amounts."""
        following = self.doc[i + 1] if i + 1 < self.n else None
        if following is not None and (following.lower_ in RATIO_FOLLOWERS or following.tag_ in ("JJR", "RBR")
                                      or following.like_num or N.currency_prefix(following.text)):
            return True
        return self.low(i - 1) in ("than", "nearly", "almost", "about", "roughly", "is", "was", "are", "were",
                                   "be", "been", "by")

    def read_fraction(self, i: int) -> Figure | None:
        """"half of them", "two-thirds of", "a third of", "half a million" (a count), "half an hour"."""
        low = self.low(i)
        if low == "half":
            return self.read_half(i)
        if low not in ("a", "one") and not N.is_number_word(low):
            return None
        j = i + 2 if self.low(i + 1) == "-" and self.glued(i) else i + 1
        denominator = N.fraction_denominator(self.low(j))
        if denominator is not None and self.low(j + 1) != "of":
            return self.read_bare_fraction(i, j, denominator)
        if denominator is None or \
                low in ("a", "one") and self.low(j) == "quarter" and self.low(j + 2) == "the":
            return None  # "a quarter of the year" may be a time; "three-quarters of the gain" is a share
        numerator = 1.0 if low in ("a", "one") else N.parse_words([low])
        if numerator is None or numerator >= denominator:
            return None
        figure = Figure(i, j + 1, numerator / denominator, kind="ratio", unit="times")
        self.read_left(figure)
        return figure

    def read_bare_fraction(self, i: int, j: int, denominator: float) -> Figure | None:
        """"one sixth", "two thirds", "three halves", "one-half miles": a number word and a fraction that agree
        in number ("one" and a singular, more and a plural); "a third term" and "one quarter" are not."""
        low, word = self.low(i), self.low(j)
        numerator = N.parse_words([low]) if N.is_number_word(low) and low not in N.SCALE_WORDS else None
        if numerator is None or word.startswith("quarter") or self.low(j + 1) == "-" or \
                (numerator == 1) == word.endswith("s") or N.is_number_word(self.low(i - 1)) or \
                self.low(i - 1) == "-":
            return None
        return self.grow(Core(i, j + 1, numerator / denominator, words=True))

    def read_half(self, i: int) -> Figure | None:
        if self.low(i - 1) == "the" and self.low(i + 1) == "a" and self.low(i + 2) == "dozen":
            return self.grow(Core(i, i + 3, 6.0, words=True))  # "each of the half a dozen workers"
        if self.low(i - 1) in ("first", "second", "the", "other", "latter", "former", "and") or \
                self.low(i + 1) in ("-", "time", "way", "century"):
            return None
        if self.low(i + 1) in ("a", "an"):
            following = self.low(i + 2)
            if following == "dozen":  # "half a dozen firms": six
                return self.grow(Core(i, i + 3, 6.0, words=True))
            if following in N.SCALES:
                return self.grow(Core(i, i + 3, 0.5 * N.SCALES[following], words=True, scale=N.SCALES[following]))
            if following in N.TIME_UNITS:
                unit, multiplier = N.TIME_UNITS[following]
                return Figure(i, i + 3, 0.5 * multiplier, kind="duration", unit=unit)
            return None
        if self.low(i + 1) == "of" or self.low(i + 1) in ("their", "its", "his", "her", "our", "my", "your"):
            figure = Figure(i, i + 1, 0.5, kind="ratio", unit="times")  # "half of", "more than half their income"
            self.read_left(figure)
            return figure
        return None

    def read_race_time(self, i: int) -> Figure | None:
        """"won in 2:05:12", "(KEN) 2:05:12": a duration in seconds (:func:`numbers.race_time`)."""
        timed = N.race_time(self.doc[i].text)
        return Figure(i, i + 1, timed[0], kind="duration", unit="second") if timed is not None else None

    def read_ordinal(self, i: int) -> Figure | None:
        token = self.doc[i]
        if token.lower_ in ("no", "no.", "number") and i + 1 < self.n:
            return self.read_number_rank(i)
        rank = N.parse_ordinal(token.text)
        if rank is None or rank == 1:
            return None  # "first" is an idiom far more often than a rank
        end = i + 1
        if self.low(end) == "-" and self.glued(i) and end + 1 < self.n:
            superlative = self.doc[end + 1].tag_ in ("JJS", "RBS") or self.low(end + 1).endswith("est")
            return Figure(i, end + 2, float(rank), kind="rank", unit="rank") if superlative else None
        following = self.low(end)
        if following in PERIOD_PARTS or following in ("world", "hand", "thought", "thoughts", "opinion",
                                                       "language", "wave", "class", "person", "reading",
                                                       "century", "centuries", "millennium", "to", "and",
                                                       "generation", "amendment", "floor", "grade", "row",
                                                       "street", "avenue", "fiddle", "nature", "guessing"):
            return None
        head = token.head
        ranked = following in RANK_NOUNS or following in RANK_FOLLOWERS or head.lower_ in RANK_NOUNS or \
            head.tag_ == "JJS" or self.low(i - 1) in ("finished", "ranked", "came", "placed", "ranks", "ranking",
                                                      "finish", "is", "was") or \
            (head.pos_ in ("NOUN", "PROPN") and token.dep_ == "amod")
        return Figure(i, end, float(rank), kind="rank", unit="rank") if ranked else None

    def read_number_rank(self, i: int) -> Figure | None:
        """"No. 1", "world number two"."""
        j = i + 1
        if self.low(i) == "no" and self.low(j) == "." and self.glued(i):
            j += 1
        elif self.low(i) == "number" and not N.is_number_word(self.low(j)):
            return None
        if j >= self.n:
            return None
        value = N.parse_digits(self.doc[j].text)
        if value is None and self.low(i) == "number":
            value = N.parse_words([self.low(j)])
        if value is None or value != int(value) or not 0 < value < 1000:
            return None
        if self.low(i) == "number" and (i == self.doc[i].sent.start or self.low(j + 1) in (",", ":")):
            return None  # "Number two, we will cut taxes": a list marker
        return Figure(i, j + 1, value, kind="rank", unit="rank")
