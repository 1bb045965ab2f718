"""Pure normalisation of figures: number words, digits, scales, currencies, units, months.

Nothing here knows about spaCy; the quantity component asks these functions what a token or a
run of tokens means. Number words are read by ``text2num`` (a maintained parser of spelled-out
numbers); the tables below hold only what it does not cover.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from text_to_num import text2num

# -- numbers -----------------------------------------------------------------------------------

UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}
#: Multipliers that follow a number: "1.5 million", "11.1 lakh crore", "$2.5bn".
SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "crore": 1e7, "crores": 1e7, "cr": 1e7, "crs": 1e7,
    "hundreds": 1e2, "thousands": 1e3, "millions": 1e6, "billions": 1e9,
}
#: The scales as words in a spelled-out number ("two hundred", "a couple thousand", "five lakh").
SCALE_WORDS = frozenset({"hundred", "thousand", "million", "billion", "trillion", "lakh", "crore"})
#: The South Asian scales, which text2num does not know.
SOUTH_ASIAN_SCALES = frozenset({"lakh", "lakhs", "lac", "crore", "crores"})
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100,
}
#: Multiplicative words: "double" → 2, "twice" → 2.
MULTIPLES = {"double": 2, "doubled": 2, "doubling": 2, "twice": 2, "triple": 3, "tripled": 3, "treble": 3,
             "thrice": 3, "quadruple": 4, "quadrupled": 4, "twofold": 2, "threefold": 3, "fourfold": 4,
             "fivefold": 5, "tenfold": 10, "hundredfold": 100, "halved": 0.5}

_DIGITS = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d{1,2}(,\d{2})+,\d{3}|\d+)(\.\d+)?$")
_DIGITS_SCALED = re.compile(r"^([+-]?\d[\d,]*(?:\.\d+)?)(k|m|mn|bn|b|tn|trn)$", re.IGNORECASE)
_ORDINAL_DIGITS = re.compile(r"^(\d+)(st|nd|rd|th)$", re.IGNORECASE)
_DECADE = re.compile(r"^(\d{2}|\d{4})'?s$")


#: Fractions written as one character: "½ teaspoon", "2½ years".
VULGAR_FRACTIONS = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅖": 0.4, "⅗": 0.6,
                    "⅘": 0.8, "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 0.125, "⅜": 0.375, "⅝": 0.625, "⅞": 0.875}
_VULGAR = re.compile(r"^(\d*)([" + "".join(VULGAR_FRACTIONS) + r"])$")
#: "1/4", "3/40": a proper fraction of small numbers ("9/11" is a date, "24/7" and "50/50" are no fractions).
_SLASH_FRACTION = re.compile(r"^([1-9]\d{0,2})/([1-9]\d{0,2})$")
#: Scientific notation: "4e14", "-1e-3", "2.48×10−5" (the exponent's minus may be U+2212; two digits at most,
#: so that no value overflows a float).
_SCIENTIFIC = re.compile(r"^([+\-−]?\d+(?:\.\d+)?)(?:[eE]|[×x]10\^?)([+\-−]?\d{1,2})$")


def parse_digits(text: str) -> float | None:
    """A number written in digits: ``1,234.5``, ``1,00,000`` (Indian grouping), ``-12``, ``2.5bn``,
    ``½``, ``2½``, ``1/40``, ``4e14``, ``2.48×10−5``."""
    text = text.strip()
    if _DIGITS.match(text):
        return float(text.replace(",", ""))
    scaled = _DIGITS_SCALED.match(text)
    if scaled and _DIGITS.match(scaled.group(1)):
        return float(scaled.group(1).replace(",", "")) * SCALES[scaled.group(2).lower()]
    return _parse_special(text)


def _parse_special(text: str) -> float | None:
    """Fractions and scientific notation (see :func:`parse_digits`)."""
    vulgar = _VULGAR.match(text)
    if vulgar:
        return float(vulgar.group(1) or 0) + VULGAR_FRACTIONS[vulgar.group(2)]
    slash = _SLASH_FRACTION.match(text)
    if slash:
        numerator, denominator = int(slash.group(1)), int(slash.group(2))
        return numerator / denominator if numerator < denominator and text != "9/11" else None
    scientific = _SCIENTIFIC.match(text)
    if scientific:
        mantissa, exponent = (float(part.replace("−", "-")) for part in scientific.groups())
        return mantissa * 10 ** exponent
    return None


def is_fraction(text: str) -> bool:
    """A fraction below one written in digits: "1/2", "½" (the tail of "2 1/2")."""
    return bool(_SLASH_FRACTION.match(text) or text in VULGAR_FRACTIONS) and parse_digits(text) is not None


def fraction_denominator(word: str) -> float | None:
    """The denominator a word names in a fraction: "half" 2, "thirds" 3, "quarter" 4, "tenths" 10."""
    if word in ("half", "halves"):
        return 2.0
    if word in ("quarter", "quarters"):
        return 4.0
    rank = parse_ordinal(word.removesuffix("s"))
    return float(rank) if rank and rank >= 3 else None


def parse_ordinal(text: str) -> int | None:
    """``sixth`` → 6, ``21st`` → 21, ``twenty-first`` → 21."""
    low = text.lower()
    if low in ORDINALS:
        return ORDINALS[low]
    digits = _ORDINAL_DIGITS.match(low)
    if digits:
        return int(digits.group(1))
    head, _, tail = low.rpartition("-")
    if head in TENS_WORDS and tail in ORDINALS and ORDINALS[tail] < 10:
        return TENS_WORDS[head] + ORDINALS[tail]
    return None


def parse_decade(text: str) -> int | None:
    """``1990s`` → 1990; ``90s`` → None (century unknown)."""
    match = _DECADE.match(text)
    if match and len(match.group(1)) == 4:
        return int(match.group(1))
    return None


def is_number_word(word: str) -> bool:
    low = word.lower()
    return low in UNITS_WORDS or low in TENS_WORDS or low in SCALE_WORDS


def parse_words(words: list[str]) -> float | None:
    """Spelled-out numbers, hyphens already split off: ``["forty", "two", "thousand"]`` → 42000."""
    if not words:
        return None
    phrase = " ".join(w.lower() for w in words)
    try:
        return float(text2num(phrase, "en"))
    except ValueError:
        pass
    # text2num does not know the South Asian scales: read the prefix and apply them.
    total, current = 0.0, None
    for word in (w.lower() for w in words):
        if word in SOUTH_ASIAN_SCALES:
            current = (current or 1.0) * SCALES[word]
            continue
        if current is not None and word not in ("and",):
            total += current
            current = None
        value = UNITS_WORDS.get(word, TENS_WORDS.get(word))
        if value is None:
            return None
        current = float(value)
    return total + (current or 0.0)


def apply_scale(value: float, scale_words: list[str]) -> float:
    """``11.1`` with ``["lakh", "crore"]`` → 1.11e13."""
    for word in scale_words:
        value *= SCALES[word.lower()]
    return value


# -- currencies --------------------------------------------------------------------------------

#: Prefix symbols and codes (token text as spaCy splits it) → ISO 4217.
CURRENCY_PREFIXES = {
    "$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
    "¥": "JPY", "jpy": "JPY", "cn¥": "CNY", "rmb": "CNY", "cny": "CNY", "rs": "INR", "rs.": "INR",
    "₹": "INR", "inr": "INR", "a$": "AUD", "aud": "AUD", "c$": "CAD", "cad": "CAD", "hk$": "HKD",
    "chf": "CHF", "₩": "KRW", "krw": "KRW", "₽": "RUB", "rub": "RUB", "r$": "BRL", "brl": "BRL",
    "₦": "NGN", "zar": "ZAR", "sgd": "SGD", "s$": "SGD", "nz$": "NZD", "₺": "TRY", "pkr": "PKR",
    "tk": "BDT", "৳": "BDT", "bdt": "BDT", "rp": "IDR", "idr": "IDR", "rm": "MYR", "myr": "MYR", "₱": "PHP",
    "php": "PHP", "₫": "VND", "vnd": "VND", "฿": "THB", "thb": "THB", "lkr": "LKR", "npr": "NPR", "aed": "AED",
    "sar": "SAR", "egp": "EGP", "kes": "KES", "ksh": "KES", "ghs": "GHS", "₵": "GHS", "₴": "UAH", "uah": "UAH",
}
#: Currency words that follow the number → ISO 4217.
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "sterling": "GBP", "yen": "JPY",
    "yuan": "CNY", "renminbi": "CNY", "rupee": "INR", "rupees": "INR", "won": "KRW", "rouble": "RUB",
    "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "real": "BRL", "reais": "BRL", "naira": "NGN",
    "rand": "ZAR", "lira": "TRY", "francs": "CHF", "pesos": "MXN", "usd": "USD", "eur": "EUR", "inr": "INR",
    "taka": "BDT", "ringgit": "MYR", "rupiah": "IDR", "baht": "THB", "dong": "VND", "dirhams": "AED",
    "riyals": "SAR", "shillings": "KES", "hryvnias": "UAH",
    "cny": "CNY", "rmb": "CNY", "gbp": "GBP", "jpy": "JPY",
}
#: Hundredths of a currency: "76 cents" is $0.76.
CURRENCY_SUBUNITS = {"cent": ("USD", 0.01), "cents": ("USD", 0.01), "pence": ("GBP", 0.01), "penny": ("GBP", 0.01),
                     "paise": ("INR", 0.01), "bucks": ("USD", 1.0), "buck": ("USD", 1.0)}
#: Words before a currency word that pick the country: "Hong Kong dollars", "Australian dollars".
CURRENCY_COUNTRIES = {
    ("us", "dollar"): "USD", ("american", "dollar"): "USD", ("australian", "dollar"): "AUD",
    ("canadian", "dollar"): "CAD", ("hong", "dollar"): "HKD", ("singapore", "dollar"): "SGD",
    ("indian", "rupee"): "INR", ("pakistani", "rupee"): "PKR", ("sri", "rupee"): "LKR",
    ("swiss", "franc"): "CHF", ("mexican", "peso"): "MXN", ("chinese", "yuan"): "CNY",
}


def currency_prefix(token_text: str) -> str | None:
    return CURRENCY_PREFIXES.get(token_text.lower())


def currency_word(token_text: str) -> str | None:
    return CURRENCY_WORDS.get(token_text.lower())


# -- units -------------------------------------------------------------------------------------

#: Time units (lowercase surface → (unit, multiplier)). A decade is ten years.
TIME_UNITS = {
    "year": ("year", 1), "years": ("year", 1), "yr": ("year", 1), "yrs": ("year", 1),
    "month": ("month", 1), "months": ("month", 1), "week": ("week", 1), "weeks": ("week", 1),
    "day": ("day", 1), "days": ("day", 1), "hour": ("hour", 1), "hours": ("hour", 1),
    "minute": ("minute", 1), "minutes": ("minute", 1), "second": ("second", 1), "seconds": ("second", 1),
    "decade": ("year", 10), "decades": ("year", 10), "century": ("year", 100), "centuries": ("year", 100),
    "fortnight": ("week", 2), "millennium": ("year", 1000), "quarter": ("month", 3), "quarters": ("month", 3),
}

#: Measure units as token sequences (lowercase) → short unit name. Longest match wins.
MEASURE_UNITS: dict[tuple[str, ...], str] = {}


def _units(names: str, unit: str) -> None:
    for name in names.split("|"):
        MEASURE_UNITS[tuple(name.split())] = unit


_units("km|kms|kilometre|kilometres|kilometer|kilometers", "km")
_units("m|metre|metres|meter|meters", "m")
_units("cm|centimetre|centimetres|centimeter|centimeters", "cm")
_units("mm|millimetre|millimetres|millimeter|millimeters", "mm")
_units("mile|miles|mi", "mi")
_units("foot|feet|ft", "ft")
_units("inch|inches", "in")
_units("km^2|km2|km²|sq km|square kilometre|square kilometres|square kilometer|square kilometers", "km2")
_units("m^2|m2|m²|sq m|square metre|square metres|square meter|square meters", "m2")
_units("square mile|square miles|sq mi", "mi2")
_units("km^3|km3|km³|cubic kilometre|cubic kilometres|cubic kilometer|cubic kilometers", "km3")
_units("m^3|m3|m³|cubic metre|cubic metres|cubic meter|cubic meters", "m3")
_units("hectare|hectares|ha", "ha")
_units("acre|acres", "acre")
_units("kg|kgs|kilo|kilos|kilogram|kilograms|kilogramme|kilogrammes", "kg")
_units("g|gram|grams|gramme|grammes", "g")
_units("mg|milligram|milligrams", "mg")
_units("t|tonne|tonnes|ton|tons|metric ton|metric tons|metric tonnes", "t")
_units("lb|lbs|pound|pounds", "lb")
_units("l|litre|litres|liter|liters", "l")
_units("ml|millilitre|millilitres|milliliter|milliliters", "ml")
_units("gallon|gallons", "gal")
_units("teaspoon|teaspoons|tsp", "tsp")
_units("tablespoon|tablespoons|tbsp", "tbsp")
_units("barrels per day|barrels a day|barrel per day|bpd|b / d", "bbl/d")
_units("barrel|barrels|bbl", "bbl")
_units("mw|megawatt|megawatts", "MW")
_units("gw|gigawatt|gigawatts", "GW")
_units("kw|kilowatt|kilowatts", "kW")
_units("kwh|kilowatt hour|kilowatt hours|kilowatt-hour|kilowatt-hours", "kWh")
_units("mwh|megawatt hour|megawatt hours", "MWh")
_units("gwh|gigawatt hour|gigawatt hours", "GWh")
_units("twh|terawatt hour|terawatt hours", "TWh")
_units("°c|° c|degrees celsius|degree celsius|celsius|degrees centigrade|°", "degC")
_units("°f|° f|degrees fahrenheit|degree fahrenheit|fahrenheit", "degF")
_units("degrees|degree", "deg")
_units("magnitude|richter", "magnitude")
_units("j|joule|joules", "J")
_units("kj|kilojoule|kilojoules", "kJ")
_units("mj|megajoule|megajoules", "MJ")
_units("gj|gigajoule|gigajoules", "GJ")
_units("light year|light years|light - year|light - years", "ly")
_units("mph|miles per hour", "mph")
_units("km/h|km / h|kph|kmph|kmh|kilometres per hour|kilometers per hour|kilometres an hour|kilometers an hour", "km/h")
_units("knots|knot", "kn")
_units("mbps|megabits per second", "Mbps")
_units("gb|gigabytes|gigabyte", "GB")
_units("tb|terabytes|terabyte", "TB")
_units("calories|calorie|kcal", "kcal")
_units("ppm|parts per million", "ppm")
_units("hz|hertz", "Hz")
_units("ghz|gigahertz", "GHz")

MAX_UNIT_TOKENS = max(len(key) for key in MEASURE_UNITS)

#: "30.07.2024": day, month and year with dots, as India and continental Europe write a date (the US writes
#: month first, but with slashes).
DOTTED_DATE = r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>(?:19|20)\d{2})"

#: Month names and abbreviations → month number. ("May" is left to context by the caller.)
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
    "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}


def month_number(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def is_plausible_year(value: float) -> bool:
    return value == int(value) and 1000 <= value <= 2100


_WRITTEN_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


#: A time run, raced or played, as results write it: "2:05:12" (hours, minutes, seconds), "2:05:12.4", or
#: "3:26.34" (minutes and seconds to a hundredth); a bare "10:30" is a clock time.
RACE_TIME = re.compile(r"(?:(?P<h>\d{1,2}):)?(?P<m>\d{1,2}):(?P<s>[0-5]\d)(?:\.(?P<f>\d{1,3}))?")


def race_time(text: str) -> tuple[float, float] | None:
    """A race time in seconds with the precision it is written to ("2:05:12" → (7512.0, 1.0), "3:26.34" →
    (206.34, 0.01)), or None when the text is not one."""
    match = RACE_TIME.fullmatch(text)
    if match is None or match["h"] is None and match["f"] is None or match["h"] is not None and int(match["m"]) > 59:
        return None
    fraction = match["f"] or ""
    seconds = int(match["h"] or 0) * 3600 + int(match["m"]) * 60 + int(match["s"]) + (
        int(fraction) / 10 ** len(fraction) if fraction else 0.0)
    return round(seconds, 3), 10.0 ** -len(fraction)


def written_step(text: str, value: float) -> float | None:
    """The precision a figure is written to, in the unit of ``value``: one unit of its last written digit
    times its scale ("7.54 million" → 10000, "₹1,200 crore" → 1e9, "20" → 1). Trailing zeros of a number of
    four or more digits are read as rounding ("53,000" → 1000); of a smaller one they are not ("20", "300")."""
    timed = race_time(text)
    if timed is not None:
        return timed[1]
    match = _WRITTEN_NUMBER.search(text)
    if match is None:
        if not float(value).is_integer():
            return None
        digits = str(int(abs(value)))
        zeros = len(digits) - len(digits.rstrip("0"))
        return float(10 ** zeros) if abs(value) >= 1000 and zeros < len(digits) else 1.0
    number = match.group(0).replace(",", "")
    written = float(number)
    if written == 0:
        return None
    scale = abs(value / written) if value else 1.0
    whole, _, decimals = number.partition(".")
    if decimals:
        exponent = -len(decimals)
    else:
        zeros = len(whole) - len(whole.rstrip("0"))
        exponent = zeros if written >= 1000 and zeros < len(whole) else 0
    return 10.0 ** (exponent + round(math.log10(scale)))


def as_date(value) -> dt.date | None:
    """A date from a date, a datetime or an ISO string (a document's ``published``), else None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def nearest_year(month: int, day: int, published: dt.date) -> int | None:
    """The year of a date written without one ("on March 18"), read on a document's date: the occurrence
    within six months either side of it."""
    for year in (published.year, published.year - 1, published.year + 1):
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        if abs((date - published).days) <= 183:
            return year
    return None


#: A dateline at the head of a story: "NEW DELHI, 12 March 2024 —", "LONDON, March 12, 2024 -".
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'-]{1,40}(?:\s*\([^)]{1,30}\))?,\s*"
                       r"(?:(\d{1,2}) ([A-Z][a-z]+)\.?,? (\d{4})|([A-Z][a-z]+)\.? (\d{1,2}),? (\d{4}))\s*[—–:-]")


def only_a_dateline(text: str) -> bool:
    """Is the text a dateline and nothing else ("NEW DELHI, 12 March 2024 —", split off as a sentence)?"""
    match = _DATELINE.match(text)
    return match is not None and not text[match.end():].strip()


def dateline_date(text: str) -> str | None:
    """The date of a story's dateline, as an ISO date, or None: what a record without a date of its own
    is dated by (its undated "on 31 August" then has a year)."""
    match = _DATELINE.match(text)
    if match is None:
        return None
    day, month, year = (match.group(1), match.group(2), match.group(3)) if match.group(1) else \
        (match.group(5), match.group(4), match.group(6))
    number = month_number(month.lower())
    try:
        return dt.date(int(year), number, int(day)).isoformat() if number else None
    except ValueError:
        return None

