"""The ``quantity_normalizer`` spaCy component: every figure in a text, normalised.

It scans the tokens for number cores (digits, number words, scale words, ordinals, multiples),
grows each core into a figure with what surrounds it (qualifier, sign, currency, range, unit,
counted noun), gives it a kind, and drops figures that are parts of names, codes or idioms.
spaCy's tags, parse and entities are used as evidence (a year in a DATE entity, a number inside
an ORG name, the noun a number modifies) but not trusted for the kind: the small model calls
"Forty-two thousand" a DATE and "7.5 per cent" MONEY.

Results: ``doc.spans["quantities"]``, each span with ``span._.quantity`` (a :class:`Quantity`),
and ``doc._.quantities`` (the list of quantities).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from workbench.claims import Quantity
from workbench.nlp import numbers as N

SPAN_KEY = "quantities"
VERSION = "1"

# Labels of entities that are names: a number inside one is part of the name ("Formula One").
NAME_LABELS = {"PERSON", "ORG", "PRODUCT", "LAW", "EVENT", "WORK_OF_ART", "FAC", "LANGUAGE", "NORP", "GPE", "LOC"}

# Multi-word qualifiers, matched right before the figure (longest first).
QUALIFIERS: dict[tuple[str, ...], str] = {}
for _words, _qualifier in [
    ("at least|no fewer than|no less than|not less than|a minimum of|a record", "at_least"),
    ("more than|over|above|in excess of|upwards of|just over|greater than|exceeding|well over|"
     "some more than|nearly more than", "more_than"),
    ("at most|no more than|not more than|a maximum of", "at_most"),
    ("less than|fewer than|under|below|just under|just below|short of", "less_than"),
    ("about|around|roughly|approximately|nearly|almost|some|close to|an estimated|estimated|approx|"
     "approx.|circa|c.|~|an approximate|almost exactly|just about|about some", "about"),
    ("up to|as many as|as much as|as high as|as long as", "up_to"),
    ("exactly|precisely|a full|fully", "exactly"),
]:
    for _phrase in _words.split("|"):
        QUALIFIERS[tuple(_phrase.split())] = _qualifier
MAX_QUALIFIER_TOKENS = max(len(k) for k in QUALIFIERS)

# Words before a 4-digit number that make it a year.
YEAR_CUES = {"in", "since", "by", "until", "till", "from", "of", "during", "before", "after", "early", "late",
             "mid", "mid-", "the", "to", "through", "and", "between", "year", "fiscal", "until", "on", "for",
             "around", "circa", "spring", "summer", "autumn", "fall", "winter", "pre", "post", "end", "start"}
# Plural nouns a year may modify: "the 2024 elections", "the 2028 Olympics".
YEAR_NOUNS = {"elections", "olympics", "games", "polls", "finals", "levels", "accords", "talks", "protests", "riots",
              "floods", "results", "rules", "figures", "estimates", "accounts", "sales", "earnings"}
# Determiners that make a small number anaphoric ("the two sides"): a reference, not a figure.
ANAPHORIC_DETERMINERS = {"the", "these", "those", "both", "all", "its", "their", "his", "her", "our", "my"}
# Nouns an ordinal ranks ("sixth title", "third place"); a "first" outside them is not a rank.
RANK_NOUNS = {"title", "place", "position", "term", "win", "victory", "consecutive", "straight", "time", "spot",
              "largest", "biggest", "highest", "lowest", "richest", "most", "best", "worst", "seed", "round",
              "championship", "medal", "gold", "successive", "row", "ranked", "rank", "largest-ever"}
# Ordinals naming a part of a period, not a rank: "second half", "third quarter".
PERIOD_PARTS = {"half", "quarter", "quarters", "halves"}
# Comparatives after "N times" that make it a ratio ("three times as many", "twice higher").
RATIO_FOLLOWERS = {"as", "more", "higher", "larger", "bigger", "greater", "the", "that", "what", "faster",
                   "lower", "smaller", "fewer", "less", "over"}
COUNT_NOUN_SKIP = {"ADJ", "NUM", "PUNCT", "ADV"}
# Units written before their number.
LEADING_UNITS = {"magnitude": "magnitude"}


@dataclass
class Figure:
    """A figure found in token indices; becomes a :class:`Quantity` once its kind is known."""

    start: int
    end: int
    value: float
    kind: str
    unit: str | None = None
    value_max: float | None = None
    qualifier: str | None = None
    iso: str | None = None
    noun: int | None = None  # token index of the counted/qualified noun


@dataclass
class Core:
    """A bare number: tokens [start, end), its value and how it was written."""

    start: int
    end: int
    value: float
    words: bool  # spelled out rather than digits
    scale: float = 1.0  # the multiplier of its scale words ("1.5 million" → 1e6)

    @property
    def scaled(self) -> bool:
        return self.scale != 1.0


#: Lemmas that read better as units than spaCy's own: "people" counts persons.
UNIT_LEMMAS = {"people": "person", "persons": "person", "folks": "person", "children": "child"}


def unit_lemma(token: Token) -> str:
    """The unit of a count: the counted noun's lemma, lowercased."""
    lemma = token.lemma_.lower()
    return UNIT_LEMMAS.get(lemma, UNIT_LEMMAS.get(token.lower_, lemma))


class QuantityScanner:
    """Reads the figures of one Doc. Stateless between docs; one instance per call."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.n = len(doc)

    # -- token helpers -------------------------------------------------------------------------

    def low(self, i: int) -> str:
        return self.doc[i].lower_ if 0 <= i < self.n else ""

    def glued(self, i: int) -> bool:
        """True when token i is written against token i+1 (no space between)."""
        return 0 <= i < self.n and not self.doc[i].whitespace_

    def same_sentence(self, i: int, j: int) -> bool:
        return 0 <= i < self.n and 0 <= j < self.n and self.doc[i].sent.start == self.doc[j].sent.start

    # -- number cores --------------------------------------------------------------------------

    def read_core(self, i: int) -> Core | None:
        """The number that starts at token i, with its scale words, or None."""
        token = self.doc[i]
        text = token.text
        value = N.parse_digits(text)
        if value is not None:
            end = i + 1
            base = N.parse_digits(text.rstrip("kKmMbBnNtTrR")) or value
            scales: list[str] = []
            while end < self.n and self.is_scale(end, after_digits=True):
                scales.append(self.low(end))
                end += 1
            value = N.apply_scale(value, scales)
            return Core(i, end, value, words=False, scale=value / base if base else 1.0)
        low = token.lower_
        if low in ("a", "an") and i + 1 < self.n and self.low(i + 1) in ("dozen", "hundred", "thousand",
                                                                           "million", "billion", "trillion",
                                                                           "lakh", "crore"):
            scales = []
            end = i + 1
            while end < self.n and self.low(end) in N.SCALES:
                scales.append(self.low(end))
                end += 1
            if self.low(i + 1) == "dozen":
                return Core(i, i + 2, 12.0, words=True)
            scale = N.apply_scale(1.0, scales)
            return Core(i, end, scale, words=True, scale=scale)
        if low in ("a", "an") and self.low(i + 1) in ("decade", "century", "millennium"):
            return Core(i, i + 1, 1.0, words=True)
        if low in ("dozen",) and not (i > 0 and self.low(i - 1) in ("a", "half")):
            return None
        if not N.is_number_word(low) or low in ("hundred", "thousand", "million", "billion", "trillion",
                                                  "lakh", "crore"):
            return None
        words = [low]
        end = i + 1
        while end < self.n:
            nxt = self.low(end)
            if N.is_number_word(nxt):
                words.append(nxt)
                end += 1
            elif nxt == "-" and self.glued(end - 1) and self.glued(end) and words[-1] in N.TENS_WORDS \
                    and self.low(end + 1) in N.UNITS_WORDS:
                end += 1
            elif nxt == "and" and words[-1] in ("hundred", "thousand", "million") and \
                    N.is_number_word(self.low(end + 1)) and self.low(end + 1) not in N.SCALES:
                words.append(nxt)
                end += 1
            else:
                break
        value = N.parse_words(words)
        if value is None:
            return None
        # "one million" scales a word number; "a hundred and five" is a plain one.
        scale = N.apply_scale(1.0, [w for w in words[1:] if w in N.SCALES and w != "hundred"])
        return Core(i, end, value, words=True, scale=scale)

    def is_scale(self, i: int, after_digits: bool) -> bool:
        low = self.low(i)
        if low not in N.SCALES or low in ("hundreds", "thousands", "millions", "billions"):
            return False
        if low in ("m", "k", "b"):
            # "3.5m people": glued to the number; "8,848 m" with a space is metres.
            return after_digits and self.glued(i - 1)
        return True

    # -- the scan ------------------------------------------------------------------------------

    def figures(self) -> list[Figure]:
        found: list[Figure] = []
        i = 0
        while i < self.n:
            figure = self.figure_at(i)
            if figure is None:
                i += 1
                continue
            if not self.excluded(figure):
                found.append(figure)
            i = max(figure.end, i + 1)
        return found

    def figure_at(self, i: int) -> Figure | None:
        token = self.doc[i]
        low = token.lower_
        if token.is_space or token.is_punct and low not in ("$", "€", "£", "¥", "₹", "~"):
            return None
        for reader in (self.read_date, self.read_multiple, self.read_fraction, self.read_ordinal,
                       self.read_decade):
            figure = reader(i)
            if figure is not None:
                return figure
        core = self.read_core(i)
        if core is None:
            return None
        return self.grow(core)

    # -- growing a core into a figure -----------------------------------------------------------

    def grow(self, core: Core) -> Figure | None:
        end, value_max = core.end, None
        # Range: "between 10 and 15", "10-15", "10 to 15", "two or three".
        range_end = self.read_range(core)
        if range_end is not None:
            value_max, end = range_end
        figure = Figure(core.start, end, core.value, kind="count", value_max=value_max)
        leading_unit = LEADING_UNITS.get(self.low(core.start - 1))
        if leading_unit:
            # "an aftershock of magnitude 5.4": the unit is written first.
            figure.kind, figure.unit, figure.start = "measure", leading_unit, core.start - 1
            self.read_left(figure)
            return figure
        self.read_left(figure)
        if not self.read_unit(figure, core):
            return None
        return figure

    def read_range(self, core: Core) -> tuple[float, int] | None:
        i = core.end
        sep = self.low(i)
        if sep not in ("-", "–", "to", "and", "or"):
            return None
        if sep == "and" and self.low(core.start - 1) != "between":
            return None
        if sep == "to" and (self.low(core.start - 1) == "from" or self.low(core.start - 2) == "from"):
            return None
        if sep in ("-", "–") and not (self.glued(i - 1) and self.glued(i)) and core.words:
            return None
        second = self.read_core(i + 1) if i + 1 < self.n else None
        if second is None or second.words != core.words and sep in ("-", "–"):
            return None
        high = second.value
        # "between 1 and 2 million": the scale of the second end belongs to both.
        low_value = core.value * second.scale if second.scaled and not core.scaled else core.value
        if not high > low_value:
            return None  # "3-1" is a score, not a range
        core.value = low_value
        return high, second.end

    def read_left(self, figure: Figure) -> None:
        """Sign, currency symbol and qualifier written before the number."""
        i = figure.start
        if self.low(i - 1) == "between":
            i -= 1
        if self.low(i - 1) in ("minus", "negative"):
            figure.value, i = -figure.value, i - 1
            if figure.value_max is not None:
                figure.value_max = -figure.value_max
        currency = N.currency_prefix(self.doc[i - 1].text) if i > 0 else None
        if currency:
            if currency == "JPY" and self.mentions_china():
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
            self.skip_currency_word(figure)
            return True
        if low == "%" or low in ("percent", "pct", "pc") or (low == "per" and self.low(i + 1) == "cent"):
            figure.kind, figure.unit = "percent", "percent"
            figure.end = i + (2 if low == "per" else 1)
            if self.low(figure.end) in ("point", "points") or (
                    low in ("percentage",) and self.low(i + 1) in ("point", "points")):
                figure.unit, figure.end = "percentage_point", figure.end + 1
            return True
        if low == "percentage" and self.low(i + 1) in ("point", "points"):
            figure.kind, figure.unit, figure.end = "percent", "percentage_point", i + 2
            return True
        currency = self.currency_after(i, core)
        if currency:
            code, end = currency
            figure.kind, figure.unit, figure.end = "money", code, end
            return True
        # Hyphenated compounds: "five-year", "6.2-magnitude", "10-fold", "45-year-old", "500-strong".
        if low == "-" and self.glued(i - 1) and self.glued(i) and i + 1 < self.n:
            return self.read_compound(figure, i + 1)
        if low in ("times", "fold") or low == "-fold":
            if low == "fold" or self.low(i + 1) in RATIO_FOLLOWERS or self.doc[i + 1:i + 2].text[:1] and \
                    i + 1 < self.n and self.doc[i + 1].tag_ in ("JJR", "RBR"):
                figure.kind, figure.unit, figure.end = "ratio", "times", i + 1
                return True
            figure.unit, figure.end = "time", i + 1
            return True
        time_unit = N.TIME_UNITS.get(low)
        if time_unit:
            unit, multiplier = time_unit
            figure.kind, figure.unit, figure.end = "duration", unit, i + 1
            figure.value *= multiplier
            if figure.value_max is not None:
                figure.value_max *= multiplier
            return True
        measure = self.measure_after(i)
        if measure:
            unit, end = measure
            figure.kind, figure.unit, figure.end = "measure", unit, end
            return True
        if self.low(i) in ("in", "out") and self.read_proportion(figure, i):
            return True
        return self.read_counted(figure, core)

    def skip_currency_word(self, figure: Figure) -> None:
        """"$5 billion dollars" / "Rs 500 crore rupees": a trailing currency word is part of the span."""
        if N.currency_word(self.low(figure.end)):
            figure.end += 1

    def currency_after(self, i: int, core: Core) -> tuple[str, int] | None:
        low = self.low(i)
        # "US dollars", "Hong Kong dollars": a country word, then the currency word.
        for skip in (0, 1, 2):
            word = self.low(i + skip)
            code = N.currency_word(word)
            if code is None and word in ("pound", "pounds"):
                scaled = core.scaled or self.low(i + skip + 1) == "sterling"
                code = "GBP" if scaled else None
            if code:
                singular = word.rstrip("s")
                country = self.low(i) if skip else ""
                code = N.CURRENCY_COUNTRIES.get((country, singular), code)
                end = i + skip + 1
                if self.low(end) == "sterling":
                    end += 1
                return code, end
            if skip == 0 and not (low.isalpha() and self.doc[i].pos_ in ("PROPN", "ADJ")):
                return None
        return None

    def measure_after(self, i: int) -> tuple[str, int] | None:
        for size in range(N.MAX_UNIT_TOKENS, 0, -1):
            words = tuple(self.low(k) for k in range(i, i + size))
            if i + size <= self.n and words in N.MEASURE_UNITS:
                unit = N.MEASURE_UNITS[words]
                if size == 1 and words[0] in ("m", "t", "g", "l", "in", "mi") and not self.glued(i - 1) and \
                        i + 1 < self.n and self.doc[i + 1].pos_ in ("NOUN", "PROPN", "ADJ", "DET"):
                    return None  # "5 m people" would be ambiguous; "in the" is a preposition
                if words[0] in ("in",):
                    return None
                return unit, i + size
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
            figure.value *= multiplier
            return True
        if low == "fold":
            figure.kind, figure.unit, figure.end = "ratio", "times", j + 1
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
        if j >= self.n:
            return False
        denominator = self.read_core(j)
        if denominator is None or denominator.value <= figure.value or denominator.value == 0:
            return False
        if not self.doc[j].like_num:
            return False
        figure.kind, figure.unit = "ratio", "times"
        figure.value = figure.value / denominator.value
        figure.end = denominator.end
        return True

    def read_counted(self, figure: Figure, core: Core) -> bool:
        """A plain number: a count of the noun it modifies (its lemma is the unit), when there is one."""
        number = self.doc[core.start]
        noun = self.counted_noun(core)
        if noun is not None:
            figure.noun = noun
            figure.unit = unit_lemma(self.doc[noun])
        if N.is_plausible_year(figure.value) and not core.words and "," not in number.text and \
                self.year_context(core, noun):
            figure.kind, figure.unit, figure.iso = "date", "year", f"{int(figure.value):04d}"
            if figure.value_max is not None and not N.is_plausible_year(figure.value_max):
                figure.value_max = None
            return True
        return True

    def counted_noun(self, core: Core) -> int | None:
        """The noun a number counts: its syntactic head when the parse says so, else the next noun."""
        last = self.doc[core.end - 1]
        head = last.head
        if last.dep_ in ("nummod", "quantmod", "compound") and head.i >= core.end and \
                head.pos_ in ("NOUN", "PROPN") and head.i - core.end <= 4:
            return head.i
        if last.dep_ == "nummod" and head.i == core.end and head.tag_ in ("VBZ", "NNS") and head.is_alpha \
                and not self.is_year_like(core):
            return head.i  # "scoring 112 runs": the tagger took "runs" for a verb, the parser knows better
        j = core.end
        if self.low(j) == "of":
            # A partitive: "20 of its soldiers", "four of the victims".
            for k in range(j + 1, min(j + 5, self.n)):
                if self.doc[k].pos_ in ("NOUN", "PROPN"):
                    return k if self.doc[k].pos_ == "NOUN" else None
                if self.doc[k].pos_ not in ("DET", "PRON", "ADJ") and self.doc[k].tag_ != "PRP$":
                    return None
            return None
        while j < self.n and j - core.end <= 3 and self.same_sentence(j, core.start):
            token = self.doc[j]
            if token.pos_ == "NOUN":
                return j
            if token.pos_ not in COUNT_NOUN_SKIP or token.lower_ in (",", "and", "or"):
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
        """Month-led and day-led dates: "June 15, 2020", "15 June 2020", "June 2020"."""
        month = N.month_number(self.low(i))
        if month and self.doc[i].text[:1].isupper() and not (self.low(i) == "may" and
                                                               self.doc[i].ent_type_ != "DATE"):
            day, j = None, i + 1
            if j < self.n and self.doc[j].text.isdigit() and 1 <= int(self.doc[j].text) <= 31 and \
                    len(self.doc[j].text) <= 2:
                day, j = int(self.doc[j].text), j + 1
                if self.low(j) == ",":
                    j += 1
            year = self.year_token(j)
            if year:
                return self.date_figure(i, j + 1, N.PartialDate(year, month, day))
            if day and self.doc[i].ent_type_ == "DATE":
                return None  # "June 15" without a year: the year is the document's; not a figure
            return None
        token = self.doc[i]
        if token.text.isdigit() and len(token.text) <= 2 and 1 <= int(token.text) <= 31:
            month = N.month_number(self.low(i + 1))
            if month and self.doc[i + 1].text[:1].isupper():
                year = self.year_token(i + 2)
                if year:
                    return self.date_figure(i, i + 3, N.PartialDate(year, month, int(token.text)))
        return None

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

    def read_decade(self, i: int) -> Figure | None:
        year = N.parse_decade(self.doc[i].text)
        if year is None:
            return None
        return Figure(i, i + 1, float(year), kind="date", unit="year", iso=f"{year:04d}/{year + 9:04d}")

    def read_multiple(self, i: int) -> Figure | None:
        """"double", "twice", "tenfold", "three times as many" (the last via read_unit)."""
        token = self.doc[i]
        low = token.lower_
        if low not in N.MULTIPLES:
            return None
        following = self.low(i + 1)
        if following == "-" or following in ("digit", "digits", "standards", "standard", "whammy", "check",
                                             "agent", "act", "life", "lives", "dose", "murder", "bed",
                                             "room", "click", "team", "taxation", "role", "game", "header"):
            return None
        if token.dep_ == "amod" and token.head.pos_ == "NOUN" and low in ("double", "triple", "treble"):
            return None
        if low == "twice" and following in ("a", "per", "each", "every"):
            return None  # frequency: "twice a week"
        figure = Figure(i, i + 1, float(N.MULTIPLES[low]), kind="ratio", unit="times")
        self.read_left(figure)
        return figure

    def read_fraction(self, i: int) -> Figure | None:
        """"half of them", "two-thirds", "a third of", "half a million" (a count), "half an hour"."""
        low = self.low(i)
        if low == "half":
            if self.low(i - 1) in ("first", "second", "the", "other", "latter", "former") or \
                    self.low(i + 1) in ("-", "time", "way", "century"):
                return None
            if self.low(i + 1) in ("a", "an"):
                nxt = self.low(i + 2)
                if nxt in N.SCALES:
                    return self.grow(Core(i, i + 3, 0.5 * N.SCALES[nxt], words=True, scale=N.SCALES[nxt]))
                if nxt in N.TIME_UNITS:
                    unit, multiplier = N.TIME_UNITS[nxt]
                    return Figure(i, i + 3, 0.5 * multiplier, kind="duration", unit=unit)
                return None
            if self.low(i + 1) == "of":
                figure = Figure(i, i + 1, 0.5, kind="ratio", unit="times")
                self.read_left(figure)
                return figure
            return None
        if low in ("a", "one", "two", "three") and self.low(i + 1) in ("-",) and self.low(i + 2) in N.FRACTIONS:
            j = i + 2
        elif low in ("a", "one", "two", "three") and self.low(i + 1) in N.FRACTIONS and self.low(i + 1) != "half":
            j = i + 1
        else:
            return None
        if self.low(j + 1) != "of" or self.low(j) in ("quarter", "quarters") and self.low(j + 2) == "the":
            return None
        numerator = 1.0 if low in ("a", "one") else float(N.UNITS_WORDS[low])
        figure = Figure(i, j + 1, numerator * N.FRACTIONS[self.low(j)], kind="ratio", unit="times")
        self.read_left(figure)
        return figure

    def read_ordinal(self, i: int) -> Figure | None:
        token = self.doc[i]
        rank = N.parse_ordinal(token.text)
        if rank is None and token.lower_ in ("no.", "number") and i + 1 < self.n:
            digits = N.parse_digits(self.doc[i + 1].text)
            if digits is not None and token.lower_ == "no." and digits == int(digits) and digits < 1000:
                return Figure(i, i + 2, digits, kind="rank", unit="rank")
            return None
        if rank is None:
            return None
        if rank == 1 or token.lower_ in ("second",) and self.low(i + 1) in ("and",):
            return None  # "first" is an idiom far more often than a rank; "seconds" are time
        end = i + 1
        if self.low(end) == "-" and self.glued(i) and end + 1 < self.n:
            end += 2  # "second-largest"
            return Figure(i, end, float(rank), kind="rank", unit="rank")
        following = self.low(end)
        if following in PERIOD_PARTS or following in ("world", "hand", "thought", "thoughts", "opinion",
                                                       "language", "wave", "class", "person", "reading"):
            return None
        head = token.head
        ranked = following in RANK_NOUNS or head.lower_ in RANK_NOUNS or head.tag_ == "JJS" or \
            self.low(i - 1) in ("finished", "ranked", "came", "placed", "ranks", "ranking", "finish") or \
            (head.pos_ == "NOUN" and token.dep_ == "amod") or following in ("-largest", "largest")
        if not ranked:
            return None
        return Figure(i, end, float(rank), kind="rank", unit="rank")

    # -- what is not a claim ---------------------------------------------------------------------

    def excluded(self, figure: Figure) -> bool:
        first_number = self.first_number_token(figure)
        token = self.doc[first_number]
        # Inside a name: "Formula One", "Article 370", "Section 230".
        if figure.kind not in ("money", "percent", "date") and self.inside_name(token):
            return True
        previous = self.doc[figure.start - 1] if figure.start > 0 else None
        if previous is not None and self.is_name_word(previous, figure):
            return True
        # Codes glued with a hyphen: "COVID-19", "F-16", "G-20"; "mid-2020" is a date.
        if previous is not None and previous.text == "-" and not previous.whitespace_ and figure.start >= 2:
            before = self.doc[figure.start - 2]
            if before.is_alpha and not before.whitespace_ and before.lower_ not in ("mid", "early", "late",
                                                                                   "pre", "post") \
                    and not N.is_number_word(before.lower_):
                return True
        if figure.kind == "count" and figure.noun is None and previous is not None and previous.is_alpha and \
                not figure.qualifier and token.text[:1].isdigit() and previous.lower_ not in N.TIME_UNITS and \
                (previous.pos_ in ("NOUN", "PROPN") or self.low(figure.end) == ":"):
            return True  # a label or an identifier: "report 3", "room 101", "flight 370", "Update 2:"
        following = self.doc[figure.end] if figure.end < self.n else None
        if following is not None and figure.kind == "count" and following.pos_ == "PROPN" and \
                following.ent_type_ in NAME_LABELS and following.text.isupper() and len(following.text) > 1:
            return True  # "737 MAX"
        if figure.kind in ("count", "duration") and self.is_idiom(figure, first_number):
            return True
        if token.text.count(":") or token.text.count("/"):
            return True  # clock times, "24/7", "9/11"
        if following is not None and following.lower_ in ("am", "pm", "a.m.", "p.m.", "gmt", "utc"):
            return True
        return False

    def inside_name(self, token: Token) -> bool:
        """The token is part of a named entity that has a capitalised word of its own besides numbers.

        The small model sometimes calls a bare "250k" a PRODUCT; a name needs a name word.
        """
        if token.ent_type_ not in NAME_LABELS:
            return False
        entity = next((ent for ent in self.doc.ents if ent.start <= token.i < ent.end), None)
        if entity is None:
            return False
        return any(t.i != token.i and t.is_alpha and t.text[:1].isupper() and not N.is_number_word(t.lower_)
                   for t in entity)

    def first_number_token(self, figure: Figure) -> int:
        for k in range(figure.start, figure.end):
            t = self.doc[k]
            if t.like_num or N.parse_digits(t.text) is not None or N.is_number_word(t.lower_):
                return k
        return figure.start

    def is_name_word(self, previous: Token, figure: Figure) -> bool:
        """A capitalised word right before a digit number names it: "Article 370", "Windows 10"."""
        if figure.kind in ("money", "date", "rank") or figure.qualifier or figure.start == 0:
            return False
        first = self.doc[figure.start]
        if not first.text[:1].isdigit() or not previous.text[:1].isupper() or previous.is_sent_start:
            return False
        if N.month_number(previous.text) or N.currency_prefix(previous.text) or previous.ent_type_ == "DATE":
            return False
        return previous.is_alpha and previous.lower_ not in ("no", "per")

    def is_idiom(self, figure: Figure, first_number: int) -> bool:
        token = self.doc[first_number]
        low = token.lower_
        previous = self.low(figure.start - 1)
        if figure.qualifier:
            return False
        if figure.kind == "duration":
            # "she hoped one day to...", "One day, ...": a story-telling "one", not a length of time.
            return low == "one" and (figure.start == 0 or self.doc[figure.start - 1].pos_ != "ADP")
        if low in N.UNITS_WORDS and figure.value <= 10 and previous in ANAPHORIC_DETERMINERS:
            return True  # "the two sides", "both three": a reference back, not a figure
        if low == "one":
            nxt = self.low(figure.end)
            if nxt in ("of", "another", "day", "way", "or", "thing", "time", "point", "hand", "side", "such",
                       "-", "'s", "who", "that", "which", "more") or previous in ("no", "any", "every", "the",
                                                                                  "this", "that", "each", "which",
                                                                                  "someone", "anyone", "only"):
                return True
            if figure.noun is None:
                return True
        if token.text[:1].isupper() and not token.is_sent_start and token.is_alpha:
            return True  # "Formula One", "Apollo Eleven"
        if low in N.UNITS_WORDS and figure.noun is None and figure.end < self.n and \
                self.low(figure.end) in ("of", "by") and previous in ("the", "all", "both"):
            return True  # "all three of them"
        return False


def _to_quantity(doc: Doc, figure: Figure) -> tuple[Span, Quantity]:
    span = doc[figure.start:figure.end]
    quantity = Quantity(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        value=float(figure.value),
        value_max=float(figure.value_max) if figure.value_max is not None else None,
        unit=figure.unit,
        kind=figure.kind,
        qualifier=figure.qualifier,
        iso=figure.iso,
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

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for figure in QuantityScanner(doc).figures():
            span, quantity = _to_quantity(doc, figure)
            span._.quantity = quantity
            span._.counted_noun = figure.noun
            spans.append(span)
        doc.spans[SPAN_KEY] = spans
        return doc


@Language.factory("quantity_normalizer", default_config={})
def make_quantity_normalizer(nlp: Language, name: str) -> QuantityNormalizer:
    return QuantityNormalizer(nlp, name)

