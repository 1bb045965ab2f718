"""Figures that are not claims: parts of names and codes, labels, idioms, list markers, clock times.

Each rule names the pattern it removes. They run on every figure the scanner reads; a figure that
any rule matches is dropped before it becomes a quantity.
"""
from __future__ import annotations

from spacy.tokens import Token

from workbench.nlp import numbers as N
from workbench.nlp.scanner import Figure, QuantityScanner
from workbench.nlp.syntax import REPORTING_VERBS

# Labels of entities that are names: a number inside one is part of the name ("Formula One").
NAME_LABELS = {"PERSON", "ORG", "PRODUCT", "LAW", "EVENT", "WORK_OF_ART", "FAC", "LANGUAGE", "NORP", "GPE", "LOC"}
# Words that make the number after them a label: "type 2 diabetes", "phase 3 trials", "page 12".
LABEL_WORDS = {"type", "phase", "category", "level", "grade", "stage", "class", "tier", "article", "section",
               "chapter", "clause", "schedule", "page", "room", "gate", "platform", "flight", "route", "highway",
               "line", "track", "verse", "volume", "episode", "version", "model", "size", "channel", "district",
               "ward", "block", "sector", "unit", "lane", "exit", "terminal", "item", "paragraph", "rule",
               "amendment", "act", "resolution", "bill", "figure", "table", "step", "day", "week", "game", "round",
               "match", "reactor", "plot", "seat", "apartment", "flat", "suite", "hall", "row",
               "covid", "g", "mh", "su", "mig", "no", "no.", "nos", "nos.", "helpline", "hotline", "call", "dial",
               "phone", "tel", "ext", "extension", "year", "signal", "emergency"}
# Words before a number that make it a telephone number or a line to call.
PHONE_WORDS = {"helpline", "hotline", "call", "dial", "phone", "tel", "telephone"}
# Determiners that make a small number anaphoric ("the two sides"): a reference, not a figure.
ANAPHORIC_DETERMINERS = {"the", "these", "those", "both", "its", "their", "his", "her", "our", "my"}
# Nouns after "one" that make it a manner of speaking: "one thing", "one final point", "one day".
ONE_IDIOM_NOUNS = {"thing", "point", "example", "question", "reason", "way", "time", "hand", "side", "issue",
                   "problem", "word", "day", "aspect", "thought", "note", "matter", "idea", "shred", "iota", "bit",
                   "moment", "minute", "second", "instance", "case", "area", "place", "piece", "part", "kind",
                   "sort", "respect", "sense", "direction", "man", "woman", "person", "voice"}
# Words after a number that make it a time of day or a code.
CLOCK_WORDS = {"am", "pm", "a.m.", "p.m.", "gmt", "utc", "o'clock", "hrs", "hours'"}
# Compound words that make "N-way" or "second-hand" an idiom.
COMPOUND_IDIOMS = {"way", "hand", "rate", "class", "world", "party", "tier", "guess", "string", "fiddle"}


def excluded(scanner: QuantityScanner, figure: Figure) -> bool:
    """Is this figure not a claim? Any rule below that matches says so."""
    doc = scanner.doc
    first = doc[first_number_token(scanner, figure)]
    previous = doc[figure.start - 1] if figure.start > 0 else None
    following = doc[figure.end] if figure.end < scanner.n else None
    return (
        part_of_name(scanner, figure, first, previous, following)
        or labelled(scanner, figure, first, previous)
        or code(scanner, figure, first, previous)
        or idiom(scanner, figure, first, previous)
        or list_marker(scanner, figure, first)
        or clock_time(first, following)
        or dateline(scanner, figure)
    )


def first_number_token(scanner: QuantityScanner, figure: Figure) -> int:
    for k in range(figure.start, figure.end):
        token = scanner.doc[k]
        if token.like_num or N.parse_digits(token.text) is not None or N.is_number_word(token.lower_):
            return k
    return figure.start


def inside_name(scanner: QuantityScanner, token: Token) -> bool:
    """The token is part of a named entity with a capitalised word of its own ("Formula One", "Article 370").

    The small model sometimes calls a bare "250k" a PRODUCT; a name needs a name word.
    """
    if token.ent_type_ not in NAME_LABELS:
        return False
    entity = next((ent for ent in scanner.doc.ents if ent.start <= token.i < ent.end), None)
    return entity is not None and any(
        t.i != token.i and t.is_alpha and t.text[:1].isupper() and not N.is_number_word(t.lower_) for t in entity)


def part_of_name(scanner: QuantityScanner, figure: Figure, first: Token, previous: Token | None,
                 following: Token | None) -> bool:
    """"Formula One", "Article 370", "Boeing 737", "Windows 11", "S&P 500", "737 MAX"."""
    if figure.kind in ("money", "percent", "date") or figure.qualifier:
        return False
    if inside_name(scanner, first):
        return True
    if figure.kind == "count" and previous is not None and not previous.is_sent_start and \
            first.text[:1].isdigit() and is_name_word(previous):
        return True
    if following is not None and figure.kind == "count" and following.pos_ == "PROPN" and \
            following.ent_type_ in NAME_LABELS and following.text.isupper() and len(following.text) > 1 and \
            figure.noun is None:
        return True  # "737 MAX"
    return False


def is_name_word(token: Token) -> bool:
    """A capitalised word or an acronym that can name the number after it (not a month or a currency)."""
    if N.month_number(token.text) or N.currency_prefix(token.text) or token.ent_type_ == "DATE":
        return False
    if token.is_alpha:
        camel = any(ch.isupper() for ch in token.text[1:]) and token.text[:1].islower()  # "iPhone", "eBay"
        return (token.text[:1].isupper() or camel) and token.lower_ not in ("no", "per")
    letters = [ch for ch in token.text if ch.isalpha()]
    return len(letters) >= 1 and all(ch.isupper() for ch in letters) and len(token.text) >= 2  # "S&P", "FTSE"


def labelled(scanner: QuantityScanner, figure: Figure, first: Token, previous: Token | None) -> bool:
    """"type 2 diabetes", "phase 3", "report 3:", "room 101": a number that labels, not one that counts."""
    if figure.kind == "rank" and scanner.low(figure.start) in ("no.", "no") and figure.end < scanner.n \
            and scanner.doc[figure.end].pos_ in ("VERB", "AUX"):
        return True  # "No. 10 said": Downing Street, not a rank
    if figure.kind in ("rank", "date") and previous is not None and previous.lower_ in PHONE_WORDS | {"signal"}:
        return True  # "helpline 1916", "signal No. 10"
    if figure.kind != "count" or figure.qualifier or previous is None or not first.text[:1].isdigit():
        return False
    if previous.lower_ in LABEL_WORDS and previous.i == figure.start - 1:
        return True
    return figure.noun is None and previous.is_alpha and previous.lower_ not in N.TIME_UNITS and \
        (previous.pos_ in ("NOUN", "PROPN") or scanner.low(figure.end) == ":")


def code(scanner: QuantityScanner, figure: Figure, first: Token, previous: Token | None) -> bool:
    """Codes: "COVID-19", "F-16" (glued hyphen; "mid-2020" is a date), "3M", "5G" (glued capital letter),
    "24/7", "9/11", and telephone numbers ("0300 123 4567", "1-800-555-0199")."""
    if first.text.count("/") and not N.is_fraction(first.text):
        return True  # "24/7", "9/11"; but "1/4 inch" is a fraction
    if figure.kind == "count" and (first.text[:1] == "0" and len(first.text) > 2 and first.text.isdigit()
                                   or _digit_groups(scanner, first.i) >= 3
                                   or previous is not None and previous.text.isdigit() and previous.whitespace_):
        return True  # a leading zero, hyphenated groups, or a group after another group: a phone number
    if previous is not None and previous.text == "-" and not previous.whitespace_ and figure.start >= 2:
        before = scanner.doc[figure.start - 2]
        if before.is_alpha and not before.whitespace_ and before.lower_ not in ("mid", "early", "late", "pre",
                                                                               "post") \
                and not N.is_number_word(before.lower_):
            return True
    glued = scanner.doc[first.i + 1] if first.i + 1 < scanner.n and not first.whitespace_ else None
    return glued is not None and glued.is_alpha and glued.text.isupper() and figure.kind != "money"


def _digit_groups(scanner: QuantityScanner, i: int) -> int:
    """How many groups of digits token i's group is joined to by glued hyphens ("1-800-555-0199": 4)."""
    def joined(j: int) -> bool:  # token j and token j + 2 are digit groups with a glued hyphen between
        return 0 <= j and j + 2 < scanner.n and scanner.doc[j].text.isdigit() and scanner.doc[j + 1].text == "-" \
            and not scanner.doc[j].whitespace_ and not scanner.doc[j + 1].whitespace_ and \
            scanner.doc[j + 2].text.isdigit()
    groups, j = 1, i
    while joined(j):
        groups, j = groups + 1, j + 2
    j = i - 2
    while joined(j):
        groups, j = groups + 1, j - 2
    return groups


def dateline(scanner: QuantityScanner, figure: Figure) -> bool:
    """"NEW DELHI, 12 March 2024 — ...": the date a story was filed, at its head, not a claim in it."""
    if figure.kind != "date" or figure.start > 8 or figure.end >= scanner.n:
        return False
    before = [scanner.doc[k] for k in range(figure.start)]
    return bool(before) and before[-1].text == "," and any(t.text.isupper() and t.is_alpha for t in before) \
        and scanner.doc[figure.end].text in ("—", "–", "-", ":", "(")


def idiom(scanner: QuantityScanner, figure: Figure, first: Token, previous: Token | None) -> bool:
    """"the two sides", "one of the", "one final point", "one day", "a 2-way street", "all three of them"."""
    if figure.qualifier or figure.kind not in ("count", "duration"):
        return False
    low = first.lower_
    before = previous.lower_ if previous is not None else ""
    if figure.kind == "duration":
        # "she hoped one day to...", "One day, ...": a story-telling "one", not a length of time.
        return low == "one" and (previous is None or previous.pos_ != "ADP")
    if figure.unit in COMPOUND_IDIOMS and scanner.low(figure.end - 2) == "-":
        return True  # "a 2-way street"
    if low in N.UNITS_WORDS and figure.value <= 10 and before in ANAPHORIC_DETERMINERS and \
            not (scanner.low(figure.start - 2) == "of" and scanner.doc[max(figure.start - 3, 0)].like_num):
        return True  # "the two sides": a reference back, not a figure; but "five of the nine members" counts
    if low == "one" and figure.value == 1:  # "one official", not "one hundred and two" nor "one sixth"
        after = scanner.low(figure.end)
        noun = scanner.doc[figure.noun].lemma_.lower() if figure.noun is not None else ""
        if figure.noun is not None and scanner.doc[figure.noun].dep_ in ("nsubj", "nsubjpass") and \
                scanner.doc[figure.noun].head.lemma_.lower() in REPORTING_VERBS:
            return True  # "one official said": a source, not a count
        if figure.noun is None or noun in ONE_IDIOM_NOUNS or before in ("no", "not", "any", "every", "the", "this",
                                                                          "that", "each", "which", "someone",
                                                                          "anyone", "only") \
                or after in ("of", "another", "or", "such", "-", "'s", "who", "that", "which", "more"):
            return True
    if first.text[:1].isupper() and not first.is_sent_start and first.is_alpha:
        return True  # "Formula One", "Apollo Eleven"
    if low in N.UNITS_WORDS and figure.noun is None and scanner.low(figure.end) in ("of", "by") and \
            before in ("the", "all", "both"):
        return True  # "all three of them"
    return False


#: The largest place a results table's line is numbered with ("1. Evans Kiprono", "12. Ruth Chebet").
MAX_PLACE = 99


def list_marker(scanner: QuantityScanner, figure: Figure, first: Token) -> bool:
    """"Three, a poll shows...", "Number two, ...": a number word opening a sentence as a list item; "1. Evans
    Kiprono (KEN) 2:05:12; 2. Dawit Mekonnen ...": the place of an entrant named with a code in brackets, in a
    results table's line."""
    if figure.kind != "count" or figure.end != first.i + 1:
        return False
    opens = first.is_sent_start or first.i > 0 and scanner.doc[first.i - 1].is_sent_start and \
        scanner.low(first.i - 1) in ("number", "point", "item", "step")
    if opens and N.is_number_word(first.lower_) and scanner.low(figure.end) in (",", ":", ")", "."):
        return True
    if not (first.is_digit and int(first.text) <= MAX_PLACE and scanner.low(figure.end) == "."):
        return False
    name = figure.end + 1
    while name < scanner.n and scanner.doc[name].is_alpha and scanner.doc[name].text[:1].isupper():
        name += 1
    entrant = name > figure.end + 1 and scanner.low(name) == "(" and scanner.low(name + 2) == ")"
    return entrant and (first.is_sent_start or scanner.low(first.i - 1) in (";", "—", "–", ":"))


def clock_time(first: Token, following: Token | None) -> bool:
    """"10:30 am", "8 o'clock"; a race time ("2:05:12") is a duration."""
    return ":" in first.text and N.race_time(first.text) is None or \
        following is not None and following.lower_ in CLOCK_WORDS
