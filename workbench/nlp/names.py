"""Names of places and peoples, normalised so that different spellings of one place compare equal.

"Chinese troops" and "China's soldiers" are about one country; "the UK", "Britain" and "British" too.
:func:`place_key` reduces a place or nationality to one key; anything it does not know stays as written
(lowercased, without "the" and a possessive).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pycountry

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
    "welsh": "wales", "scottish": "scotland", "scots": "scotland", "english": "england", "irish": "ireland",
    "northern irish": "northern ireland", "congolese": "congo", "angolan": "angola", "libyan": "libya",
    "gazan": "gaza", "taiwanese": "taiwan", "argentine": "argentina", "argentinian": "argentina",
    "chilean": "chile", "colombian": "colombia", "peruvian": "peru", "venezuelan": "venezuela",
    "cuban": "cuba", "norwegian": "norway", "danish": "denmark", "finnish": "finland", "belgian": "belgium",
    "swiss": "switzerland", "austrian": "austria", "portuguese": "portugal", "romanian": "romania",
    "hungarian": "hungary", "czech": "czechia", "serbian": "serbia", "croatian": "croatia",
    "emirati": "uae", "qatari": "qatar", "jordanian": "jordan", "moroccan": "morocco", "algerian": "algeria",
    "tunisian": "tunisia", "ghanaian": "ghana", "south african": "south africa", "ugandan": "uganda",
    "tanzanian": "tanzania", "rwandan": "rwanda", "zimbabwean": "zimbabwe", "maldivian": "maldives",
    "bhutanese": "bhutan", "singaporean": "singapore", "cambodian": "cambodia", "mongolian": "mongolia",
    "kazakh": "kazakhstan", "uzbek": "uzbekistan", "new zealander": "new zealand",
}
#: Other names of one country → the key its nationality maps to.
COUNTRY_ALIASES = {
    "united states": "us", "united states of america": "us", "usa": "us", "u.s.": "us", "u.s.a.": "us",
    "america": "us", "united kingdom": "uk", "britain": "uk", "great britain": "uk", "england": "uk", "u.k.": "uk",
    "people's republic of china": "china", "prc": "china", "republic of india": "india", "bharat": "india",
    "russian federation": "russia", "south korea": "korea", "republic of korea": "korea", "uae": "uae",
    "united arab emirates": "uae", "saudi arabia": "saudi", "burma": "myanmar", "türkiye": "turkey",
    "eurozone": "europe", "euro area": "europe", "european union": "europe", "eu": "europe",
    "drc": "congo", "democratic republic of congo": "congo", "democratic republic of the congo": "congo",
}


#: Countries that share their name with a US state: by name alone, either may be meant.
US_STATE_NAMESAKES = {"Georgia"}


def _iso_country_names() -> set[str]:
    """Every country of ISO 3166 by the name a newsroom writes ("Niger", "Bolivia", "Iran"): its common
    name, else its short name when that is not an inverted form ("Korea, Republic of")."""
    names = set()
    for country in pycountry.countries:
        if country.name in US_STATE_NAMESAKES:
            continue
        for name in (getattr(country, "common_name", None), country.name):
            if name and "," not in name:
                names.add(name.lower())
                break
    return names


#: The keys of countries (ISO 3166's, the tables' aliases, and the few unions, regions and nations they
#: name): places of one level.
COUNTRIES = frozenset(DEMONYMS.values()) | frozenset(COUNTRY_ALIASES.values()) | {
    "wales", "scotland", "northern ireland", "england"} | frozenset(
    COUNTRY_ALIASES.get(name, name) for name in _iso_country_names())


@lru_cache(maxsize=50_000)
def place_key(name: str) -> str:
    """One key per place: "Chinese" → "china", "Britain" → "uk", "the United States" → "us" (cached: every
    candidate's places are keyed)."""
    low = " ".join(name.lower().replace("’", "'").split())
    for prefix in ("the ",):
        low = low.removeprefix(prefix)
    low = low.removesuffix("'s").removesuffix("'").strip()
    if low in DEMONYMS:
        low = DEMONYMS[low]
    elif low.endswith("s") and low[:-1] in DEMONYMS:  # "Indians", "Afghans"
        low = DEMONYMS[low[:-1]]
    return COUNTRY_ALIASES.get(low, low)


#: Subdivision names that are also ordinary words of other names ("Central", "Northern") or a well-known
#: company's ("Delta"): never a place alone.
_AMBIGUOUS_SUBDIVISIONS = frozenset("""central northern southern eastern western north south east west capital
coast islands upper lower delta""".split())


def _folded(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)).lower()


#: Countries whose second level of ISO 3166-2 is what their news calls a place.
SUBDIVIDED_NATIONS = {"GB"}


@lru_cache(maxsize=1)
def _subdivisions() -> dict[str, frozenset[str]]:
    """The states, provinces and regions of ISO 3166-2 (its data ships in pycountry's wheel), accents folded
    ("Himāchal Pradesh" is written "Himachal Pradesh" in news copy), each with the keys of the countries it
    names a part of ("Punjab": India's and Pakistan's). Only the first level, where the thousands of
    districts and municipalities below it share too many names with companies and people (Morocco's province
    of Tata); but Britain's counties and unitary authorities, which ISO 3166-2 lists under its four nations,
    are the places of its local news ("Powys", "Monmouthshire")."""
    countries: dict[str, set[str]] = {}
    for subdivision in pycountry.subdivisions:
        if getattr(subdivision, "parent_code", None) and subdivision.country_code not in SUBDIVIDED_NATIONS:
            continue
        country = pycountry.countries.get(alpha_2=subdivision.country_code)
        key = place_key(getattr(country, "common_name", None) or country.name) if country else None
        for part in subdivision.name.split(";"):
            # "Monmouthshire [Sir Fynwy GB-FYN]": the English name; "Bristol, City of": Bristol
            name = _folded(re.sub(r"\s*\[.*?\]", "", part).split(",")[0].strip())
            if name and name not in _AMBIGUOUS_SUBDIVISIONS:
                countries.setdefault(name, set()).update([key] if key else [])
    return {name: frozenset(keys) for name, keys in countries.items()}


def is_subdivision(name: str) -> bool:
    """A state, province or region ("Karnataka", "Tamil Nadu", "Khyber Pakhtunkhwa", "Kentucky"): a place even
    where spaCy's small model labels it an organisation or a person."""
    return _folded(place_key(name)) in _subdivisions()


def countries_of(name: str) -> frozenset[str]:
    """The keys of the countries a state, province or region is part of ("Ladakh" → India's), else none."""
    return _subdivisions().get(_folded(place_key(name)), frozenset())


#: Olympic (IOC) codes that differ from ISO 3166's, as results tables write them ("Lin Cheng-hao (TPE)").
IOC_CODES = {"GER": "Germany", "NED": "Netherlands", "SUI": "Switzerland", "RSA": "South Africa",
             "POR": "Portugal", "DEN": "Denmark", "CRO": "Croatia", "GRE": "Greece", "BUL": "Bulgaria",
             "TPE": "Taiwan", "INA": "Indonesia", "MAS": "Malaysia", "PHI": "Philippines", "KSA": "Saudi Arabia",
             "IRI": "Iran", "CHI": "Chile", "LAT": "Latvia", "SLO": "Slovenia", "NGR": "Nigeria",
             "ZIM": "Zimbabwe", "SRI": "Sri Lanka", "NEP": "Nepal", "BAN": "Bangladesh", "UAE": "UAE",
             "GRN": "Grenada", "ALG": "Algeria", "ANG": "Angola", "BAH": "Bahamas", "BAR": "Barbados",
             "BOT": "Botswana", "CRC": "Costa Rica", "ESA": "El Salvador", "FIJ": "Fiji", "GUA": "Guatemala",
             "HAI": "Haiti", "HON": "Honduras", "KUW": "Kuwait", "LBA": "Libya", "MAD": "Madagascar",
             "MAW": "Malawi", "MGL": "Mongolia", "MRI": "Mauritius", "MYA": "Myanmar", "NCA": "Nicaragua",
             "OMA": "Oman", "PAR": "Paraguay", "PUR": "Puerto Rico", "SAM": "Samoa", "SUD": "Sudan",
             "TAN": "Tanzania", "TGA": "Tonga", "TOG": "Togo", "URU": "Uruguay", "VIE": "Vietnam",
             "ZAM": "Zambia", "GAM": "Gambia", "CAM": "Cambodia"}


def country_of_code(code: str) -> str | None:
    """The country a results table's three-letter code stands for ("IND" → "India", "TPE" → "Taiwan")."""
    if code in IOC_CODES:
        return IOC_CODES[code]
    country = pycountry.countries.get(alpha_3=code) if len(code) == 3 and code.isupper() else None
    return (getattr(country, "common_name", None) or country.name) if country else None


def is_nationality(name: str) -> bool:
    low = name.lower().strip()
    return low in DEMONYMS or low.endswith("s") and low[:-1] in DEMONYMS


#: Words that spaCy's small model tags as a name when they open a sentence or stand for one named
#: elsewhere ("The Board approved", "the Trust reported", "Consolidated revenue"): on their own they name no one.
GENERIC_NAME_WORDS = frozenset("""
board company trust state government ministry department council committee consolidated standalone
turnout mission bank court agency authority commission army police club league team party office bureau
administration union federation association corporation group firm airline university hospital centre
center institute foundation fund management directors secretariat cabinet parliament assembly fx
size budget index output total containment attendance population
""".split())


#: Words that join the words of a name ("Board of Directors"), generic or not by their neighbours.
NAME_CONNECTORS = frozenset({"of", "and", "&", "for"})


#: First words of the names of weather systems ("Storm Fenella", "Cyclone Remal"): what happened, not whose.
WEATHER_SYSTEM_WORDS = frozenset("storm hurricane cyclone typhoon tropical".split())
#: Last words of the names of events and indices ("the Asian Athletics Championships", "General Election
#: 2024", "the Border-Gavaskar Trophy", "the US Open", "the Consumer Price Index"), which the small model
#: often labels organisations: what or when, not whose.
EVENT_NAME_WORDS = frozenset("""championship championships games cup olympics election elections summit
tournament marathon festival index trophy open prix series derby monsoon""".split())


#: A storm's rating on the Enhanced Fujita or Saffir-Simpson scale.
#: A period written as a code ("Q3 FY26", "H1 FY2024-25", "FY25", "Q2 2024"), which the small model may take
#: for a person or an organisation.
PERIOD_CODE = re.compile(r"(?:(?:q[1-4]|h[12])\s*)?(?:fy|cy)\s*'?\d{2,4}(?:\s*[-–/]\s*\d{2,4})?|(?:q[1-4]|h[12])\s*'?\d{2,4}",
                         re.IGNORECASE)
STORM_RATING = re.compile(r"(?:EF|F)-?[0-5]|[Cc]ategory[- ][1-5]")


def is_generic_name(name: str) -> bool:
    """A "name" made only of generic words ("Board", "the Company"), a weather system's ("Storm Fenella"), an
    event's or an index's ("General Election 2024"), or one with an amount or a year in it ("INR 125 Crores"),
    which says nothing about whose; nor does a storm's rating ("EF-3", "Category 4") or a period written as a
    code ("Q3 FY26"), which the small model takes for an organisation or a person."""
    words = [word for word in name.lower().removeprefix("the ").split() if not word.isdigit()
             and word not in NAME_CONNECTORS]
    return bool(STORM_RATING.fullmatch(name) or PERIOD_CODE.fullmatch(name)) or bool(words) and (all(word in GENERIC_NAME_WORDS for word in words) or
                            len(words) > 1 and (words[0] in WEATHER_SYSTEM_WORDS or words[-1] in EVENT_NAME_WORDS)
                            or any(len(run) >= 3 for run in re.findall(r"\d+", name)))

