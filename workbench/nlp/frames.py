"""The frame around a figure, read from its own clause: what it measures, whose, where, when, which way.

"Tata Motors' net profit rose 12% to ₹7,025 crore in the October-December quarter, up from ₹6,272 crore a
year earlier, the company said" holds three figures of one measure (net profit, Tata Motors):

- 12%: the change (``role`` "change", ``direction`` "up"), for the October-December quarter;
- ₹7,025 crore: the level it reached (direction "up"), for the same quarter;
- ₹6,272 crore: the level it rose from (``role`` "baseline"), for the same quarter a year earlier.

Everything is read from the figure's clause (the verb above it and what hangs from that verb, without
other clauses that have their own subject, and without "according to ..."), so names elsewhere in the
sentence ("..., Chief Minister Himanta Biswa Sarma said") are not part of it. Names count where they say
whose or where the figure is (a subject, a possessive, a modifier, "in Assam", "for Assam"), not where
they are the other side ("beat Houston", "against England"). A time phrase belongs to the figure it is
nearest to in the parse tree ("rose to 4.2% in May from 4.1% in April"), except the date of a report
("..., the ministry said on Tuesday") and the time a change is measured from ("up 1.6 points on 2019"),
which only a figure of that earlier time takes.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from workbench.claims import Frame, Quantity
from workbench.nlp.names import (
    COUNTRIES,
    WEATHER_SYSTEM_WORDS,
    country_of_code,
    is_generic_name,
    is_nationality,
    is_subdivision,
    place_key,
)
from workbench.nlp.numbers import as_date, currency_prefix
from workbench.nlp.periods import Period, from_iso, read_period, relative_shift
from workbench.nlp.syntax import (
    HEDGE_LEMMAS,
    MAX_CHAIN_STEPS,
    MAX_HEAD_STEPS,
    REPORTING_VERBS,
    SUBJECT_DEPS,
    a_verb,
)

#: Verbs of change, by direction.
RISING = set("""rise grow increase climb jump gain expand surge soar rally advance widen swell accelerate
rebound recover spike boost raise hike double triple quadruple balloon mount top exceed outpace strengthen
appreciate firm edge add""".split())
FALLING = set("""fall decline drop shrink contract decrease slide slip plunge plummet tumble sink dip ease cut lower
reduce narrow slow slump shed crash retreat moderate soften cool halve weaken depreciate lose recede subside ebb
dwindle tank""".split())
#: Verbs whose object is the amount they changed by ("rose 5%", "shed 2%"); transitive ones ("raised
#: rates by", "cut 300 jobs") take the amount with "by", or as a count of what they add or cut (not "lost four
#: soldiers": a toll, not a change).
TRANSITIVE = {"raise", "hike", "boost", "cut", "lower", "reduce", "double", "triple", "quadruple", "halve", "shed",
              "lose", "exceed", "outpace", "top", "add"}
#: Verbs of a change whose sign is the measure's: a mortality rate that "improved to 6" fell, literacy that
#: improved rose. A change, but neither up nor down.
SIGNLESS = {"improve", "worsen", "deteriorate"}
CHANGE_VERBS = RISING | FALLING | SIGNLESS
INTRANSITIVE = CHANGE_VERBS - TRANSITIVE
#: Nouns that are a change of something: "GDP growth of 8.2%", "a 3% drop in sales".
CHANGE_NOUNS = {
    "growth": "up", "rise": "up", "increase": "up", "gain": "up", "jump": "up", "surge": "up", "hike": "up",
    "expansion": "up", "uptick": "up", "climb": "up", "spike": "up", "rebound": "up", "upswing": "up",
    "fall": "down", "decline": "down", "drop": "down", "decrease": "down", "contraction": "down",
    "slide": "down", "slump": "down", "dip": "down", "cut": "down", "reduction": "down", "plunge": "down",
    "slowdown": "down", "downturn": "down", "shrinkage": "down",
}
#: "up 5%", "5% higher": words that make a figure the amount of a change.
CHANGE_WORDS = {"up": "up", "down": "down", "higher": "up", "lower": "down", "more": "up", "less": "down",
                "fewer": "down", "bigger": "up", "smaller": "down", "larger": "up", "greater": "up"}
COMPARATIVES = {word for word in CHANGE_WORDS if word not in ("up", "down")}
#: Words that introduce the earlier time or level a change is measured from: "up 3% on 2019", "from 4.1%".
BASELINE_PREPOSITIONS = {"from", "on", "than", "against", "over", "compared", "versus", "vs"}
#: Prepositions of the period a figure is for ("during 2024"), never of the day it was said ("in February
#: 2021, ... named four soldiers" may be either).
PERIOD_PREPOSITIONS = {"during", "for", "over", "throughout"}
#: Prepositions that make a time an end or a start rather than when a figure is for.
BOUND_PREPOSITIONS = {"through", "until", "till", "by", "before", "after"}
#: Words that make "since 2001" the reach of a record rather than a time a figure is for.
RECORD_WORDS = {"first", "record", "highest", "lowest", "most", "least", "biggest", "largest", "smallest",
                "best", "worst", "deadliest", "fastest", "slowest", "strongest", "weakest"}
#: A date on a reporting verb is when something was said, not when the figure was (``REPORTING_VERBS``).
#: A clause is hedged when it is a forecast, a plan or a possibility ("is expected to", "could", "plans to",
#: "a targeted 7%", "budgeted"); an estimate or a belief is still a figure to check against others ("an
#: estimated 687,000 people"), unlike for a whole sentence's hedging.
HEDGE_MODALS = {"could", "may", "might", "will", "would", "shall", "should", "'ll"}
CLAUSE_HEDGES = HEDGE_LEMMAS - {"prepare", "estimate", "believe", "think", "rumour", "rumor", "speculate"} | \
    {"target", "budget"}
HEDGE_ADVERBS = {"reportedly", "allegedly", "likely", "possibly", "probably", "perhaps", "potentially"}
#: Entity labels: whose a figure is, and where.
ACTOR_LABELS = {"ORG", "PERSON", "NORP"}
#: Countries, states and cities; mountains, rivers, valleys and buildings (LOC, FAC) say where something
#: happened at a scale that cannot be compared by name ("the Himalayas" and "the Galwan Valley").
PLACE_LABELS = {"GPE"}
#: ...except an administrative area the small model labels LOC: one named by its side of a country ("North
#: Kivu", "West Bengal") or by the word after it ("Kharkiv region"), a province or state like any other.
COMPASS_WORDS = set("""north south east west northern southern eastern western north-east north-west
south-east south-west northeast northwest southeast southwest central""".split())
AREA_WORDS = {"region", "province", "district", "state", "county", "oblast", "governorate", "prefecture",
              "division", "municipality"}
FRAME_NAME_LABELS = ACTOR_LABELS | PLACE_LABELS | {"LOC", "FAC"}
#: Where a name says whose or where a figure is (its other roles, "beat Houston", do not).
NAME_DEPS = {"nsubj", "nsubjpass", "poss", "compound", "amod", "nmod", "appos", "agent", "npadvmod", "dobj"}
NAME_PREPOSITIONS = {"in", "at", "across", "throughout", "within", "inside", "for", "of", "by", "from", "near",
                     "off", "to", "on", "through", "into"}
OPPONENT_WORDS = {"against", "versus", "vs", "over", "beat", "defeat", "edge", "outscore", "trounce", "rout",
                  "thrash", "overcome"}
#: Words of time, never what a figure measures ("18 percent year over year").
TIME_WORDS = {"year", "month", "quarter", "week", "day", "season", "period", "half"}
#: Prepositions whose object completes a measure: "the rate of inflation", "people in relief camps".
MEASURE_PREPS = {"of", "in", "on", "for", "from", "at", "to"}
#: Heads that say little by themselves: their complement says what is measured ("the number of cases").
GENERIC_HEADS = {"number", "total", "figure", "level", "amount", "count", "tally", "share", "proportion",
                 "percentage", "rate", "value", "sum", "majority", "half", "portion", "toll"}
#: Nouns for people, whom a relative clause of dying makes a count of deaths ("persons who lost their lives").
PEOPLE_NOUNS = {"person", "people", "individual", "civilian", "resident", "villager", "citizen", "child",
                "soldier", "passenger", "worker", "pilgrim", "tourist", "migrant", "patient", "victim"}
DYING_VERBS = {"die", "perish", "drown", "succumb"}
#: Light verbs: with them the verb's own complement completes the measure ("were in relief camps").
LIGHT_VERBS = {"be", "remain", "stay", "live", "stand", "take"}
#: Verbs whose object is the level of their subject ("borrowing reached £17.4bn", "collections hit ₹2.1 lakh
#: crore"): the subject is the measure, not the verb.
LEVEL_VERBS = {"reach", "hit", "total", "touch", "top", "record", "post", "log", "register", "see", "cross",
               "exceed", "surpass", "near", "approach", "amount", "clock", "stand", "be", "become", "remain",
               "report", "show", "achieve", "notch", "deliver", "generate", "earn", "make"}
MAX_COMPLEMENT_TOKENS = 8

Names = tuple[tuple[str, ...], tuple[str, ...]]


# -- the clause ------------------------------------------------------------------------------------------

def clause_verb(token: Token) -> Token | None:
    """The verb of the clause a token is in: the nearest verb above it, or a copula heading its clause; not
    a figure's own scale tagged a verb ("sold him for £32m on Friday": "m")."""
    current = token
    for _ in range(MAX_HEAD_STEPS):
        if a_verb(current) or current.pos_ == "AUX" and current.dep_ not in ("aux", "auxpass"):
            return current
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def clause_tokens(root: Token) -> tuple[Token | None, set[int]]:
    """The figure's clause: its verb (climbing to the verb that has the subject, as in "plans to spend") and
    the token indices under it, without other clauses that have a subject of their own and without
    "according to ..."."""
    verb = clause_verb(root)
    while verb is not None and verb.dep_ in ("xcomp", "aux", "auxpass") and verb.head.i != verb.i and \
            not any(child.dep_ in SUBJECT_DEPS for child in verb.children):
        verb = verb.head
    if verb is None:
        return None, {t.i for t in root.sent}
    inside: set[int] = set()
    stack = [verb]
    while stack:
        token = stack.pop()
        inside.add(token.i)
        for child in token.children:
            if child.i not in inside and not _separate_clause(child, root):
                stack.append(child)
    return verb, inside


def _separate_clause(token: Token, root: Token) -> bool:
    if root in token.subtree:
        return False
    if token.lower_ == "according":
        return True
    if token.dep_ in ("conj", "ccomp", "advcl", "parataxis", "relcl", "csubj") and token.pos_ in ("VERB", "AUX"):
        if _restrictive(token, root):
            return False  # what is counted: "patients who waited longer than four hours in Wales"
        return any(child.dep_ in SUBJECT_DEPS for child in token.children) or token.dep_ == "parataxis"
    return False


def _restrictive(verb: Token, root: Token) -> bool:
    """A relative clause that says which of the counted things are meant, with no comma before "who": on the
    figure's own noun ("25,400 patients who waited") or on what the clause's subject is the number of ("the
    number of patients who waited"); not one on a name or on anyone else ("Tata Motors, which owns ...",
    "the company that owns Jaguar Land Rover", "started by a man who pushed a burning car")."""
    pronoun = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.lower_ in ("who", "that")), None)
    if verb.dep_ != "relcl" or verb.head.pos_ != "NOUN" or pronoun is None or pronoun.i != verb.head.i + 1:
        return False
    noun = verb.head
    of_the_subject = noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ in SUBJECT_DEPS
    return of_the_subject or noun.i == root.head.i


def tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one sentence in the dependency tree."""
    path_a = [a, *a.ancestors]
    depth = {token.i: n for n, token in enumerate(path_a)}
    for n, token in enumerate([b, *b.ancestors]):
        if token.i in depth:
            return n + depth[token.i]
    return len(path_a) + 100


def hedged(verb: Token | None, root: Token) -> bool:
    """Is the figure's clause a forecast, plan or possibility? ("is expected to rise 7%", "could cost $9bn",
    "plans to spend ₹5.5 lakh crore")"""
    for token in [root, *root.ancestors]:
        if token.lower_ in HEDGE_ADVERBS or token.lemma_.lower() in CLAUSE_HEDGES and token.pos_ in ("VERB", "NOUN"):
            return True
        for child in token.children:
            if child.dep_ == "aux" and child.lower_ in HEDGE_MODALS and child.text != "May":
                return True
            if child.dep_ == "advmod" and child.lower_ in HEDGE_ADVERBS:
                return True
        if verb is not None and token.i == verb.i:
            break
    return False


# -- direction of change -------------------------------------------------------------------------------

#: Prepositions that make "cut" a path through space ("cut through Warren County"), not a reduction.
CUT_THROUGH = {"through", "across", "along"}


#: How far after its verb a particle may be: "edged down", "edged slightly down".
PARTICLE_REACH = 2


def _verb_direction(token: Token | None) -> str | None:
    if token is None:
        return None
    # "edged down" (a particle, or an adverb to the small model), "edged up to 3.2%" (read as the figure's),
    # "were displaced ..., up from 8.1 million"; not another figure's "down" that the parse hangs from the
    # verb ("grew 1.2%, with food up 2.0% and general merchandise down 1.5%")
    particle = next((child.lower_ for child in token.children if child.dep_ in ("prt", "advmod")
                     and child.lower_ in ("up", "down") and (0 < child.i - token.i <= PARTICLE_REACH or any(
                         grandchild.lower_ == "from" for grandchild in child.children))), None)
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if particle is None and following is not None and following.lower_ in ("up", "down"):
        particle = following.lower_
    if particle in ("up", "down") and token.lemma_.lower() not in ("shut", "close", "break", "set", "turn"):
        return particle  # "edged down", "shot up"
    if token.lemma_.lower() == "cut" and following is not None and following.lower_ in CUT_THROUGH:
        return None  # "a tornado cut through Warren County": a path, not a cut
    return _lemma_direction(token)


def _lemma_direction(token: Token) -> str | None:
    """The way a verb of change moves by its lemma alone ("rose", "contracted"), whatever hangs from it."""
    lemma = token.lemma_.lower()
    if lemma in RISING:
        return "up"
    if lemma in FALLING or token.lower_ == "fell":
        return "down"
    return None


#: Words between "of" and the whole of a partitive: "29 of the state's 35 districts", "four of its 12 members".
_PARTITIVE_GAP = {"the", "its", "their", "his", "her", "our", "this", "that", "these", "those", "'s", "’s"}


def _whole_of_a_part(span: Span) -> bool:
    """Is the figure the whole of a partitive, "29 of the state's 35 districts"? The 35 counts all of the
    districts, the 29 those the sentence is about: never the same measure."""
    doc = span.doc
    i = span.start - 1
    while i > span.sent.start and (doc[i].lower_ in _PARTITIVE_GAP or doc[i].pos_ in ("PROPN", "NOUN")
                                  and doc[i + 1].lower_ in ("'s", "’s")) and span.start - i <= 4:
        i -= 1
    return doc[i].lower_ == "of" and i > span.sent.start and (doc[i - 1].like_num or doc[i - 1].pos_ == "NUM")


#: Words after a multiple that say it compares with an earlier time: "2.5 times as many as a year ago",
#: "almost double last month's level", "two and a half times its size in 2005".
EARLIER_WORDS = {"ago", "earlier", "last", "previous", "before", "prior"}
#: The side of an earlier level a figure puts a level on: "9.4 percent below the previous year".
SIDES = {"above": "up", "below": "down"}


#: Verbs whose "by" gives the margin of a contest ("beat Laxalt by roughly 8,000 votes", "won by 32 runs").
MARGIN_VERBS = {"win", "beat", "defeat", "lose", "lead", "trail", "edge", "hold", "retain", "unseat", "oust"}
#: Nouns a margin is of ("a margin of 872 votes", "a 434-run win").
MARGIN_NOUNS = {"margin", "majority", "win", "victory", "defeat", "loss", "lead"}


def a_margin(span: Span) -> bool:
    """Is the figure the margin a contest was won or lost by: "beat Republican Adam Laxalt in Nevada by roughly
    8,000 votes", "lost the race to Katie Hobbs by 17,117 votes", "a margin of 872 votes", "a 434-run win"?"""
    token = span.root
    if token.dep_ in ("nummod", "compound", "amod") and token.head.pos_ == "NOUN":
        if token.head.lemma_.lower() in MARGIN_NOUNS:
            return True  # "a 434-run win"
        token = token.head
    if token.dep_ in ("compound", "amod") and token.head.lemma_.lower() in MARGIN_NOUNS:
        return True
    preposition = token.head
    return token.dep_ == "pobj" and (
        preposition.lower_ == "by" and preposition.head.lemma_.lower() in MARGIN_VERBS or
        preposition.lower_ == "of" and preposition.head.lemma_.lower() in MARGIN_NOUNS - {"win", "loss"})


def change_of(span: Span, quantity: Quantity, head_noun: Token | None) -> tuple[str | None, str | None]:
    """(direction, role) of a figure: the amount of a change ("rose 12%", "a 3% drop", "up 5%", "cut 300
    jobs"), the level it changed from ("up from ₹6,272 crore"), the whole of a partitive ("of the state's 35
    districts"), or a level (role None), reached by a change ("rose to 4.2%") or not. A share ("three-quarters
    of the gain") is no change, whatever it is a share of; a multiple compared with an earlier time is a rise."""
    doc = span.doc
    if quantity.kind == "ratio" and quantity.value < 1 and span.end < len(doc) and doc[span.end].lower_ == "of":
        return None, None
    direction, role = _change_of(span, quantity, head_noun)
    if direction is None and quantity.kind == "ratio" and quantity.unit == "times" and quantity.value > 1 and \
            _against_an_earlier_time(span):
        return "up", "change"
    return direction, role


def _compared_with(root: Token) -> bool:
    """Is a figure the level another is compared with: "rose to 4.3%, compared with 4.2% in July", "were
    reported in 2023, against 2,33,251 cases in 2022"?"""
    phrase = root.head if root.dep_ in ("nummod", "quantmod", "compound") and root.head.pos_ == "NOUN" else root
    preposition = phrase.head
    if phrase.dep_ != "pobj":
        return False
    return _compared_by(preposition) or preposition.lower_ in ("against", "versus", "vs")


def _compared_by(preposition: Token) -> bool:
    """"compared with", "compared to"."""
    return preposition.lower_ in ("with", "to") and preposition.head.lemma_.lower() == "compare"


def _against_an_earlier_time(span: Span) -> bool:
    """Does the rest of the figure's clause (to the next comma) name an earlier time?"""
    doc = span.doc
    for token in doc[span.end:span.sent.end]:
        if token.lower_ in (",", ";", "—", "while", "but"):
            return False
        if token.lower_ in EARLIER_WORDS or token.like_num and len(token.text) == 4 and token.ent_type_ == "DATE":
            return True
    return False


def _change_of(span: Span, quantity: Quantity, head_noun: Token | None) -> tuple[str | None, str | None]:
    if quantity.kind == "duration" and span.root.head.lower_ == "by":
        direction = _verb_direction(span.root.head.head)  # "cut journey times by 10 minutes"
        return (direction, "change") if direction else (None, None)
    if quantity.kind in ("date", "duration", "rank"):
        return None, None
    if _whole_of_a_part(span):
        return None, "whole"
    root = span.root
    head = root.head
    before = span.doc[span.start - 1].lower_ if span.start > 0 and not span.doc[span.start].is_sent_start else ""
    verb = clause_verb(root)
    if head.lower_ == "from" or before == "from":
        origin = head.head if head.lower_ == "from" else root.head
        if origin.lower_ in CHANGE_WORDS or _verb_direction(origin) or origin.lemma_.lower() in CHANGE_NOUNS:
            return None, "baseline"
    if _compared_with(root):
        return None, "baseline"
    if quantity.kind == "percent" and before and before != "to":
        previous = span.doc[span.start - 1]
        after = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
        moved = _lemma_direction(previous) if previous.pos_ == "VERB" else None
        if moved and after != "of":  # "contracted 2.2 per cent year-on-year", "was cut 4.7 per cent", however parsed
            return moved, "change"
        if after in SIDES and _against_an_earlier_time(span.doc[span.end:span.end + 1]):
            return SIDES[after], "change"  # "9.4 percent below the previous year"
    if before == "to":
        return _verb_direction(verb), None  # "drops by £122 to £1,568": the level reached, whatever the parse
    if head.lower_ == "by" or before == "by":
        changed = head.head if head.lower_ == "by" else verb
        direction = _verb_direction(changed) or CHANGE_NOUNS.get(changed.lemma_.lower() if changed else "")
        if direction:
            return direction, "change"
    if before == "to" or head.lower_ == "to":
        return _verb_direction(verb), None
    if head.lower_ in CHANGE_WORDS and head.i not in range(span.start, span.end) and \
            (head.lower_ in ("up", "down") or head.i >= span.end):
        return CHANGE_WORDS[head.lower_], "change"  # "up 5%", "12 per cent less than a year earlier"
    after = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
    if after in COMPARATIVES and span.end + 1 < len(span.doc) and span.doc[span.end + 1].lower_ == "than":
        return CHANGE_WORDS[after], "change"  # "10C higher than the July average"
    for child in root.children:  # "5 per cent higher"
        if child.lower_ in COMPARATIVES and child.dep_ in ("advmod", "amod") and child.i >= span.end:
            return CHANGE_WORDS[child.lower_], "change"
    if head.lemma_.lower() in TIME_WORDS and head.i not in range(span.start, span.end):
        head = head.head  # "a decrease of 18 percent year over year"
    nouns = [head_noun] if head_noun is not None else []
    nouns += [head, head.head] if head.lower_ == "of" else [head]
    for noun in nouns:
        if noun.pos_ == "NOUN" and noun.i not in range(span.start, span.end):
            direction = CHANGE_NOUNS.get(noun.lemma_.lower()) or next(
                (CHANGE_NOUNS[c.lemma_.lower()] for c in noun.children
                 if c.dep_ == "compound" and c.lemma_.lower() in CHANGE_NOUNS), None)  # "growth rate"
            if direction:
                return direction, "change"
    lemma = head.lemma_.lower()
    if head.pos_ in ("VERB", "AUX") and root.dep_ in ("npadvmod", "dobj", "advmod", "attr", "obj", "dep", "oprd") \
            and (lemma in INTRANSITIVE or lemma in TRANSITIVE - {"lose"} and quantity.kind == "count" and
                 root.dep_ == "dobj"):
        return _verb_direction(head), "change"
    if quantity.kind == "count" and head_noun is not None and head_noun.dep_ == "dobj" and \
            head_noun.head.lemma_.lower() in TRANSITIVE - {"lose"}:
        return _verb_direction(head_noun.head), "change"  # "cut 300 jobs", "added 187,000 jobs"
    if quantity.kind == "count" and verb is not None and verb.lemma_.lower() == "lose":
        return None, None  # "lost four soldiers": a toll
    return _verb_direction(verb), None


# -- what is measured ----------------------------------------------------------------------------------

def measure_head(span: Span, quantity: Quantity, counted_noun: int | None,
                 figures: list[Span] = ()) -> Token | None:
    """The noun a figure measures: the counted noun ("612 relief camps"), the noun it is "of" ("a relief
    package of ₹1,200 crore", "42% of the vote"), the noun it modifies ("a ₹1,200-crore package"), else
    the subject of its verb ("net profit rose to ₹7,025 crore"); for a date, what the event happened to,
    never another of the sentence's ``figures`` ("earned ₹9,741 crore in 2023-24": not the crore)."""
    doc = span.doc
    own = range(span.start, span.end)
    root = span.root
    verb = clause_verb(root)
    if quantity.kind == "date":
        in_figures = {token.i for figure in figures for token in figure}
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and not _a_name(c)
                   and c.i not in in_figures and not _took_place(verb, c)] if verb is not None else []
        target = objects[0] if objects else _subject(verb)
        usable = target is not None and target.i not in own and target.i not in in_figures and not _a_name(target)
        return target if usable else None
    if counted_noun is not None and quantity.kind in ("count", "measure"):
        return doc[counted_noun]
    of_child = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of_child is not None and quantity.kind in ("percent", "ratio", "money", "measure"):  # "$1.2 billion of
        # losses", "46 lakh tonnes of finished steel"
        target = next((c for c in of_child.children if c.dep_ == "pobj"), None)
        if target is not None and target.pos_ in ("NOUN", "PROPN"):
            return target
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ in ("NOUN", "PROPN") and \
            root.head.head.i not in own:
        return _its_subject_at_a_rate(_named_with_a_preposition(root.head.head), verb, own)
    if root.dep_ in ("compound", "amod", "nummod", "nmod") and root.head.pos_ == "NOUN" and root.head.i not in own \
            and root.head.lemma_.lower() not in TIME_WORDS:
        return _its_subject_at_a_rate(root.head, verb, own)
    if root.head.lower_ == "worth" and root.head.head.pos_ in ("NOUN", "PROPN"):
        return root.head.head  # "a contract extension worth $142 million"
    if counted_noun is not None and quantity.kind not in ("money", "percent"):
        return doc[counted_noun]
    if verb is not None and root.dep_ == "pobj" and root.head.lower_ in ("to", "at", "by") and root.head.head.i == verb.i:
        target = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if target is not None and target.pos_ in ("NOUN", "PROPN"):
            return target  # "bring US tariffs on Indian imports to 50%", "cut the repo rate to 6.5%"
    if verb is not None and (root.dep_ == "dobj" or root.dep_ == "pobj" and root.head.lower_ == "for") and \
            verb.lemma_.lower() not in INTRANSITIVE | LEVEL_VERBS:
        return None  # "allocated Rs 500 crore", "signed him for £24m": the event is the measure
    subject = _subject(verb)
    if subject is not None and subject.i not in own and subject.pos_ not in ("PRON", "NUM") and \
            not _a_name(subject) and subject.lemma_.lower() not in TIME_WORDS:
        return subject
    return None


def _its_subject_at_a_rate(noun: Token, verb: Token | None, own: range) -> Token:
    """A rate the verb's subject changed at is the subject's ("GDP increased at an annual rate of 3.1
    percent", "the economy grew at a 3.1 percent annual rate"): the subject is what is measured."""
    if verb is None or noun.lemma_.lower() not in GENERIC_HEADS or noun.dep_ != "pobj" or \
            noun.head.lower_ != "at" or noun.head.head.i != verb.i:
        return noun
    subject = _subject(verb)
    usable = subject is not None and subject.i not in own and subject.pos_ in ("NOUN", "PROPN") and \
        not _a_name(subject)
    return subject if usable else noun


def _took_place(verb: Token, noun: Token) -> bool:
    """"Polling will take place on 12 February": the place is the verb's, what happened is its subject."""
    return verb.lemma_.lower() == "take" and noun.lower_ == "place"


def _named_with_a_preposition(noun: Token) -> Token:
    """The measure a figure is "of" when its name has a preposition inside ("a profit after tax of Rs 24.5
    billion", "earnings before tax of £3m"): the parser hangs the figure on "tax", but what is measured is the
    profit (the lexicon reads "profit after tax" as net profit)."""
    preposition = noun.head
    if noun.dep_ == "pobj" and preposition.lower_ in ("after", "before") and preposition.i > 0 and \
            noun.doc[preposition.i - 1].pos_ == "NOUN":
        return noun.doc[preposition.i - 1]
    return noun


#: Measures spaCy often takes for organisations.
MEASURE_ACRONYMS = {"gdp", "gva", "gst", "cpi", "wpi", "iip", "gnp", "ebitda", "eps", "pat", "nav", "aum", "fdi",
                    "tb", "hiv", "aids",
                    # units and kinds of share sale, which the small model also takes for organisations
                    "mw", "gw", "kw", "mwh", "gwh", "kwh", "mtpa", "bcm", "qip", "ipo", "fpo", "ofs"}
#: Measures that open a sentence capitalised, where the small model takes them for names ("Turnout was
#: 46.33 per cent": a PERSON).
CAPITALISED_MEASURES = {"turnout", "inflation", "unemployment", "revenue", "output", "exports", "imports", "sales",
                        "profit", "growth", "attendance", "enrolment", "enrollment", "polling", "footfall"}


def _a_name(token: Token) -> bool:
    """A named company, place or person, which says whose a figure is rather than what it measures (not
    spaCy's occasional common noun taken for a name: "Turnout" as a PERSON, tagged a verb; nor "GDP")."""
    return token.ent_type_ in FRAME_NAME_LABELS and token.pos_ == "PROPN" and token.lower_ not in MEASURE_ACRONYMS \
        and not (token.is_sent_start and token.lower_ in CAPITALISED_MEASURES)


def _subject(verb: Token | None) -> Token | None:
    """The subject of a verb, following xcomp and conj chains upwards when it has none of its own."""
    current = verb
    for _ in range(MAX_CHAIN_STEPS):
        if current is None:
            return None
        subject = next((c for c in current.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON"), None)
        if subject is not None:
            return subject
        if current.dep_ in ("xcomp", "conj", "advcl", "acl", "pcomp", "relcl") and current.head.i != current.i:
            current = current.head if current.dep_ != "relcl" else None
            continue
        return None
    return None


#: Adjectives that name a kind of measure ("net profit", "retail inflation"); other adjectives of a measure
#: ("unintentional", "latest", "record") do not tell measures apart and are left out.
MEASURE_ADJECTIVES = set("""net gross retail wholesale core industrial domestic foreign fiscal operating military
civilian infant maternal public private federal national urban rural average median jobless nonfarm underlying
real nominal consolidated standalone organic agricultural electoral unemployed uninsured registered eligible
active daily weekly monthly annual quarterly pretax pre-tax current capital commercial residential total repo
incomplete recurring adjusted""".split())

#: Diseases, which name what a count of cases or deaths is of however the small model tags them ("dengue
#: deaths": an adjective; "Measles cases": a name).
DISEASES = set("""dengue malaria cholera measles covid covid-19 coronavirus flu influenza leptospirosis tuberculosis
tb hiv aids mpox typhoid chikungunya zika ebola polio diphtheria pertussis encephalitis meningitis rabies
hepatitis diarrhoea diarrhea pneumonia""".split())


#: Nouns of places: "in 19 districts", "across the state" say where, not what is measured.
PLACE_NOUNS = {"district", "state", "city", "region", "province", "county", "village", "area", "country", "town",
               "constituency", "ward", "division", "zone", "territory", "nation", "world", "coast", "valley"}


def _where(preposition: Token) -> bool:
    """Does a prepositional phrase say where ("in 19 districts", "in Assam") rather than what?"""
    objects = [t for t in preposition.subtree if t.dep_ == "pobj"]
    return preposition.lower_ in ("in", "at", "across", "throughout") and bool(objects) and (
        objects[0].lemma_.lower() in PLACE_NOUNS or objects[0].ent_type_ in PLACE_LABELS | {"LOC", "FAC"})


def _hyphenated(token: Token) -> bool:
    """A word of a hyphenated modifier ("like-for-like sales", "first-time voters")."""
    doc = token.doc
    return token.is_alpha and (token.i + 1 < len(doc) and doc[token.i + 1].text == "-" and not token.whitespace_ or
                               token.i > 0 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_)


def _glued_before(token: Token) -> list[Token]:
    """The words of a hyphenated modifier right before a token, however the parser hung them ("Like-for-like
    sales", which the small model parses as an interjection)."""
    doc, words = token.doc, []
    i = token.i - 1
    while i >= 0 and (_hyphenated(doc[i]) or doc[i].text == "-" and not doc[i].whitespace_):
        if doc[i].is_alpha:
            words.insert(0, doc[i])
        i -= 1
    return words


def measure_phrase(head: Token | None, span: Span, skip: set[int], verb: Token | None) -> str | None:
    """The measured thing in words: the head noun with the words that say which kind ("net profit",
    "relief camps") and a short complement ("people in relief camps"), without names (they are actors and
    places), times, numbers and the figure itself. A change noun gives way to what changed ("GDP growth" →
    "GDP", "a rise in unemployment" → "unemployment"), a generic head to its complement ("the number of
    cases on the waiting list" → "cases on waiting list"); with a light verb the verb's complement
    completes it ("people were in relief camps")."""
    if head is None:
        return None
    own = set(range(span.start, span.end))

    def usable(token: Token) -> bool:
        return token.i not in own and token.i not in skip and not token.like_num and (
            token.pos_ == "NOUN" or token.pos_ in ("ADJ", "VERB") and token.lower_ in MEASURE_ADJECTIVES or
            token.lower_ in DISEASES or
            token.pos_ == "PROPN" and token.text.isupper() and len(token.text) <= 5)  # "GDP", "GST", "TB"

    modifiers = [t for child in head.lefts if child.dep_ in ("compound", "amod", "nmod", "npadvmod")
                 for t in child.subtree if usable(t) or _hyphenated(t) or _names_an_index(t, head)]
    modifiers = sorted({t.i: t for t in [*modifiers, *_glued_before(head)] if t.i not in own}.values(),
                       key=lambda t: t.i)
    complements = [c for c in head.rights if c.dep_ == "prep" and c.lower_ in MEASURE_PREPS and not _where(c)]
    if verb is not None and verb.lemma_.lower() in LIGHT_VERBS and head.head.i == verb.i:
        complements += [c for c in verb.rights if c.dep_ == "prep" and c.lower_ in MEASURE_PREPS and not _where(c)]
    weak_head = (head.lemma_.lower() in CHANGE_NOUNS or head.lemma_.lower() in GENERIC_HEADS) and \
        not _a_winning_margin(head, span)
    complement: list[Token] = []
    for preposition in complements[:2 if weak_head else 1]:
        # a clause of dying says what the people are counted as (below), not which people
        said = {t.i for noun in preposition.subtree if _who_died(noun) for clause in noun.children
                if clause.dep_ == "relcl" for t in clause.subtree}
        subtree = [t for t in preposition.subtree if t.i not in said]
        if len(subtree) <= MAX_COMPLEMENT_TOKENS and not any(t.i in own for t in subtree):
            words = [t for t in subtree if usable(t) or t.pos_ == "ADP" and t.i != preposition.i]
            if any(usable(t) for t in words):
                complement += [preposition] + words
    if weak_head and modifiers:
        main = modifiers
    elif weak_head and complement:
        main, complement = complement[1:], []
    elif weak_head:
        return None  # "a 22 percent increase": what increased is said elsewhere
    else:
        main = modifiers + [head]
    rendered = _rendered(main + complement) or None
    if rendered and any(t.lemma_.lower() in PEOPLE_NOUNS for t in main) and any(_who_died(t) for t in [head, *main]):
        return f"{rendered} who died"
    return rendered


def _who_died(noun: Token) -> bool:
    """A relative clause says the people died: "(the number of) persons who lost their lives", "people who
    were killed", "residents who drowned"."""
    for verb in noun.children:
        if verb.dep_ != "relcl":
            continue
        lemma = verb.lemma_.lower()
        if lemma in DYING_VERBS or lemma == "kill" and any(c.dep_ == "auxpass" for c in verb.children) or \
                lemma == "lose" and any(c.dep_ == "dobj" and c.lemma_.lower() == "life" for c in verb.children):
            return True
    return False


def _names_an_index(token: Token, head: Token) -> bool:
    """A word of an index's name, which the small model takes for an organisation's ("the Consumer Price
    Index", "the Producer Price Index"): what is measured, not whose."""
    if head.lower_ != "index" or token.pos_ != "PROPN":
        return False
    while token.dep_ == "compound" and token.head.i != head.i:
        token = token.head
    return token.dep_ == "compound" and token.head.i == head.i


def _rendered(tokens: list[Token]) -> str:
    """Words as a phrase, a hyphenated modifier kept whole ("like-for-like sales", "first-time voters") and
    the conjunction between two of its words kept ("goods and services deficit", which the lexicon knows)."""
    text = ""
    for previous, token in zip([None, *tokens], tokens):
        doc = token.doc
        between = doc[previous.i + 1] if previous is not None and token.i == previous.i + 2 else None
        glued = between is not None and between.text == "-" and not previous.whitespace_ and not between.whitespace_
        joined = between is not None and between.dep_ == "cc"
        text += ("-" if glued else f" {between.text} " if joined else " " if text else "") + token.text
    return text


def _a_winning_margin(head: Token, span: Span) -> bool:
    """"A majority of 11,176": the figure is the majority itself, a winning margin (not "a majority of the
    seats", where it says how much of something else)."""
    root = span.root
    return head.lemma_.lower() == "majority" and root.dep_ == "pobj" and root.head.lower_ == "of" and \
        root.head.head.i == head.i


#: Verbs whose "for" gives a price: "sold for £54m", "signed for £24m", "bought for ₹1.6 crore".
PRICE_VERBS = {"sell", "buy", "sign", "purchase", "acquire", "auction", "bid", "trade", "transfer", "pay", "lease",
               "rent", "hire", "snap", "land", "secure", "retain"}


#: What ends a label on its left: a figure's label runs from the last of these to its colon.
LABEL_STARTS = {".", ";", ":", ",", "—", "–", "|", "•"}


def labelled_by(span: Span) -> str | None:
    """The label a figure is written after, as tables, results lines and statistical releases write them
    ("Turnout: 39.17%", "Profit before tax: £1,302m", "Deaths: 187; houses fully damaged: 612"): its words
    back to the last stop, semicolon, comma or line start, less what is in brackets; None when the figure
    follows no colon or the label has no word (a year: "(2024/25: £1,118m)")."""
    words = [token.text for token in _label(span) if token.pos_ in ("NOUN", "PROPN", "ADJ", "VERB", "ADP")
             and token.is_alpha]
    return " ".join(words) or None


def _label(span: Span) -> list[Token]:
    """The tokens of the label a figure is written after (:func:`labelled_by`), outside brackets, in order;
    none when it follows no colon."""
    doc, sent = span.doc, span.sent
    if span.start - 1 < sent.start or not doc[span.start - 1].text.endswith(":"):
        return []
    tokens, depth = [], doc[span.start - 1].text.count(")")  # "(July 1 - September 30, 2024):"
    for token in reversed(doc[sent.start:span.start - 1]):
        if token.text == ")":
            depth += 1
        elif token.text == "(":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and (token.text in LABEL_STARTS or "\n" in token.text):
            break
        elif depth == 0:
            tokens.append(token)
    return tokens[::-1]


def label_entry(span: Span, entities: list[Span]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The names of the label a figure is written after ("Refugees from Ukraine recorded in Poland: 1.1
    million"): the figure is theirs. (actors, places), or None when its label names no one."""
    label = {token.i for token in _label(span)}
    if not label:
        return None
    actors, places = names_of(ent for ent in entities if all(token.i in label for token in ent))
    return (actors, places) if actors or places else None


def event_measure(span: Span, verb: Token | None, skip: set[int]) -> str | None:
    """An amount whose measure is its event ("allocated Rs 500 crore for flood relief", "will invest
    ₹18,000 crore"): what it is for, else the event itself."""
    if verb is None or span.root.dep_ not in ("dobj", "pobj"):
        return None
    if verb.lemma_.lower() in PRICE_VERBS and any(  # (a word of the figure: the parse may hang "£32m" by "32")
            token.dep_ == "pobj" and token.head.lower_ == "for" and token.head.head.i == verb.i for token in span):
        return "fee"  # "sold to Chelsea for £54m", "bought for ₹1.6 crore": the price paid
    own_children = [child for token in span for child in token.children if child.i not in range(span.start, span.end)]
    for child in [*own_children, *verb.children]:
        if child.dep_ == "prep" and child.lower_ in ("for", "on", "towards", "toward"):
            words = [t for t in child.subtree if t.i not in skip and t.pos_ in ("NOUN", "PROPN") and
                     t.i not in range(span.start, span.end) and not t.like_num]
            if words and len(list(child.subtree)) <= MAX_COMPLEMENT_TOKENS:
                return " ".join(t.text for t in words)
    return verb.lemma_.lower() if verb.pos_ == "VERB" and verb.lemma_.lower() not in LEVEL_VERBS else None


# -- whose and where -----------------------------------------------------------------------------------

#: How many untagged proper nouns a name cut at "of" takes after it.
MAX_OF_WORDS = 3


def name_spans(entities: list[Span]) -> list[Span]:
    """The sentence's names as it gives them, where the small model cut them wrong: without the determiner it
    takes in ("the Thornbury Town Council": the determiner hangs by the noun the name qualifies, and would
    stand for the name's role), and a name it stops at "of" with the name right after it (which stays a name
    of its own too), or with the few proper nouns after it that it tagged as nothing ("the Legislative
    Assembly of" | "Haryana"). Other entities, times among them ("the first quarter"), as they are."""
    spans = []
    for ent, following in zip(entities, [*entities[1:], None]):
        if ent.label_ not in FRAME_NAME_LABELS:
            spans.append(ent)
            continue
        doc, start, end = ent.doc, ent.start, ent.end
        if end - start > 1 and doc[start].dep_ == "det" and doc[start].head.i >= end:
            start += 1
        if doc[end - 1].lower_ == "of":
            if following is not None and following.start == end:
                end = following.end if following.label_ in FRAME_NAME_LABELS else end
            else:  # a proper noun the model did not tag: "Haryana", at most three words, not past the sentence
                stop = min(ent.sent.end, end + MAX_OF_WORDS, following.start if following is not None else len(doc))
                while end < stop and doc[end].pos_ == "PROPN":
                    end += 1
        spans.append(ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label=ent.label_))
    return spans


def names_of(entities) -> Names:
    """(actors, places) among entities: companies, parties and people; countries, states, cities and
    nationalities."""
    actors: list[str] = []
    places: list[str] = []
    for ent in entities:
        name = ent.text.removesuffix("'s").removesuffix("’s").removesuffix("'").strip()
        if _in_brackets(ent) and country_of_code(name):  # "Karan Bhati (IND) 85.16m": a country
            places.append(country_of_code(name))
            continue
        if name.lower().startswith("the "):
            name = name[4:]
        if is_generic_name(name) or name.lower() in MEASURE_ACRONYMS or currency_prefix(name) or \
                _a_storm(ent.doc, ent.start):
            # "TB cases", "Rs." (the small model's ORG), "Corrie" of "Storm Corrie": no one's
            continue
        institution_place = _an_institution_of(ent, name)
        if institution_place:  # "AIIMS Delhi", which the small model reads as a place
            actors.append(name)
            places.append(institution_place)
        elif ent.label_ in PLACE_LABELS or is_nationality(name) or place_key(name) in COUNTRIES or \
                ent.label_ == "LOC" and _an_area(ent, name) or _named_with_an_area_word(ent, NAMED_AREA_WORDS) or \
                ent.label_ == "FAC" and _written_with_its_state(ent) or \
                is_subdivision(name) and not (  # "Ladakh", "Tamil Nadu has reported", but "Nelson scored"
                    ent.label_ == "PERSON" and ent.root.dep_ in SUBJECT_DEPS and len(name.split()) == 1):
            places.append(name)
        elif ent.label_ in ACTOR_LABELS - {"NORP"} or ent.label_ == "NORP" and ent.root.tag_ == "NNPS":
            # NORP as a plural proper noun is a party ("the Liberal Democrats", "Republicans"); as an
            # adjective ("Himalayan", "Muslim voters") it is no one's
            actors.append(name)
            places += [word for word in name.split() if is_nationality(word) or place_key(word) in COUNTRIES]
            places += _named_after_a_state(name)
    return tuple(dict.fromkeys(actors)), tuple(dict.fromkeys(places))


def _written_with_its_state(ent: Span) -> bool:
    """Is the name followed by a comma and a state or country ("Cedar Key, Florida"): a town there?"""
    doc, start = ent.doc, ent.end + 1
    if start >= len(doc) or doc[ent.end].text != "," or doc[start].ent_iob_ != "B":
        return False
    end = start + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    state = doc[start:end].text
    return is_subdivision(state) or place_key(state) in COUNTRIES


def _an_institution_of(ent: Span, name: str) -> str | None:
    """The place of an institution named by an acronym and its city or state ("AIIMS Delhi", "NHS England"),
    else None: the rest of the name is a state or country, or the small model read the whole as a place."""
    first, _, rest = name.partition(" ")
    if len(first) < 3 or not (first.isalpha() and first.isupper()) or not rest[:1].isupper() or \
            place_key(first) in COUNTRIES:
        return None
    known = ent.label_ in PLACE_LABELS or is_subdivision(rest) or place_key(rest) in COUNTRIES
    return rest if known else None


def _named_after_a_state(name: str) -> list[str]:
    """The state or province an organisation's name begins with ("the Oregon Health Authority", "Kerala State
    Disaster Management Authority"): its figures are that state's."""
    words = name.split()
    return next(([" ".join(words[:n])] for n in (3, 2, 1) if len(words) > n and is_subdivision(" ".join(words[:n]))),
                [])


def _in_brackets(ent: Span) -> bool:
    doc = ent.doc
    return ent.start > 0 and doc[ent.start - 1].text == "(" and ent.end < len(doc) and doc[ent.end].text == ")"


def _an_area(ent: Span, name: str) -> bool:
    words = name.split()
    return len(words) > 1 and words[0].lower() in COMPASS_WORDS or _named_with_an_area_word(ent, AREA_WORDS)


#: Words after a name that make it a place even where the small model reads an organisation or a person
#: ("Lalitpur district", "Kharkiv oblast", "the Kingswood by-election"); not "state" or "division", which
#: companies and agencies have.
NAMED_AREA_WORDS = AREA_WORDS - {"state", "division", "municipality"} | {"constituency", "by-election"}


#: How many words of a list of names may stand between a name and the area word they share ("Idukki, Wayanad
#: and Kozhikode districts").
MAX_LISTED_WORDS = 8


def _named_with_an_area_word(ent: Span, words: set[str]) -> bool:
    """"Lalitpur district", and each name of a list that shares one ("Kullu and Mandi districts"); never a
    number ("19 districts")."""
    if ent.label_ not in FRAME_NAME_LABELS:
        return False
    doc, i = ent.doc, ent.end
    while i < len(doc) and i - ent.end < MAX_LISTED_WORDS and (doc[i].lower_ in (",", "and", "&")
                                                               or doc[i].pos_ == "PROPN"):
        i += 1
    if i >= len(doc):
        return False
    area = doc[i].lower_
    if area == "by" and doc[i + 1:i + 3].text.lower() == "-election":  # "the Kingswood by-election": a seat
        area = "by-election"
    listed = i > ent.end or ent.start > 0 and doc[ent.start - 1].lower_ in (",", "and", "&")
    return area in words or listed and area.endswith("s") and area[:-1] in words  # not "the Baltic states"


#: Alliances, international bodies and leagues, which a story names for the setting of its figure ("troops
#: for NATO's eastern flank", "the NATO exercise", "at the IPL auction") more often than as whose it is.
BLOCS = {"nato", "un", "u.n.", "united nations", "eu", "european union", "g7", "g20", "opec", "opec+", "asean",
         "african union", "quad", "brics", "commonwealth", "ipl", "wpl", "psl", "nba", "nfl", "mlb", "nhl",
         "premier league", "champions league", "la liga", "serie a", "bundesliga"}


def _says_whose(ent: Span) -> bool:
    """Is a name in a role that says whose or where a figure is (not the other side of it)?"""
    root = ent.root
    if any(t.lower_ in OPPONENT_WORDS or t.lemma_.lower() in OPPONENT_WORDS for t in (root.head, root.head.head)):
        return False
    if root.dep_ == "pobj":
        return root.head.lower_ in NAME_PREPOSITIONS
    if root.dep_ == "conj":
        return _says_whose(root.doc[root.head.i:root.head.i + 1])
    return root.dep_ in NAME_DEPS


def named_in_clause(span: Span, clause: set[int], head: Token | None, figures: list[Span],
                    entities: list[Span]) -> Names:
    """(actors, places) named in the figure's clause in a role that says whose or where it is, not in the
    figure itself, not the one reporting it ("..., the statistics ministry said"), and not hanging nearer
    another figure ("54% of the vote, to 46% for Ortega"). A name that is the measure itself (spaCy's
    "Turnout" as a PERSON) is not one. A date owns no name of another figure: a place by it is the setting of
    the clause ("25,400 patients waited ... in Northern Ireland during January 2026")."""
    verb = clause_verb(span.root)
    if span._.quantity.kind != "date":
        figures = [figure for figure in figures if figure._.quantity.kind != "date"]
    return names_of(ent for ent in entities
                    if not (ent.start >= span.start and ent.end <= span.end) and any(t.i in clause for t in ent)
                    and not (head is not None and head.i in range(ent.start, ent.end)) and _says_whose(ent)
                    and not _reports(ent.root, verb) and _nearest(ent.root, span, figures, name=True)
                    and not _sets_the_scene(ent, head))


def _sets_the_scene(ent: Span, head: Token | None) -> bool:
    """An alliance or a league owning a noun of the clause other than the figure's measure ("join NATO's
    Steadfast Dart exercise", "on NATO's eastern flank", "at the IPL auction"): the setting of the figure,
    not whose it is ("NATO's defence spending rose 11%" is NATO's)."""
    root = ent.root
    return root.dep_ in ("poss", "compound") and root.head.dep_ in ("pobj", "dobj") and \
        (head is None or root.head.i != head.i) and ent.text.lower().removeprefix("the ").removesuffix("'s") in BLOCS


def _reports(token: Token, verb: Token | None) -> bool:
    """The subject of a verb that reports the figure's clause ("..., the ministry said"); not of one whose
    own object the figure is ("Kerala reported 2,180 cases")."""
    return token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in REPORTING_VERBS and \
        (verb is None or token.head.i != verb.i)


def _nearest(token: Token, span: Span, figures: list[Span], name: bool = False) -> bool:
    """Is a name or time phrase this figure's: on the clause's verb (shared by its figures), or on words
    nearer to this figure than to any other? A ``name`` is not when it hangs by the preposition of another
    figure ("to 46.0% for Ortega", which the parser hangs by "to"); a time may be both's."""
    others = {i for other in figures if other.start != span.start for i in range(other.start, other.end)} \
        if name else set()
    # a time on the way up through another figure is that figure's ("below the 67.40 per cent of 2019")
    measured = set() if name else {i for other in figures if other.start != span.start
                                   and other._.quantity.kind != "date" for i in range(other.start, other.end)}
    attached = token
    # a time on the clause's subject is the clause's ("Fourth quarter fiscal 2025 revenue was $2.4 billion",
    # "Full-year 2024 revenue rose 8% to $2.4 billion"), as one on its verb is
    while attached.head.i != attached.i and (attached.dep_ in ("pobj", "compound", "poss", "case", "appos", "conj",
                                                                "nsubj", "nsubjpass", "agent", "npadvmod")
                                            or not name and attached.dep_ in ("nmod", "nummod")
                                            or attached.pos_ == "ADP" or name and _compares_a_figure(attached)):
        if attached.pos_ == "ADP" and any(child.dep_ == "pobj" and child.i in others for child in attached.children):
            return False
        attached = attached.head
        if attached.i in measured:
            return False
    if attached.pos_ in ("VERB", "AUX"):
        # unless the verb is of a clause that describes another figure ("the ₹28,414 crore mopped up in
        # October 2023")
        return not (attached.dep_ in ("relcl", "acl") and any(
            other.start <= attached.head.i < other.end or attached.head.i == other.root.head.i != span.root.head.i
            for other in figures if other.start != span.start))  # the figure, or what it counts ("deaths")
    distance = tree_distance(span.root, token)
    return all(distance <= tree_distance(other.root, token) for other in figures
               if other.start != span.start and not (other.start <= token.i < other.end))


def _compares_a_figure(token: Token) -> bool:
    """A comparative whose "than" has a number ("waited longer than four hours in ... Northern Ireland"): a
    name below it is where the compared figure's clause happened, not the other side of a comparison
    ("higher than in Germany")."""
    def a_number(obj: Token) -> bool:
        return obj.dep_ == "pobj" and (obj.like_num or any(n.dep_ == "nummod" for n in obj.children))
    return token.tag_ == "RBR" and any(
        child.lower_ == "than" and any(a_number(obj) for obj in child.children) for child in token.children)


def _relative_antecedent(verb: Token | None) -> Token | None:
    """The noun a relative clause's "which" or "who" stands for, when it is the clause's subject."""
    if verb is None or verb.dep_ != "relcl":
        return None
    relative = any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("which", "who", "that") for c in verb.children)
    return verb.head if relative else None


def unrecognised_subject(verb: Token | None) -> tuple[str, ...]:
    """The clause's subject when it is a proper noun spaCy's small model did not recognise as a name
    ("drugmaker Deccan Pharma reported a net profit of ₹1,240 crore"), or the subject's owner ("Engro
    Corporation's profit after tax rose"): the company it most likely is."""
    subject = _subject(verb)
    if subject is not None and subject.pos_ != "PROPN":
        subject = next((c for c in subject.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    if subject is None or subject.pos_ != "PROPN" or subject.ent_type_ or subject.lower_ in MEASURE_ACRONYMS:
        return ()
    words = [t for t in subject.lefts if t.dep_ == "compound" and t.pos_ == "PROPN" and t.i == subject.i - 1] + \
        [subject]
    while words[0].i > 0 and (before := subject.doc[words[0].i - 1]).dep_ == "compound" and before.pos_ == "PROPN" \
            and before.head.i == subject.i:
        words.insert(0, before)
    name = " ".join(t.text for t in words)
    return () if is_generic_name(name) or len(name) < 2 or _a_storm(subject.doc, words[0].i) else (name,)


def _a_storm(doc, start: int) -> bool:
    """Is the name starting at ``start`` a storm's ("Corrie" of "Storm Corrie", when "Storm" is not tagged a
    name): what happened, not whose."""
    return start > 0 and doc[start - 1].lower_ in WEATHER_SYSTEM_WORDS


def _of_the_subject(pronoun: Token, span: Span) -> bool:
    """A pronoun that is its clause's subject ("it would cut"), or owns the subject ("its revenue rose") or
    what the figure counts ("its 1,200 staff", "20 of its soldiers")."""
    if pronoun.dep_ in SUBJECT_DEPS:
        return True
    owned, figure = pronoun.head, range(span.start, span.end)
    return pronoun.dep_ == "poss" and (owned.dep_ in SUBJECT_DEPS or any(c.i in figure for c in owned.children)
                                       or owned.head.lower_ == "of" and owned.head.head.i in figure)


def owner_names(span: Span, verb: Token | None, clause: set[int], entities: list[Span]) -> Names:
    """Names for a clause that points at its owner with a pronoun ("..., the company said; its revenue rose",
    "Meridian said it would cut"): those of the clause it is reported by."""
    # not a record's own "its" ("inflation eased to 3.16 per cent, its lowest in six years"), nor a pronoun
    # of what is counted ("forced about 14,000 people from their homes"): the subject or what it owns
    pronoun = any(span.doc[i].lower_ in ("its", "their", "it", "they", "his", "her")
                  and not (span.doc[i].head.tag_ in ("JJS", "RBS") or span.doc[i].head.lower_ in RECORD_WORDS)
                  and _of_the_subject(span.doc[i], span) for i in clause)
    if not pronoun or verb is None:
        return (), ()
    reporter = verb.head
    while reporter.head.i != reporter.i and reporter.lemma_.lower() not in REPORTING_VERBS:
        reporter = reporter.head
    subject = next((c for c in reporter.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return (), ()
    return names_of(ent for ent in entities if subject.i in range(ent.start, ent.end) or
                    ent.root.head.i == subject.i)


# -- when ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TimeMention:
    """A time phrase of a sentence and the period it names. ``reported``: the date a report was made ("said on
    Tuesday"); ``baseline``: the time a change is measured from ("up 3% on 2019")."""

    root: Token
    tokens: range
    period: Period
    reported: bool = False
    baseline: bool = False
    bound: bool = False  # "through 2031", "until March", "by 2030": an end, not the time a figure is for
    yearless: bool = False  # "in March": the year is the reader's guess
    since: bool = False  # "since January": from then until the report


def _of_the_level_before(token: Token, preposition: Token) -> bool:
    """Is a time phrase that of the level a change is measured from: it follows that level ("down 18 percent
    from 173 in 2023", "up from 30.9 per cent in 2019", "rose to 4.3%, compared with 4.2% in July"), or hangs
    from the comparison itself ("less than in the 2019 election")?"""
    if token.pos_ == "ADP":
        return token.lower_ in BASELINE_PREPOSITIONS
    before = preposition.nbor(-1) if preposition.i > 0 else None
    if before is None or not (before.like_num or before.ent_type_ in ("PERCENT", "MONEY", "CARDINAL", "QUANTITY")
                              or any(t.like_num for t in before.subtree)):  # "2,33,251 cases", "₹912.6 crore"
        return False
    holder = before if before.dep_ == "pobj" else before.head
    return holder.dep_ == "pobj" and _compares(holder.head)


def _compares(preposition: Token) -> bool:
    """Does a preposition introduce the level a figure is compared with ("from 173", "compared with 4.2%")?"""
    return preposition.lower_ in BASELINE_PREPOSITIONS or _compared_by(preposition)


def mention(root: Token, tokens: range, period: Period) -> TimeMention:
    """A time phrase read where it hangs in the parse."""
    token = root
    preposition, preposition_token = None, None
    for _ in range(MAX_CHAIN_STEPS):
        if token.head.i == token.i:
            break
        modifier = token.dep_ in ("compound", "nummod", "amod", "poss") and token.head.pos_ in ("NOUN", "PROPN")
        token = token.head
        if (token.pos_ == "ADP" or token.lower_ == "since") and preposition is None:
            preposition, preposition_token = token.lower_, token
            continue
        if modifier and preposition is None:
            continue  # "on the 2021 elections": the time is the noun's
        if any(child.lower_ == "same" for child in token.children):
            preposition, preposition_token = None, None  # "compared with the same period of 2023": the period's time
            continue
        break
    # "the ministry said on Friday" dates a report; "2,04,812 cases were reported in 2023" and "data indicate
    # 80,391 deaths during 2024" the figures themselves
    # ("the agency issued 312 flood warnings in January" dates the warnings, a month or longer being no day of
    # a report; "named four soldiers who died in the confrontation" in February 2021 names them then)
    reported = token.pos_ == "VERB" and token.lemma_.lower() in REPORTING_VERBS and \
        not any(child.dep_ == "nsubjpass" and any(t.like_num for t in child.subtree) for child in token.children) \
        and not (preposition in PERIOD_PREPOSITIONS and _gives_a_figure(token) or
                 preposition == "in" and period.end > period.start and _gives_a_figure(token, without_event=True))
    baseline = preposition in BASELINE_PREPOSITIONS and (
        token.lower_ in CHANGE_WORDS or token.lemma_.lower() in CHANGE_NOUNS or _verb_direction(token) is not None
        or preposition in ("than", "against", "compared", "versus", "vs")) or token.lemma_.lower() == "compare" \
        or preposition_token is not None and _of_the_level_before(token, preposition_token)
    text = root.doc[tokens.start:tokens.stop].text
    # "the lowest since 2001", "its first gold since 1984": a record's reach, not any figure's time
    record = preposition == "since" and any(t.tag_ in ("JJS", "RBS") or t.lower_ in RECORD_WORDS
                                            for t in (token, *token.children))
    # "since the season began on 29 September": the clause's "since" reaches its date
    since = preposition == "since" or token.pos_ in ("VERB", "AUX") and token.dep_ == "advcl" and \
        any(child.dep_ == "mark" and child.lower_ == "since" for child in token.children)
    return TimeMention(root, tokens, period, reported, baseline,
                       bound=preposition in BOUND_PREPOSITIONS or record,
                       yearless=not any(ch.isdigit() for ch in text) and relative_shift(text) is None,
                       since=since)


def _gives_a_figure(verb: Token, without_event: bool = False) -> bool:
    """Is a figure the verb's object ("issued 312 flood warnings")? ``without_event``: and the counted thing
    has no event of its own ("named four soldiers who died": the deaths are another time's)."""
    return any(child.dep_ == "dobj" and any(t.like_num for t in child.subtree) and not (
        without_event and any(c.dep_ in ("relcl", "acl") for c in child.children)) for child in verb.children)


SPAN_ENDS = {"to", "ended", "ending", "through", "until", "till"}
#: A quarter or a half written as a code ("Q3", "H1") before the year it is of.
QUARTER_CODE = re.compile(r"[qh][1-4]")
SPAN_WORDS = {"week", "weeks", "month", "months", "year", "years", "quarter", "quarters", "half", "half-year"}


def _span_start(sent: Span, start: int) -> int:
    """Where a time phrase that ends at a date begins: "the 52 weeks to 24 February 2024", "the year
    ended March 31" (else the date's own start)."""
    doc = sent.doc
    if start - 1 >= sent.start and QUARTER_CODE.fullmatch(doc[start - 1].lower_):
        return start - 1  # "Q3 FY26", the quarter read as a name and the year as a date
    if start - 1 <= sent.start or doc[start - 1].lower_ not in SPAN_ENDS:
        return start
    for k in range(start - 2, max(sent.start, start - 6) - 1, -1):
        if doc[k].lower_ in SPAN_WORDS:
            while k - 1 >= sent.start and (doc[k - 1].like_num or doc[k - 1].lower_ in ("the", "-")):
                k -= 1
            return k
    return start


def time_mentions(sent: Span, entities: list[Span], dates: list[tuple[range, str]],
                  published: dt.date | None) -> list[TimeMention]:
    """Every time phrase of a sentence with its period: spaCy's DATE entities, read as periods, and the
    sentence's date figures (``dates``: token range and ISO date); phrases relative to another time ("a year
    earlier") are read against the nearest absolute one."""
    mentions: list[TimeMention] = []
    relative: list[Span] = []
    covered: set[int] = set()
    for ent in entities:
        if ent.label_ != "DATE":
            continue
        if relative_shift(ent.text) is not None:
            relative.append(ent)
            continue
        own = next((iso for tokens, iso in dates if tokens.start >= ent.start and tokens.stop <= ent.end), None)
        anchor = published or (from_iso(own).end if own and from_iso(own) else None)
        start = _span_start(sent, ent.start)
        period = (read_period(sent.doc[start:ent.end].text, anchor) if anchor is not None else None) or from_iso(own)
        if period is not None:
            mentions.append(mention(ent.root, range(start, ent.end), period))
            covered.update(range(start, ent.end))
    for tokens, iso in dates:
        period = from_iso(iso)
        if period is not None and not covered.intersection(tokens):
            start = _span_start(sent, tokens.start)
            if start != tokens.start:
                period = read_period(sent.doc[start:tokens.stop].text, period.end) or period
            mentions.append(mention(sent.doc[tokens.start:tokens.stop].root, range(start, tokens.stop), period))
    absolute = [m for m in mentions if not m.reported]
    for ent in relative:
        nearest = min(absolute, key=lambda m: tree_distance(ent.root, m.root), default=None)
        anchor = published or (nearest.period.end if nearest else None)
        if anchor is None:
            continue
        period = read_period(ent.text, anchor, nearest.period if nearest else None)
        if period is not None:
            found = mention(ent.root, range(ent.start, ent.end), period)
            # "12 per cent less than a year earlier": in a sentence of change or of comparison ("a profit
            # of ₹318 crore, compared with a loss a year earlier"), a time before the time talked about is
            # that of what it is measured against
            mentions.append(replace(found, baseline=True) if _speaks_of_change(sent) or _sets_against(sent) else found)
    # "displaced since January", "the highest since 1995": the time runs from then to the report
    return [replace(m, period=Period(m.period.start, published)) if m.since and published is not None
            and published > m.period.end else m for m in mentions]


#: Words that set one figure against another: "compared with a loss a year earlier", "against 2,33,251".
COMPARING = {"compared", "comparison", "against", "versus", "vs", "vs."}


def _sets_against(sent: Span) -> bool:
    return any(token.lower_ in COMPARING for token in sent)


def _speaks_of_change(sent: Span) -> bool:
    return any(token.lower_ in CHANGE_WORDS or token.lemma_.lower() in CHANGE_VERBS
               or token.lemma_.lower() in CHANGE_NOUNS for token in sent)


def time_of_figure(span: Span, role: str | None, clause: set[int], mentions: list[TimeMention],
                   figures: list[Span]) -> TimeMention | None:
    """The time phrase a figure is for: one of its clause, either on the clause's verb (shared by its
    figures) or on the figure's own words and nearer to it than to any other figure ("rose to 4.2% in May
    from 4.1% in April", "Gavaskar's 774 in 1971"); else the sentence's only period; else none (the
    document's date stands for it). Report dates never; the time a change is measured from only for the
    level it started at, which also takes a time on its own words ("from 4.1% in April")."""
    label = next((m for m in mentions if _labels(m, span)), None)
    if label is not None:  # "(2023: £1,912 million)"
        return label
    compared = next((m for m in mentions for other in figures if _labels(m, other) and _follows(span, m)), None)
    if compared is not None:  # "£1.4 billion (2023: £1.28 billion)": the year after the comparative's
        return replace(compared, period=compared.period.shifted(12))
    compared_after = [m for m in mentions if _after_the_compared(m, span, figures)]
    candidates = [m for m in mentions if not m.reported and not m.bound
                  and not any(_labels(m, other) for other in figures if other.start != span.start)
                  and (m.baseline == (role == "baseline") and (role == "baseline") == (m in compared_after)
                       or role == "baseline" and (_within(m.root, _phrase_root(span)) or m in compared_after))
                  and not any(m.tokens.start >= other.start and m.tokens.stop <= other.end
                              for other in [span, *figures] if other._.quantity.kind != "date")]
    if role == "baseline" and not candidates:
        return None

    candidates = [m for m in candidates if _nearest(m.root, span, figures)]  # not another figure's own time
    in_clause = [m for m in candidates if m.root.i in clause]
    if in_clause:
        return min(in_clause, key=lambda m: (tree_distance(span.root, m.root), abs(m.root.i - span.root.i)))
    return candidates[0] if len({m.period for m in candidates}) == 1 else None


def _after_the_compared(mention: TimeMention, span: Span, figures: list[Span]) -> bool:
    """Does the time phrase follow a figure that a comparing word ("compared with", "against") sets against
    this one, or this one when it is that figure? "Net income for the second quarter of 2025 was $412 million,
    compared with $367 million for the second quarter of 2024": 2024 is the time of the $367 million, however
    the parse hangs it."""
    doc = span.doc
    for other in figures:
        if other.start < span.start or other.end > mention.tokens.start:
            continue
        between = doc[span.end:other.start] if other.start != span.start else doc[max(span.start - 3, 0):span.start]
        if any(token.lower_ in COMPARING for token in between):
            return True
    return False


def _labels(mention: TimeMention, span: Span) -> bool:
    """Is the time phrase the label the figure is written after ("(2023: £1,912 million)", "H1 2024: 4,870")?"""
    colon = span.start - 1
    return colon >= 0 and span.doc[colon].text == ":" and mention.tokens.stop == colon


def _follows(span: Span, mention: TimeMention) -> bool:
    """Does the time phrase open the brackets right after the figure ("£1.4 billion (2023: ...")?"""
    return mention.tokens.start == span.end + 1 and span.doc[span.end].text == "("


def _phrase_root(span: Span) -> Token:
    """The word a figure's phrase hangs by: its preposition ("from 4.1% in April": "from"), else its root."""
    root = span.root
    return root.head if root.dep_ == "pobj" else root


def counted_by_subject(span: Span, quantity: Quantity, counted_noun: int | None, head: Token | None,
                       direction: str | None, role: str | None) -> str | None:
    """A bare count that is a change or the level it reached counts its subject: "measles cases rose 45-fold
    to 58,000" (cases), "the number of births fell 7.7% to about 230,000" (births), a population people."""
    doc = span.doc
    if quantity.kind != "count" or counted_noun is not None or direction is None or role not in (None, "change") \
            or head is None or head.pos_ != "NOUN" or span.start == 0 or doc[span.start - 1].lower_ not in ("to", "by"):
        return None
    from workbench.nlp.scanner import unit_lemma  # here: the scanner imports this module's verbs of change

    if head.lemma_.lower() == "population":
        return "person"  # "the population grew by 1.6 million to 334.9 million": people
    if head.lemma_.lower() == "number":  # "the number of births"
        of_child = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        head = next((c for c in of_child.children if c.dep_ == "pobj"), None) if of_child is not None else None
        if head is None or head.pos_ != "NOUN":
            return None
    return head.tag_ == "NNS" and unit_lemma(head) or None


def _within(token: Token, root: Token) -> bool:
    """Does ``token`` hang from ``root``, directly or through other words?"""
    return any(ancestor.i == root.i for ancestor in token.ancestors)


def results_entry(span: Span) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """A results table's entry ("2. Neeraj Chopra (IND) 90.23m", "Evans Kiprono (KEN) 2:05:12"): the figure
    is the entrant's whose name and country code are written just before it, whatever else the line names.
    (actors, places), or None when the figure is not written so."""
    doc, i = span.doc, span.start
    if i < 4 or doc[i - 1].text != ")" or doc[i - 3].text != "(" or country_of_code(doc[i - 2].text) is None:
        return None
    start = i - 3
    while start > span.sent.start and doc[start - 1].is_alpha and doc[start - 1].text[:1].isupper():
        start -= 1
    if start == i - 3:
        return None
    return (doc[start:i - 3].text,), (country_of_code(doc[i - 2].text),)


#: What ends one entry of a list and starts the next: "Karnataka 30,840 cases; Maharashtra 23,970 cases".
LIST_SEPARATORS = {";", ",", ":", ".", "•", "·", "|", "-", "–", "—"}


def list_entry(span: Span, entities: list[Span]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """A list's entry that starts with a place written just before its figure ("Karnataka 30,840 cases;
    Maharashtra 23,970 cases" in a bulletin): the figure is that place's, whatever else the line names.
    (actors, places), or None when the figure is not written so."""
    doc, start = span.doc, span.start
    entity = next((ent for ent in entities if ent.end == start), None)
    if entity is None or not (entity.start == span.sent.start or doc[entity.start - 1].text in LIST_SEPARATORS):
        return None
    actors, places = names_of([entity])
    return ((), places) if places and not actors else None


# -- all of it -----------------------------------------------------------------------------------------

def read_frame(span: Span, quantity: Quantity, counted_noun: int | None, mentions: list[TimeMention],
               figures: list[Span], entities: list[Span], referred: Period | None = None) -> tuple[Quantity, Frame]:
    """The figure with its direction, role and time, and the frame of what it measures. ``mentions`` are
    the sentence's time phrases, ``figures`` its other figures, ``entities`` its named entities (read once per
    sentence by the caller: spaCy builds them anew on every ``Span.ents``), and ``referred`` the time the
    sentence refers to without naming it ("That year, ..."), which an undated figure takes."""
    verb, clause = clause_tokens(span.root)
    head = measure_head(span, quantity, counted_noun, figures)
    skip = {t.i for ent in entities if ent.label_ in FRAME_NAME_LABELS | {"DATE", "TIME"}
            for t in ent if head is None or t.i != head.i}
    actors, places = results_entry(span) or list_entry(span, entities) or label_entry(span, entities) or \
        named_in_clause(span, clause, head, figures, entities)
    if not actors or not places:  # "20 of its soldiers": the owner's names, "the Indian Army"
        owner_actors, owner_places = owner_names(span, verb, clause, entities)
        actors, places = actors or owner_actors, places or owner_places
    antecedent = _relative_antecedent(verb)
    if not actors and antecedent is not None:  # "The Congress, which polled nearly 40 per cent": the Congress's
        actors = names_of(ent for ent in entities if ent.start <= antecedent.i < ent.end)[0]
    actors = actors or unrecognised_subject(verb)
    forecaster = verb.head if verb is not None and verb.dep_ in ("xcomp", "ccomp") else None
    if forecaster is not None and forecaster.lemma_.lower() in CLAUSE_HEDGES:  # "the IMF expects India's economy
        actors += names_of(ent for ent in entities  # to grow 7%": a forecast is its forecaster's
                           if any(t.head.i == forecaster.i and t.dep_ in SUBJECT_DEPS for t in ent))[0]
    margin = quantity.kind in ("count", "percent") and a_margin(span)
    # a margin ("lost to Hobbs by 17,117 votes") says by how much, not how the votes changed
    direction, role = (None, None) if margin else change_of(span, quantity, head)
    figure_hedged = hedged(verb, span.root)
    found = time_of_figure(span, role, clause, mentions, figures) if quantity.kind != "date" else None
    period = found.period if found is not None else None
    if found is not None and found.yearless and figure_hedged and span.doc.has_extension("published"):
        published = as_date(span.doc._.published)
        if published is not None and period.end < published:
            period = period.shifted(12)  # "will join in March", said in November: next March
    if period is None and quantity.kind not in ("date", "duration") and role != "baseline":
        period = referred
    quantity = replace(quantity, direction=direction, role=role, time=period.iso() if period else quantity.time,
                       unit=quantity.unit or counted_by_subject(span, quantity, counted_noun, head, direction, role))
    measure = measure_phrase(head, span, skip, verb) if head is not None else labelled_by(span) or (
        event_measure(span, verb, skip) if quantity.kind in ("money", "count") else None)
    if margin and not (measure and measure.split()[-1].lower() in ("margin", "majority", "lead")):
        measure = "margin"  # "won by 4,512 votes": the margin, whatever it counts ("a majority of" says so)
    return quantity, Frame(measure, actors, places, figure_hedged)
