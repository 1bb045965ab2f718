"""When a figure is for: news wording of periods read as date intervals. Pure functions.

"in April" (the latest April up to the article's date), "April 2024", "the October-December quarter",
"Q3 FY24", "fiscal 2023-24", "2020-21", "last month", "a year earlier", "the first half of 2024",
"the 1990s": each becomes a :class:`Period`, an inclusive interval of days, so two figures can be
asked whether their times overlap. Relative wording is read against an anchor: the time of the
sentence, else the document's date.

Fiscal years differ by country (India and the UK from April, the US federal year from October), and a
text rarely says which: a fiscal year is read loosely, as the union of the two ("FY24" runs from
April 2023 to September 2024); a bare "Q3" likewise covers the calendar and the April-start fiscal
quarter. Loose readings only ever make two times overlap more often, which keeps a figure comparable
rather than wrongly ruled out; whether figures agree is decided by their values. A year written as two
("2022-23", "fiscal 2023-24") is the Indian and British form, April to March, read exactly: read loosely,
consecutive years would share six months, and one year's figure would seem to refute the next's.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from workbench.nlp.numbers import DOTTED_DATE, MONTHS

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "eighteen": 18, "24": 24}
RELATIVE_UNITS = {"year": 12, "years": 12, "month": 1, "months": 1, "quarter": 3, "quarters": 3}
WEEKDAYS = {name.lower() for name in calendar.day_name}


@dataclass(frozen=True)
class Period:
    """An inclusive interval of days."""

    start: dt.date
    end: dt.date

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]))

    @classmethod
    def months(cls, year: int, month: int, count: int) -> Period:
        """``count`` months from ``month`` of ``year`` (which may run into the next year)."""
        first = cls.month(year, month)
        last_index = year * 12 + month - 1 + count - 1
        return cls(first.start, cls.month(last_index // 12, last_index % 12 + 1).end)

    @classmethod
    def day(cls, date: dt.date) -> Period:
        return cls(date, date)

    def calendar_months(self) -> int:
        """How many calendar months the period touches, from its start's month to its end's ("2024-06-01" to
        "2025-05-31": 12)."""
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    def union(self, other: Period) -> Period:
        return Period(min(self.start, other.start), max(self.end, other.end))

    def shifted(self, months: int) -> Period:
        """The same span moved by whole months ("a year earlier": -12)."""
        def move(date: dt.date, end: bool) -> dt.date:
            index = date.year * 12 + date.month - 1 + months
            year, month = index // 12, index % 12 + 1
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, last if end and date.day == calendar.monthrange(date.year, date.month)[1]
                           else min(date.day, last))
        return Period(move(self.start, False), move(self.end, True))

    def iso(self) -> str:
        """The shortest ISO 8601 form: "2024", "2024-04", "2024-04-15", or an interval "2023-10/2023-12"."""
        whole_months = self.start.day == 1 and self.end.day == calendar.monthrange(self.end.year, self.end.month)[1]
        if whole_months and self.start.month == 1 and self.end.month == 12:
            first, last = f"{self.start.year:04d}", f"{self.end.year:04d}"
        elif whole_months:
            first, last = self.start.isoformat()[:7], self.end.isoformat()[:7]
        else:
            first, last = self.start.isoformat(), self.end.isoformat()
        return first if first == last else f"{first}/{last}"


@lru_cache(maxsize=10_000)
def from_iso(text: str | None) -> Period | None:
    """A Period from an ISO (partial) date or interval as stored ("2024", "2024-04", "1990/1999")."""
    if not text:
        return None
    first, _, last = text.partition("/")
    start, end = _iso_side(first), _iso_side(last or first)
    if start is None or end is None:
        return None
    return Period(start.start, end.end)


def _iso_side(text: str) -> Period | None:
    try:
        if len(text) == 4:
            return Period.year(int(text))
        if len(text) == 7:
            return Period.month(int(text[:4]), int(text[5:7]))
        return Period.day(dt.date.fromisoformat(text[:10]))
    except ValueError:
        return None


def latest_month(month: int, anchor: dt.date) -> Period:
    """"in April" read on ``anchor``: the latest April that has begun by then."""
    year = anchor.year if month <= anchor.month else anchor.year - 1
    return Period.month(year, month)


def fiscal_year(ending: int) -> Period:
    """The fiscal year that ends in ``ending``, loosely: April of the year before to September of ``ending``."""
    return Period(dt.date(ending - 1, 4, 1), dt.date(ending, 9, 30))


def quarter(number: int, year: int | None, anchor: dt.date, fiscal: bool = False) -> Period:
    """Calendar quarter ``number`` of ``year`` joined with the April-start fiscal quarter of that number;
    with ``fiscal`` (Q3 FY24), the fiscal quarters of that number of the fiscal years ending in ``year``
    (from April and from October). Without a year: the latest such quarter that has begun by ``anchor``."""
    if fiscal and year is not None:  # FY24 Q1: April 2023 (India, UK) or October 2023 (US federal)
        april = (year - 1) * 12 + 3 + (number - 1) * 3
        october = (year - 1) * 12 + 9 + (number - 1) * 3
        return Period.months(april // 12, april % 12 + 1, 3).union(Period.months(october // 12, october % 12 + 1, 3))
    if year is not None:
        calendar_quarter = Period.months(year, (number - 1) * 3 + 1, 3)
        return calendar_quarter.union(Period.months(year, (number - 1) * 3 + 4, 3)) if number < 4 else calendar_quarter
    for candidate in (anchor.year, anchor.year - 1):
        period = quarter(number, candidate, anchor)
        if period.start <= anchor:
            return period
    return quarter(number, anchor.year - 1, anchor)


def _year(text: str) -> int:
    """A year written in full or as two digits after another ("2023-24" → 2024)."""
    return int(text) if len(text) == 4 else 2000 + int(text)


def _years_of_a_span(match: re.Match) -> tuple[int, int]:
    """The first and last years of a span written as two ("2023-24", "FY2025-26"): a second year of two
    digits is in the first one's century."""
    first, last = _year(match["a"]), _year(match["b"])
    if len(match["b"]) == 2:
        last = first // 100 * 100 + int(match["b"])
    return first, last


PATTERNS: list[tuple[re.Pattern, object]] = []


def pattern(regex: str):
    def register(function):
        PATTERNS.append((re.compile(regex), function))
        return function
    return register


SPAN_UNITS = {"month": 1, "months": 1, "year": 12, "years": 12, "quarter": 3,
              "quarters": 3, "half": 6, "half-year": 6, "half year": 6, "fiscal year": 12, "financial year": 12}
_COUNT = r"(?P<n>\d+|" + "|".join(NUMBER_WORDS) + r")"


@pattern(r"\b(?:" + _COUNT + r"\s+)?(?P<unit>weeks?|months?|years?|quarters?|half[- ]year|half|fiscal year|"
         r"financial year)\s+(?:to|ended|ending|through|until|till)\s+(?P<end>.+)$")
def _span_to(match: re.Match, anchor: dt.date) -> Period | None:
    """"the 52 weeks to 24 February 2024", "the year ended March 31, 2024", "the three months to June"."""
    end = read_period(match["end"], anchor)
    if end is None:
        return None
    count = match["n"]
    number = 1 if count is None else int(count) if count.isdigit() else NUMBER_WORDS[count]
    if match["unit"].startswith("week"):
        return Period(end.end - dt.timedelta(weeks=number) + dt.timedelta(days=1), end.end)
    months = number * SPAN_UNITS[match["unit"]]
    start_index = end.end.year * 12 + end.end.month - 1 - (round(months) - 1)
    return Period(dt.date(start_index // 12, start_index % 12 + 1, 1), end.end)


_PART = r"(?:q(?P<q>[1-4])|(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter|h(?P<h>[12])|" \
        r"(?P<half>first|second)\s+half)"


@pattern(r"\b" + _PART + r"\s*(?:of\s+)?(?:(?:fiscal|financial year|fy|f\.y\.)\s*'?)?"
         r"(?P<a>(?:19|20)\d{2}|\d{2})\s*[-–—/]\s*(?P<b>\d{2}|(?:19|20)\d{2})\b")
def _part_of_a_year_span(match: re.Match, anchor: dt.date) -> Period | None:
    """"Q1 FY2025-26", "H1 2024-25": a quarter or half of a fiscal year written as two, April to March."""
    first, last = _years_of_a_span(match)
    if last - first != 1:
        return None
    if match["q"] or match["ord"]:
        number, months = int(match["q"]) if match["q"] else ORDINAL_WORDS[match["ord"]], 3
    else:
        number, months = 1 if match["h"] == "1" or match["half"] == "first" else 2, 6
    start = first * 12 + 3 + (number - 1) * months
    return Period.months(start // 12, start % 12 + 1, months)


@pattern(r"\b(?:fiscal year|fiscal|financial year|fy|f\.y\.)\s*'?(?P<a>\d{4}|\d{2})\s*[-–—/]\s*(?P<b>\d{4}|\d{2})\b")
@pattern(r"\b(?P<a>(?:19|20)\d{2})\s*[-–—/]\s*(?P<b>\d{2}|(?:19|20)\d{2})\b(?!\s*(?:%|per|percent))")
def _year_span(match: re.Match, anchor: dt.date) -> Period | None:
    first, last = _years_of_a_span(match)
    if not 0 < last - first <= 10:
        return None
    if last - first == 1:  # "2023-24": a fiscal year from April
        return Period(dt.date(first, 4, 1), dt.date(last, 3, 31))
    return Period(dt.date(first, 1, 1), dt.date(last, 12, 31))


@pattern(r"\b(?:q(?P<q>[1-4])|(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter)"
         r"(?:\s*(?:of\s+)?(?:(?P<fy>fiscal|fy|financial year)\s*'?(?P<fyear>\d{4}|\d{2})|(?P<year>\d{4})))?")
def _quarter(match: re.Match, anchor: dt.date) -> Period:
    number = int(match["q"]) if match["q"] else ORDINAL_WORDS[match["ord"]]
    if match["fy"]:
        return quarter(number, _year(match["fyear"]), anchor, fiscal=True)
    return quarter(number, int(match["year"]) if match["year"] else None, anchor)


@pattern(r"\b(?P<m1>" + "|".join(MONTHS) + r")\.?(?:\s*[-–—]\s*|\s+(?:to|through|until)\s+)(?P<m2>"
         + "|".join(MONTHS) + r")\.?(?:\s+(?:quarter|period|months))?(?:,?\s+(?:of\s+)?(?P<year>\d{4}))?")
def _month_span(match: re.Match, anchor: dt.date) -> Period:
    """"the October-December quarter", "the June-August period", "April to June 2024"."""
    first, last = MONTHS[match["m1"]], MONTHS[match["m2"]]
    count = (last - first) % 12 + 1
    if match["year"]:
        year = int(match["year"]) if last >= first else int(match["year"]) - 1
        return Period.months(year, first, count)
    end = latest_month(last, anchor)
    start_index = end.start.year * 12 + end.start.month - 1 - (count - 1)
    return Period.months(start_index // 12, start_index % 12 + 1, count)


@pattern(r"\b(?P<m>" + "|".join(MONTHS) + r")\.?\s+quarter\b")
def _quarter_ended(match: re.Match, anchor: dt.date) -> Period:
    """"the June quarter": the three months ending in June."""
    end = latest_month(MONTHS[match["m"]], anchor)
    start_index = end.start.year * 12 + end.start.month - 3
    return Period.months(start_index // 12, start_index % 12 + 1, 3)


@pattern(r"\b(?:(?P<half>first|second)\s+half|h(?P<h>[12]))(?:\s*(?:of\s+)?(?:(?P<fy>fiscal|fy|financial year)\s*'?"
         r"(?P<fyear>\d{4}|\d{2})|(?P<year>\d{4})))?")
def _half(match: re.Match, anchor: dt.date) -> Period:
    number = 1 if (match["half"] or "") == "first" or match["h"] == "1" else 2
    if match["fy"]:  # H1 FY25: from April 2024 (India, UK) or from October 2024 (US federal)
        start = (_year(match["fyear"]) - 1) * 12 + 3 + (number - 1) * 6
        return Period.months(start // 12, start % 12 + 1, 6).union(Period.months((start + 6) // 12,
                                                                                 (start + 6) % 12 + 1, 6))
    year = int(match["year"]) if match["year"] else (anchor.year if number == 1 or anchor.month > 6 else
                                                     anchor.year - 1)
    return Period.months(year, 1 if number == 1 else 7, 6)


@pattern(r"\b(?:fiscal year|fiscal|financial year|fy)\s*'?(?P<year>\d{4}|\d{2})\b")
def _fiscal(match: re.Match, anchor: dt.date) -> Period:
    return fiscal_year(_year(match["year"]))


_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY = r"(?:st|nd|rd|th)?"
_TO = r"\s*(?:-|–|—|to|and|until|till|through)\s*"
_OF_YEAR = r"(?:,?\s+(?P<year>\d{4}))?"


@pattern(r"\b(?P<d1>\d{1,2})" + _DAY + r"\s+(?P<m1>" + _NAMES + r")\.?" + _TO + r"(?P<d2>\d{1,2})" + _DAY
         + r"\s+(?P<m2>" + _NAMES + r")\b\.?" + _OF_YEAR)
@pattern(r"\b(?P<m1>" + _NAMES + r")\.?\s+(?P<d1>\d{1,2})" + _DAY + _TO + r"(?P<m2>" + _NAMES + r")\.?\s+"
         r"(?P<d2>\d{1,2})" + _DAY + r"\b" + _OF_YEAR)
@pattern(r"\b(?P<d1>\d{1,2})" + _DAY + _TO + r"(?P<d2>\d{1,2})" + _DAY + r"\s+(?P<m2>" + _NAMES + r")\b\.?"
         + _OF_YEAR)
@pattern(r"\b(?P<m2>" + _NAMES + r")\.?\s+(?P<d1>\d{1,2})" + _DAY + _TO + r"(?P<d2>\d{1,2})" + _DAY + r"\b"
         + _OF_YEAR)
def _day_span(match: re.Match, anchor: dt.date) -> Period | None:
    """"1 to 7 June 2024", "June 1-7, 2024", "from 1 March to 31 May 2024": a run of days, as health
    bulletins and disaster reports count."""
    last_month = MONTHS[match["m2"]]
    first_month = MONTHS[match["m1"]] if "m1" in match.groupdict() else last_month
    year = int(match["year"]) if match["year"] else latest_month(last_month, anchor).start.year
    try:
        start = dt.date(year if first_month <= last_month else year - 1, first_month, int(match["d1"]))
        end = dt.date(year, last_month, int(match["d2"]))
    except ValueError:
        return None
    return Period(start, end) if start < end else None


WEEK_OF_MONTH = {"first": 1, "second": 8, "third": 15, "fourth": 22}


@pattern(r"\b(?P<week>first|second|third|fourth|last)\s+week\s+of\s+(?P<m>" + _NAMES + r")\b\.?" + _OF_YEAR)
def _week_of_month(match: re.Match, anchor: dt.date) -> Period:
    """"the first week of June": its first seven days; "the last week of March": its last seven."""
    month = MONTHS[match["m"]]
    whole = Period.month(int(match["year"]), month) if match["year"] else latest_month(month, anchor)
    if match["week"] == "last":
        return Period(whole.end - dt.timedelta(days=6), whole.end)
    start = whole.start.replace(day=WEEK_OF_MONTH[match["week"]])
    return Period(start, start + dt.timedelta(days=6))


@pattern(r"\b" + DOTTED_DATE + r"\b")
def _dotted_date(match: re.Match, anchor: dt.date) -> Period | None:
    """"07.08.2025": day, month and year, as India and continental Europe write a date with dots (the US
    writes month first, but with slashes, which stay unread)."""
    try:
        return Period.day(dt.date(int(match["year"]), int(match["month"]), int(match["day"])))
    except ValueError:
        return None


@pattern(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b")
@pattern(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b")
def _full_date(match: re.Match, anchor: dt.date) -> Period | None:
    try:
        return Period.day(dt.date(int(match["year"]), MONTHS[match["month"]], int(match["day"])))
    except ValueError:
        return None


@pattern(r"\b" + _MONTH + r",?\s+(?P<year>\d{4})\b")
def _month_year(match: re.Match, anchor: dt.date) -> Period:
    return Period.month(int(match["year"]), MONTHS[match["month"]])


@pattern(r"\b(?:between|from)\s+(?P<a>(?:19|20)\d{2})\s+(?:and|to|until)\s+(?P<b>(?:19|20)\d{2})\b")
def _years_between(match: re.Match, anchor: dt.date) -> Period | None:
    first, last = int(match["a"]), int(match["b"])
    return Period(dt.date(first, 1, 1), dt.date(last, 12, 31)) if first <= last else None


@pattern(r"\b(?P<century>1[89]|20)(?P<decade>\d)0'?s\b")
def _decade(match: re.Match, anchor: dt.date) -> Period:
    start = int(match["century"]) * 100 + int(match["decade"]) * 10
    return Period(dt.date(start, 1, 1), dt.date(start + 9, 12, 31))


@pattern(r"\b(?P<year>(?:1[89]|20)\d{2})\b")
def _bare_year(match: re.Match, anchor: dt.date) -> Period:
    return Period.year(int(match["year"]))


@pattern(r"\b(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+)?" + _MONTH + r"(?:\s+(?P<day2>\d{1,2})(?:st|nd|rd|th)?)?\b")
def _month(match: re.Match, anchor: dt.date) -> Period | None:
    if match["month"] == "may" and not match.group(0).strip().lower().startswith(("may", "in may")):
        return None
    period = latest_month(MONTHS[match["month"]], anchor)
    day = match["day"] or match["day2"]
    if day and 1 <= int(day) <= calendar.monthrange(period.start.year, period.start.month)[1]:
        return Period.day(period.start.replace(day=int(day)))
    return period


@pattern(r"\b(?P<which>last|this|next|past|previous|current)\s+(?P<unit>year|month|week|quarter)\b")
def _this_or_last(match: re.Match, anchor: dt.date) -> Period:
    shift = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1}[match["which"]]
    unit = match["unit"]
    if unit == "year":
        return Period.year(anchor.year + shift)
    if unit == "month":
        index = anchor.year * 12 + anchor.month - 1 + shift
        return Period.month(index // 12, index % 12 + 1)
    if unit == "quarter":
        index = anchor.year * 12 + (anchor.month - 1) // 3 * 3 + shift * 3
        return Period.months(index // 12, index % 12 + 1, 3)
    monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=shift)
    return Period(monday, monday + dt.timedelta(days=6))


SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


@pattern(r"\b(?:(?P<which>last|this|next|coming)\s+)?(?P<season>spring|summer|autumn|fall|winter)"
         r"(?:\s+(?:of\s+)?(?P<year>\d{4}))?\b")
def _season(match: re.Match, anchor: dt.date) -> Period:
    """"next spring", "summer 2024": three months from the season's first (northern) month."""
    month = SEASONS[match["season"]]
    if match["year"]:
        year = int(match["year"])
    else:
        current = anchor.year if month <= anchor.month else anchor.year - 1
        year = current + {"last": -1, "next": 1, "coming": 1}.get(match["which"] or "", 0)
    return Period.months(year, month, 3)


@pattern(r"\b(?P<word>today|yesterday|tonight)\b")
def _day_word(match: re.Match, anchor: dt.date) -> Period:
    return Period.day(anchor - dt.timedelta(days=1 if match["word"] == "yesterday" else 0))


@pattern(r"\b(?P<weekday>" + "|".join(WEEKDAYS) + r")\b")
def _weekday(match: re.Match, anchor: dt.date) -> Period:
    """"on Thursday": the week up to the anchor."""
    return Period(anchor - dt.timedelta(days=6), anchor)


#: "a year earlier", "a year ago": the same span one year before the time it is read against.
_RELATIVE = re.compile(r"\b(?:(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|eighteen|\d+)\s+"
                       r"(?P<unit>years?|months?|quarters?)\s+(?:earlier|ago|before|previously)|"
                       r"the\s+(?:previous|prior|preceding)\s+(?P<unit2>year|quarter|month)|"
                       r"(?P<ago>year|quarter)[- ]ago|"
                       r"last\s+year'?s\s+(?:corresponding|same))\b")


def relative_shift(text: str) -> int | None:
    """Months a phrase moves its anchor back by ("a year earlier" → -12), or None when it does not."""
    match = _RELATIVE.search(text.lower())
    if match is None:
        return None
    if match["n"]:
        count = int(match["n"]) if match["n"].isdigit() else NUMBER_WORDS[match["n"]]
        return -count * RELATIVE_UNITS[match["unit"]]
    unit = match["unit2"] or match["ago"] or "year"
    return -RELATIVE_UNITS[unit]


def read_period(text: str, anchor: dt.date, reference: Period | None = None) -> Period | None:
    """The period a time phrase names, read on ``anchor`` (the document's date); a phrase relative to the
    time being talked about ("a year earlier") moves ``reference`` (that time), else the anchor's year."""
    low = " ".join(text.lower().split())
    shift = relative_shift(low)
    if shift is not None:
        if reference is None:
            unit_months = -shift if -shift in (1, 3) else 12
            start = (anchor.year * 12 + anchor.month - 1) // unit_months * unit_months
            reference = Period.months(start // 12, start % 12 + 1, unit_months)
        return reference.shifted(shift)
    for regex, reader in PATTERNS:
        match = regex.search(low)
        if match:
            period = reader(match, anchor)
            if period is not None:
                return period
    return None
