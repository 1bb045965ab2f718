"""Are two figures about the same measure? Frames compared: what is measured, whose, where, when.

A passage's figure may only support or contradict a claim's when both measure the same thing:

- the **measured thing** agrees: the head words of the measure (with synonyms: revenue/sales, jobs/posts,
  troops/soldiers, died/killed/deaths) are shared, and what each side adds ("relief camps", "food") is
  also found on the other side; for a count, what it counts and the event it counts ("people died" vs
  "people were evacuated") agree;
- **whose and where** do not conflict: each side names its companies, parties, people and places in the
  figure's own clause; when both name some and each names one the other does not (Tata Motors vs Maruti
  Suzuki, the UK vs India, Kerala vs Karnataka), they are about different things. A passage's figure
  without a name of its own takes the names of its passage (a source often names its company once), and
  in a passage that names no one, the organisation its source's title names when the claim's sentence never
  does (a results announcement names its company in its title only); unrelated names in the claim's
  sentence never count;
- the **times overlap**: the time each figure is for (its own "in April", "Q3 FY24"; else its document's
  date, give or take :data:`UNDATED_DAYS`), and for a contradiction the two periods must also be of a like
  length (a quarter's profit does not contradict a year's);
- the figures play the **same role**: a change against a change ("rose 5%"), a level against a level.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from workbench.claims import Claim, Quantity
from workbench.match import lexicon
from workbench.match.figures import KNOWN_WORDS, STOP_WORDS, content_words, counted, normalise_word
from workbench.nlp.frames import CHANGE_VERBS, DISEASES
from workbench.nlp.names import COUNTRIES, countries_of, is_subdivision, place_key
from workbench.nlp.periods import Period, fiscal_year, from_iso

#: How far before its document's date an undated figure may be for ("612 relief camps" in a July report).
UNDATED_DAYS = 90
#: For a contradiction, the longer period may be at most this many times the shorter.
LIKE_LENGTH = 4.0
#: A year's window, give or take the days a 52-week fiscal year or a month-end leaves out.
YEAR_DAYS = 360

#: Verbs that say nothing about what is measured ("was", "stood at", "reported", "reached"; camps "set up"
#: or "operating").
LIGHT_VERBS = set("""be have stand reach hit total remain stay record report show put see touch amount say
estimate count register number come cross top take make get give release publish announce tell post
include find become set operate run function establish confirm verify identify comprise hold""".split())
#: Words of a measure phrase that do not tell measures apart ("the total number of cases").
GENERIC_MEASURE_WORDS = {normalise_word(w) for w in """number figure level amount overall latest new
annual yearly monthly quarterly official provisional final estimated cumulative current record combined
full whole per cent percent share rate value sum count growth yoy mom qoq total real cadre cadres index""".split()}

#: How much a contest was won by ("a majority of 4,512", "won by 4,512 votes"), normalised.
MARGIN = normalise_word("margin")
#: Diseases, normalised: a count of one disease's cases or deaths is never another's.
DISEASE_WORDS = {normalise_word(w) for w in DISEASES}
#: Words that name a group of people within a count of them ("women voters", "first-time voters", "rural
#: households", "police personnel" among security personnel): a group's figure neither supports nor
#: contradicts the whole's, though the measure is a kind of the claim's.
SUBGROUP_WORDS = {normalise_word(w) for w in """women woman men man female male girls boys young youth elderly
older senior first-time rural urban adult adults minor minors police""".split()}

#: Words that make a measure a variant of itself, with a figure of its own ("like-for-like sales" are not
#: sales, "core inflation" is not inflation, "annual recurring revenue" is not revenue): one side's variant
#: that the other's text never names neither supports nor contradicts the other.
VARIANT_WORDS = {normalise_word(w) for w in "lfl core underlying adjusted organic recurring".split()}
#: Variants that are one measure named two ways: "underlying" profit is profit "adjusted" for one-off items,
#: which results also write "before adjusting items".
ONE_VARIANT = {normalise_word(w) for w in "underlying adjusted".split()}


# Not frozen: matching builds one for every candidate (or its every figure), and a frozen dataclass takes
# four times as long to build (~2 against 0.5 µs); nothing changes one after it is built.
@dataclass(slots=True)
class FrameCheck:
    """Whether a passage's figure is about the claim's measure, and the makings of the why line: when not,
    the ``reason`` ("another measure (...)"), or the two periods that do not overlap; when so, the claim
    and the period it is for, which :attr:`label` puts in words ("net profit, Tata Motors, Oct–Dec 2023"),
    and whether it is ``exact``ly the claim's measure (only then may it contradict; else ``reason`` says
    what may differ: "another event (affect vs shelter)").
    The words are only put together when asked for: most candidates never reach a reviewer."""

    same: bool
    exact: bool = False  # the very same measure: neither side says more of it than the other
    #: exact, or close enough for agreeing figures to support: a kind of the claim's measure, or one said
    #: in one sentence only
    agreeable: bool = False
    like_length: bool = True
    claim: Claim | None = None
    period: Period | None = None
    other_period: Period | None = None
    reason_text: str = ""
    #: which question said no: "role", "time", "whose" or "measure" ("" when none did)
    stage: str = ""
    measure_same: bool = False  # the measure is the same by its words, whatever the other questions said
    whose: str = ""  # why the two are of other actors or places, whatever the other questions said
    times_said: int = 0  # how many of the two figures' own texts say the time it is for (0, 1 or 2)

    @property
    def reason(self) -> str:
        if self.other_period is not None:
            return f"another time ({describe(self.other_period)} vs {describe(self.period)})"
        return self.reason_text

    @property
    def label(self) -> str:
        if self.claim is None:
            return ""
        measure = measure_text(self.claim)
        names = [name for name in (*self.claim.frame.actors[:1], *self.claim.frame.places[:1]) if name not in measure]
        return ", ".join(dict.fromkeys([measure, *names, *([describe(self.period)] if self.period else [])]))


# -- the measured thing --------------------------------------------------------------------------------

_PREPOSITIONS = {"of", "in", "on", "for", "from", "at", "to"}


@dataclass(frozen=True)
class Measure:
    """What a figure measures, as compared: the head word ("profit" of "net profit"; for a count, what it
    counts), every word of it, and the event it counts when that is its own ("die", "evacuate")."""

    head: str | None
    words: frozenset[str]
    event: str | None
    complement: frozenset[str] = frozenset()  # the words after its preposition ("cases on the waiting list")


#: Participles a label may end in that do not end in -ed or -en ("Ballots cast", "Seats won").
IRREGULAR_PARTICIPLES = {"cast", "won", "lost", "held", "paid", "sold", "spent", "built", "hit", "cut", "set", "shot",
                         "struck", "made", "bought", "sent", "kept", "left", "led", "met", "found", "run"}


@lru_cache(maxsize=50_000)
def measure_of(claim: Claim) -> Measure:
    quantity = claim.quantity
    dated = quantity is not None and quantity.kind in ("date", "duration")  # an event: what it happened to
    measure = _dated_subject(claim) or claim.frame.measure if dated else claim.frame.measure
    if _changed_subject(claim):
        measure = claim.subject  # "Registered Democrats fell 2.1 percent": what changed is the subject
    return _measure(claim, lexicon.rewrite(measure or ""))


#: The hour of a day, a part of it or its clock: what a date's sentence may hang it on ("struck in the early
#: hours of July 29", "on the night of October 24"), never what happened then.
_TIMES_OF_DAY = {"hour", "hours", "morning", "mornings", "night", "nights", "evening", "afternoon", "dawn",
                 "midnight", "noon", "daybreak", "hrs", "ist", "gmt", "bst", "utc", "et", "pt"}


def _dated_subject(claim: Claim) -> str | None:
    """A date's subject, unless it is only the time of day the date is of."""
    words = (claim.subject or "").split()
    return None if not words or words[-1].lower() in _TIMES_OF_DAY else claim.subject


def _changed_subject(claim: Claim) -> bool:
    """Does a change say what changed only by its subject ("Registered Democrats fell 2.1 percent",
    "... numbered 2.4 million, up 2.1 percent")?"""
    quantity = claim.quantity
    return quantity is not None and bool(quantity.direction and claim.subject) and not any(
        _a_word(w) and normalise_word(w) not in GENERIC_MEASURE_WORDS and w.lower() not in STOP_WORDS
        for w in (claim.frame.measure or "").split())


def _measure(claim: Claim, text: str) -> Measure:
    quantity = claim.quantity
    main, complement = text, ""
    for word in text.split()[1:]:
        if word.lower() in _PREPOSITIONS:
            main, _, complement = text.partition(f" {word} ")
            break
    main_words = [normalise_word(w) for w in main.split() if w.lower() not in STOP_WORDS and _a_word(w)]
    # a label's participle is its event, not what it counts ("Structures destroyed: 9,418" counts structures);
    # "People killed: 4" still counts deaths, as "killed 4 people" does
    verb = normalise_word(predicate_verb(claim.predicate) or "")
    last = main.split()[-1].lower() if main.split() else ""
    participle = len(main_words) > 1 and main_words[-1] == verb and verb != "death" and \
        (last.endswith(("ed", "en")) or last in IRREGULAR_PARTICIPLES)
    head = next((w for w in reversed(main_words[:-1] if participle else main_words)
                 if w not in GENERIC_MEASURE_WORDS), None)
    counted_noun = counted(quantity, claim.predicate) if quantity is not None and quantity.kind == "count" else None
    if counted_noun and head != MARGIN:  # a margin of 8,000 votes is a margin, not a count of votes
        head = normalise_word(counted_noun)
    complement_words = {w for w in content_words(complement) if _a_word(w) and w not in GENERIC_MEASURE_WORDS}
    words = {w for w in main_words if w not in GENERIC_MEASURE_WORDS} | complement_words
    if head:
        words.add(head)
    return Measure(head, frozenset(words), event_word(claim), frozenset(complement_words))


def _a_word(word: str) -> bool:
    """Not a number nor a fragment of a time phrase ("Q2", "FY25"), which say when, not what."""
    return word.lower() not in ("q", "h", "fy", "cy") and not any(ch.isdigit() for ch in word)


def event_word(claim: Claim) -> str | None:
    """The event a count, an amount of land or water, or a date is of ("die", "evacuate", "inundate"), unless
    its verb is a light one ("was", "reported") or one of change ("rose": a direction, compared on its own)."""
    if claim.quantity is None or claim.quantity.kind not in ("count", "measure", "date", "duration"):
        return None
    verb = predicate_verb(claim.predicate)
    if verb is None or verb in LIGHT_VERBS or verb in CHANGE_VERBS:
        return None
    return normalise_word(verb)


def predicate_verb(predicate: str | None) -> str | None:
    """The verb of a predicate as the claim builder writes it ("not lose life", "edge down"): its lemma, and
    "die" for losing lives."""
    words = [word for word in (predicate or "").split() if word != "not"]
    if not words:
        return None
    return "die" if words[-1] == "life" else words[0]


def same_measure(claim: Claim, other: Claim, claim_words: set[str],
                 passage_words: set[str]) -> tuple[bool, bool | None, str]:
    """Does the passage's figure measure what the claim's does? And is it exactly the same measure (True),
    possibly it but not surely (False: neither supports nor contradicts), or close enough for agreeing
    figures to support but not for conflicting ones to contradict (None)? With what may differ, in words.

    Their heads must be the same word, synonyms, or one must be a word of the other's complement ("the
    waiting list" and "cases on the waiting list"). The events they count must agree when both are events
    the lexicon knows (died and were injured; evacuated and displaced), unless the other side speaks of it
    too; two verbs it does not know ("affected" and "sheltering", "forced from their homes" and
    "evacuated") leave the measure possibly one, never exactly. When each side says something the other's text does not ("people in relief camps" against
    "residents affected"), they are two measures; when only one does, they may be one, but not exactly when
    the passage's is a kind of the claim's ("comparable-store sales" against "sales"): a contradiction
    needs exactly (:mod:`relation`)."""
    mine, theirs = measure_of(claim), measure_of(other)
    differ = f"another measure ({measure_text(claim)} vs {measure_text(other)})"
    events_differ = events_apart(mine, theirs, claim_words, passage_words)
    if events_differ and mine.event in KNOWN_WORDS and theirs.event in KNOWN_WORDS:
        return False, False, f"another event ({claim.predicate} vs {other.predicate})"
    my_event = mine.event if mine.event in KNOWN_WORDS else None
    their_event = theirs.event if theirs.event in KNOWN_WORDS else None
    contrasted = contrast(claim, other, mine, theirs)
    if contrasted:
        return False, False, (f"another measure ({measure_text(claim)} vs {measure_text(other)}: "
                              f"{contrasted[0]} vs {contrasted[1]})")
    my_verb, their_verb = _verb_only(claim, mine), _verb_only(other, theirs)
    if my_verb or their_verb:
        return _same_by_verbs(claim, other, mine, theirs, my_verb, their_verb, claim_words)
    if mine.head != theirs.head and mine.head not in theirs.complement and theirs.head not in mine.complement:
        return False, False, differ
    my_diseases, their_diseases = mine.words & DISEASE_WORDS, theirs.words & DISEASE_WORDS
    if my_diseases and their_diseases and not my_diseases & their_diseases:
        return False, False, differ
    my_extras = mine.words - theirs.words - passage_words
    their_extras = theirs.words - mine.words - claim_words
    if my_event and my_event not in passage_words and my_event != their_event:
        my_extras |= {my_event}
    if their_event and their_event not in claim_words and my_event != their_event:
        their_extras |= {their_event}
    if my_extras and their_extras:
        return False, False, differ
    # Exactly the same unless the passage's measure is a kind of the claim's ("comparable-store sales",
    # "core inflation", "job openings") that the claim's sentence never names.
    their_kind = theirs.words - theirs.complement - mine.words - claim_words
    if _variant(my_extras, passage_words) or _variant(their_kind, claim_words):
        return True, False, f"a variant of the measure ({measure_text(claim)} vs {measure_text(other)})"
    if events_differ:
        # two verbs the lexicon does not know ("supplied" and "manufactured" 5,000 missiles) may be one event
        # in other words, close enough for agreeing figures; one it knows ("displaced") names its own event
        known = mine.event in KNOWN_WORDS or theirs.event in KNOWN_WORDS
        return True, False if known else None, f"another event ({claim.predicate} vs {other.predicate})"
    if their_kind & SUBGROUP_WORDS:
        return True, False, f"a group within the measure ({measure_text(other)} vs {measure_text(claim)})"
    if their_kind:
        return True, None, f"a kind of the measure ({measure_text(other)} vs {measure_text(claim)})"
    return True, True, ""


#: Words either side of a figure that say what it counts ("54 percent of the vote", "ballots cast 54.0%").
WINDOW_WORDS = 6


def around_figure(claim: Claim) -> tuple[str, str] | None:
    """The text of the figure's sentence before it and after it (None when its offsets are not the
    sentence's)."""
    quantity, sentence = claim.quantity, claim.sentence
    start, end = quantity.start - sentence.start, quantity.end - sentence.start
    if not 0 <= start <= end <= len(sentence.text):
        return None
    return sentence.text[:start], sentence.text[end:]


def window(claim: Claim) -> str:
    """The words around a figure in its sentence, the figure itself left out."""
    around = around_figure(claim)
    if around is None:
        return claim.sentence.text
    before, after = around[0].split(), around[1].split()
    return " ".join(before[-WINDOW_WORDS:] + after[:WINDOW_WORDS])


def _contrast_sides() -> list[tuple[dict[str, str], dict[str, str]]]:
    """Each pair of :data:`lexicon.CONTRASTS` as two sides, each word by its normalised form."""
    sides = []
    for line in lexicon.CONTRASTS.splitlines():
        left, _, right = line.partition("|")
        sides.append(tuple({normalise_word(word): word for word in side.split()} for side in (left, right)))
    return sides


_CONTRASTS = _contrast_sides()
#: Every word of :data:`_CONTRASTS`: most figures' words have none, and need no more asking.
_CONTRAST_WORDS = frozenset(word for sides in _CONTRASTS for side in sides for word in side)
#: "non-military", "non military": the other of "military".
_NEGATED = re.compile(r"\bnon[- ]([a-z]+)")


@lru_cache(maxsize=50_000)
def _context_words(claim: Claim, measure: Measure) -> tuple[frozenset[str], dict[str, str]]:
    """What a figure's measure and the words around it say, and the words they negate ("non-military")."""
    text = window(claim).lower()
    negated = {normalise_word(word): word for word in _NEGATED.findall(text)}
    return measure.words | content_words(_NEGATED.sub(" ", text)), negated


def contrast(claim: Claim, other: Claim, mine: Measure, theirs: Measure) -> tuple[str, str] | None:
    """A word said of one figure whose other side is said of the other and not of the first ("retail" and
    "wholesale", :data:`lexicon.CONTRASTS`; "military" and "non-military"): the claim's word and the passage's,
    or None."""
    my_words, my_negated = _context_words(claim, mine)
    if not my_negated and not my_words & _CONTRAST_WORDS and "non" not in other.sentence.text.lower():
        return None  # the claim's side says neither side of any pair: only a "non-" of the passage's could
    their_words, their_negated = _context_words(other, theirs)
    if not (my_negated or their_negated or (my_words & _CONTRAST_WORDS and their_words & _CONTRAST_WORDS)):
        return None
    for left, right in _CONTRASTS:
        for mine_side, their_side in ((left, right), (right, left)):
            said = sorted(mine_side[word] for word in my_words & mine_side.keys() - their_words)
            other_said = sorted(their_side[word] for word in their_words & their_side.keys() - my_words)
            if said and other_said:
                return said[0], other_said[0]
    if plain := sorted(my_words & their_negated.keys() - their_words - my_negated.keys()):
        return their_negated[plain[0]], f"non-{their_negated[plain[0]]}"
    if plain := sorted(their_words & my_negated.keys() - my_words - their_negated.keys()):
        return f"non-{my_negated[plain[0]]}", my_negated[plain[0]]
    return None


def _variant(extras: set[str], other_words: set[str]) -> bool:
    """Do the words one side says and the other does not make its measure a variant (:data:`VARIANT_WORDS`),
    unless they name the one variant the other text names too in another word (:data:`ONE_VARIANT`)?"""
    variants = extras & VARIANT_WORDS
    return bool(variants) and not (variants <= ONE_VARIANT and other_words & ONE_VARIANT)


def events_apart(mine: Measure, theirs: Measure, claim_words: set[str], passage_words: set[str]) -> bool:
    """Do the two figures count events told by different verbs ("burned" 450 hectares, "flooded" 120), which
    neither text tells in the other's word?"""
    return bool(mine.event and theirs.event and mine.event != theirs.event and not (
        mine.event in passage_words and theirs.event in claim_words))


def _verb_only(claim: Claim, measure: Measure) -> bool:
    """Is the figure's measure said only by its verb ("will give Ukraine £3bn", "burned 48,000 acres"), or
    not at all?"""
    if measure.head is None:
        return True
    verb = predicate_verb(claim.predicate)
    return verb is not None and (claim.frame.measure or "").lower() == verb and not _changed_subject(claim)


def _same_by_verbs(claim: Claim, other: Claim, mine: Measure, theirs: Measure, my_verb: bool, their_verb: bool,
                   claim_words: set[str]) -> tuple[bool, bool | None, str]:
    """When one side's measure is only its verb, the other's measured thing must be in its sentence ("the
    £3bn it gives in military aid" against "military aid of £3bn"); when both are, their verbs must agree
    (synonyms count: "give" and "provide" do not, "burned" and "burned" do), and then they are exactly
    the same measure as far as words can tell."""
    if my_verb and their_verb:
        verbs = {normalise_word(verb) if (verb := predicate_verb(c.predicate)) else None for c in (claim, other)}
        if len(verbs) == 1 and None not in verbs:
            return True, True, ""
        return False, False, "what the figure measures is not said"
    specified, sentence_words = (theirs, claim_words) if my_verb else (mine, content_words(other.sentence.text))
    if (mine if my_verb else theirs).head is not None and specified.head in sentence_words:
        return True, None, f"the measure only in one sentence ({measure_text(claim)} vs {measure_text(other)})"
    if _table_entry(other) and not _table_entry(claim):
        # "Evans Kiprono (KEN) 2:05:12": a results table's entry is whatever its entrant did, in its unit
        return True, None, "a table's entry for the measure"
    if claim.quantity.kind == other.quantity.kind == "measure" and mine.event and mine.event == theirs.event:
        # an area or a length by what was done over it: "burned about 700 hectares" and "burned approximately
        # 210 hectares of moorland" measure one thing, whatever the land is called
        return True, True, ""
    return False, False, "what the figure measures is not said"


def _table_entry(claim: Claim) -> bool:
    """A figure with nothing said of it but who and where it is of: a results table's entry ("2. Neeraj
    Chopra (IND) 90.23m")."""
    return not claim.frame.measure and not claim.predicate and bool(claim.frame.actors and claim.frame.places)


def same_event(claim: Claim, other: Claim, passage_words: set[str]) -> tuple[bool, str]:
    """Do two dates (or a duration's implied date and a date) date the same thing? Something of the claim's
    event or of what it happened to is in the passage ("resume trade after a five-year hiatus" and "border
    trade was suspended in 2020"; "visit China for the first time in seven years" and "last visited China in
    June 2018"). Which event exactly decides only whether they may contradict (:mod:`relation`)."""
    mine, theirs = measure_of(claim), measure_of(other)
    words = mine.words | ({mine.event} if mine.event else set())
    if not words or words & (passage_words | theirs.words | ({theirs.event} if theirs.event else set())):
        return True, ""
    return False, f"another event ({claim.predicate or measure_text(claim)} vs {other.predicate or measure_text(other)})"


def measure_text(claim: Claim) -> str:
    """What a figure measures, in the words of its text; for a date, what the event happened to."""
    dated = claim.quantity is not None and claim.quantity.kind in ("date", "duration")
    words = (_dated_subject(claim) or claim.frame.measure) if dated else claim.frame.measure
    return words or claim.predicate or (claim.quantity.unit if claim.quantity else None) or "?"


# -- whose and where -----------------------------------------------------------------------------------

def _name_words(name: str) -> frozenset[str]:
    """A name's words as a text's are read (:func:`content_words`), so "Halvorsen Foods, Inc." holds
    "Halvorsen Foods" whatever its punctuation."""
    return content_words(name)


@lru_cache(maxsize=100_000)
def names_match(a: str, b: str) -> bool:
    """One name within the other, word for word ("Tata Motors" and "Tata"; "N. Biren Singh" and "Singh"), one
    the other's initials ("FDA" and "U.S. Food and Drug Administration"), or one person by a short form of
    the first name ("Jo Penrose" and "Joanna Penrose")."""
    left, right = _name_words(a), _name_words(b)
    return bool(left and right) and (left <= right or right <= left) or _initials(a, b) or _initials(b, a) or \
        _short_first_name(a, b) or _short_first_name(b, a)


#: Short forms of first names that are not their start ("Tom" for Thomas; "Sam" for Samantha needs none).
SHORT_FORMS = {"tom": "thomas", "bill": "william", "will": "william", "bob": "robert", "bobby": "robert",
               "jim": "james", "jimmy": "james", "mike": "michael", "dave": "david", "tony": "anthony",
               "liz": "elizabeth", "beth": "elizabeth", "kate": "katherine", "katie": "katherine",
               "jack": "john", "johnny": "john", "harry": "henry", "dick": "richard", "rick": "richard",
               "ted": "edward", "ned": "edward", "steve": "stephen", "peggy": "margaret", "maggie": "margaret",
               "sandy": "alexandra", "chuck": "charles", "charlie": "charles", "jenny": "jennifer", "sue": "susan"}


def _short_first_name(short: str, long: str) -> bool:
    short_words, long_words = short.split(), long.split()
    if not len(short_words) == len(long_words) == 2:
        return False
    (first, last), (long_first, long_last) = short_words, long_words
    return last == long_last and first != long_first and first[:1].isupper() and (
        long_first.lower().startswith(first.lower()) or SHORT_FORMS.get(first.lower()) == long_first.lower())


def _initials(short: str, long: str) -> bool:
    letters = short.replace(".", "")
    if not (2 <= len(letters) <= 6 and letters.isupper()):
        return False
    capitals = "".join(word[0] for word in long.replace("-", " ").split() if word[:1].isupper() and "." not in word)
    return len(capitals) >= len(letters) and letters in capitals


def same_level(a: str, b: str) -> bool:
    """Can two places be told apart by name alone? Two countries can, and two places that are not
    countries (Kerala and Karnataka); a country and a place that is not one cannot (Assam may be in India)."""
    return (a in COUNTRIES) == (b in COUNTRIES)


def name_conflict(mine: tuple[str, ...], theirs: tuple[str, ...], fallback_text: set[str] = frozenset(),
                  keyed=None, alike=lambda a, b: True,
                  texts: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())) -> tuple[str, str] | None:
    """Two names that tell the figures apart, (claim's, passage's), or None: both sides name someone and each
    names one the other does not (and that can be told apart: ``alike``). Not a conflict, though, when the
    passage's names only stand in for its figure's and its text (``fallback_text``) names the claim's too, or
    the claim's text names those stand-ins,
    nor when each text names the other's (``texts``: the claim's words, the passage's words): the same
    parties, seen from each side ("UP Warriorz bought her for ₹1.6 crore" / "sold to UP Warriorz")."""
    if not mine or not theirs:
        return None
    if keyed is not None:
        mine, theirs = tuple(dict.fromkeys(map(keyed, mine))), tuple(dict.fromkeys(map(keyed, theirs)))
    unmatched_mine = [a for a in mine if not any(names_match(a, b) for b in theirs)]
    unmatched_theirs = [b for b in theirs if not any(names_match(a, b) for a in mine)
                        and any(alike(a, b) for a in unmatched_mine)]
    if not unmatched_mine or not unmatched_theirs:
        return None
    if fallback_text and all(_name_words(a) <= fallback_text for a in unmatched_mine):
        return None
    claim_text, passage_text = texts
    if fallback_text and claim_text and all(_name_words(b) <= claim_text for b in unmatched_theirs):
        return None  # the passage's borrowed names are the claim's too ("won the Rampura Kalan seat")
    if claim_text and passage_text and all(_name_words(a) <= passage_text for a in unmatched_mine) and \
            all(_name_words(b) <= claim_text for b in unmatched_theirs):
        return None
    return unmatched_mine[0], unmatched_theirs[0]


def _narrower_place(my_places: tuple[str, ...], their_places: tuple[str, ...]) -> str | None:
    """The passage's figure is for states of the country the claim's is for, and the claim names no state
    ("nearly 2.9 lakh dengue cases" in India against "Karnataka 30,840 cases"): a part against the whole."""
    countries = {place_key(place) for place in my_places if place_key(place) in COUNTRIES}
    if not countries or not their_places or any(is_subdivision(place) for place in my_places):
        return None
    parts = [place for place in their_places if countries_of(place) & countries]
    return f"a part of the place ({parts[0]} in {my_places[0]})" if len(parts) == len(their_places) else None


def _wider_place(my_places: tuple[str, ...], their_places: tuple[str, ...],
                 passage_text: frozenset[str]) -> str | None:
    """The passage's figure is for whole countries where the claim's is for a part of one that the passage
    never names ("312 civilians in Ukraine's Kharkiv region" against "2,064 civilians across Ukraine")."""
    if not their_places or not all(place_key(place) in COUNTRIES for place in their_places):
        return None
    parts = [place for place in my_places
             if place_key(place) not in COUNTRIES and not _name_words(place) <= passage_text]
    return f"a wider place ({their_places[0]} vs {parts[0]})" if parts else None


def whose_conflict(my_actors: tuple[str, ...], my_places: tuple[str, ...], their_actors: tuple[str, ...],
                   their_places: tuple[str, ...], fallback_text: set[str],
                   texts: tuple[frozenset[str], frozenset[str]]) -> str | None:
    """Why the two figures are of different actors or places, or None. Companies, parties and people are
    compared with each other, places with places of their level, never a company or a person with a place
    (Sahyadri Steel and Kalinganagar, the NBA and Sacramento): most such pairs are a place the small model
    read as a name, or the reverse, which the names of states and areas now catch ("Lalitpur district").
    ``fallback_text`` and ``texts``: see :func:`name_conflict`."""
    clash = name_conflict(my_actors, their_actors, fallback_text, texts=texts)
    if clash:
        return f"about another ({clash[1]} vs {clash[0]})"
    clash = name_conflict(my_places, their_places, keyed=place_key, alike=same_level, texts=texts)
    return f"another place ({clash[1]} vs {clash[0]})" if clash else None


def listed_within(claim: Claim, their_places: tuple[str, ...], passage_words: set[str]) -> str | None:
    """The passage's figure is for a list of places, none of them the claim's, in a passage whose text or
    title names the claim's country or state ("1,60,240 persons from ... Ganjam, Puri, Jagatsinghpur and
    Kendrapara districts" under "Special Relief Commissioner, Odisha"): most likely the parts of the claim's
    place, whose total may be the claim's figure, but which never contradict it: that place, or None. Not
    when a listed place is of its level or above it (Wales and Scotland; Kerala and Karnataka; Assam and
    India), nor another country's state."""
    if len(their_places) < 2:
        return None
    # a state or country the small model read as the one who acts ("Assam has shifted ...") is a place here
    return next((mine for mine in (*claim.frame.places, *claim.frame.actors) if _name_words(mine) <= passage_words
                 and all(_may_lie_in(theirs, mine) for theirs in their_places)), None)


def _may_lie_in(part: str, whole: str) -> bool:
    """Can ``part`` be a place inside ``whole``, a country or a state the gazetteers know? Any place they do
    not know can; a state only when it is of that country."""
    whole_key, part_key = place_key(whole), place_key(part)
    if names_match(whole_key, part_key) or part_key in COUNTRIES:
        return False
    if whole_key in COUNTRIES:
        return not is_subdivision(part) or whole_key in countries_of(part)
    return is_subdivision(whole) and not is_subdivision(part)


#: A passage's actors and places (its own or its opening passage's) and the actors its source's title names.
PassageNames = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def title_stand_ins(claim: Claim, claim_words: set[str], title_actors: tuple[str, ...],
                    passage_words: set[str] = frozenset()) -> tuple[str, ...]:
    """The organisations a source's title names, standing in for a passage figure's own when the passage names
    no one: a claim about a company its title does not name is about another ("Revenue increased by 9% to £1.4
    billion" under "Pennard Engineering plc: Preliminary results" against Aldwick Group's £1.4bn). Only against
    a claim whose figure names an organisation in words, or whose sentence says one reports it, and only names
    the claim's sentence shares no word with: a title also names who publishes ("Office for National
    Statistics: Consumer price inflation"), and an acronym alone ("ECI press note") as often stands for the
    claim's own organisation. None when the title or the passage (``passage_words``) writes the claim's actor,
    whether or not it was read as a name there ("InciWeb: Kettle Ridge Fire incident overview")."""
    if not _named_organisation(claim.frame.actors or reporters(claim)) or \
            any(_name_words(actor) <= passage_words for actor in claim.frame.actors):
        return ()
    return tuple(name for name in title_actors if not name.isupper() and _name_words(name).isdisjoint(claim_words))


def reporters(claim: Claim) -> tuple[str, ...]:
    """The organisations the claim's sentence says report its figure ("Freddie Mac said"), places left out."""
    if claim.attribution_kind != "organization" or not claim.attribution:
        return ()
    return tuple(name for name in claim.entities if name in claim.attribution and place_key(name) not in COUNTRIES
                 and not is_subdivision(name))


def _named_organisation(actors: tuple[str, ...]) -> bool:
    """Is one of a figure's actors named in words? An acronym alone ("RTT", "NEET") is as often a programme,
    a law or a measure that the small model read as an organisation."""
    return any(not name.isupper() for name in actors)


def _said_by(claim: Claim) -> frozenset[str]:
    """The words of who the figure's sentence says reported it ("Ukraine's General Staff said"): a claim names
    the passage's actor or place only outside them ("Russia lost 1,520 troops, Ukraine's General Staff said"
    does not name "The Ukrainian armed forces"). Only the claim's side is asked: a passage's figures are
    stored without their reporter, in stored matching and ``match --input`` alike."""
    return content_words(claim.attribution) if claim.attribution else frozenset()


# -- when ----------------------------------------------------------------------------------------------

def period_of(quantity: Quantity, published: str | None, hedged: bool = False) -> tuple[Period | None, bool]:
    """The period a figure is for and whether its text says so; an undated figure is for the weeks before
    its document's date, or for the year after it when it is a plan or forecast ("will send 900 troops")."""
    period = from_iso(quantity.time)
    if period is not None:
        return period, True
    return _undated_period((published or "")[:10], hedged), False


@lru_cache(maxsize=10_000)
def _undated_period(published: str, hedged: bool) -> Period | None:
    """The period of an undated figure in a document of that date (cached: every passage of a source asks)."""
    try:
        date = dt.date.fromisoformat(published)
    except ValueError:
        return None
    return Period(date - dt.timedelta(days=UNDATED_DAYS), date + dt.timedelta(days=365 if hedged else 0))


def _days(period: Period) -> int:
    return (period.end - period.start).days + 1


def two_fiscal_years(a: Period, b: Period) -> bool:
    """Two fiscal years named by the years they end in ("fiscal 2023", "fiscal year 2022"), each read loosely for
    either convention (April of the year before to September): different years are different times, though
    the loose readings overlap."""
    return _loose_fiscal_year(a) and _loose_fiscal_year(b) and a.end.year != b.end.year


def _loose_fiscal_year(period: Period) -> bool:
    return period == fiscal_year(period.end.year)


def two_spans(a: Period, b: Period) -> bool:
    """Two spans of the same whole months, shorter than a year, that are not the same months: two quarters or
    halves ("the third quarter" and "the second quarter", each read for either fiscal convention) or two
    windows of a rolling measure ("the three months to August" and "May to July"), which share months but
    are different figures. Not a calendar quarter against a span shifted from it: a company's fiscal quarter
    ends a month or two off the calendar's ("fiscal fourth quarter" and "the three months ended January 31")."""
    months = _whole_months(a)
    return months is not None and 1 < months < 12 and months == _whole_months(b) and a != b and \
        _calendar_quarter(a) == _calendar_quarter(b)


def _calendar_quarter(period: Period) -> bool:
    return _whole_months(period) == 3 and period.start.month % 3 == 1


def _whole_months(period: Period) -> int | None:
    """How many calendar months a period spans, when it runs from a month's first day to a month's last."""
    if period.start.day != 1 or (period.end + dt.timedelta(days=1)).day != 1:
        return None
    return period.calendar_months()


def two_windows(a: Period, b: Period) -> bool:
    """Two periods of a year or more that share less than half of the shorter, neither of them starting a
    calendar year: two windows of a rolling measure ("the 12 months through February" and "the 12 months
    ending July"). A year against a fiscal year that ends in it ("2025" and "April 2024–March 2025", as
    results label a fiscal year) stays one time, and so do quarters, which retailers' calendars shift."""
    shorter = min(_days(a), _days(b))
    if a.start.timetuple().tm_yday == 1 or b.start.timetuple().tm_yday == 1 or shorter < YEAR_DAYS:
        return False
    shared = (min(a.end, b.end) - max(a.start, b.start)).days + 1
    return shared < shorter / 2


def describe(period: Period | None) -> str:
    """A period in a reviewer's words: "2023", "April 2024", "4 Aug 2024", "Oct–Dec 2023", "2023–2024"."""
    if period is None:
        return "?"
    iso = period.iso()
    first, _, last = iso.partition("/")

    def side(text: str) -> str:
        if len(text) == 4:
            return text
        date = dt.date.fromisoformat(text + "-01" if len(text) == 7 else text)
        return date.strftime("%B %Y") if len(text) == 7 else f"{date.day} {date.strftime('%b %Y')}"
    if not last:
        return side(first)
    if len(first) == len(last) == 7 and first[:4] == last[:4]:
        start, end = dt.date.fromisoformat(first + "-01"), dt.date.fromisoformat(last + "-01")
        return f"{start.strftime('%b')}–{end.strftime('%b')} {start.year}"
    return f"{side(first)}–{side(last)}"


# -- all of it -----------------------------------------------------------------------------------------

def check(claim: Claim, claim_published: str | None, other: Claim, other_published: str | None,
          claim_words: set[str], passage_words: set[str], sentence_words: frozenset[str],
          passage_names: PassageNames, mine: Quantity, theirs: Quantity, complete: bool = False) -> FrameCheck:
    """Is ``other`` (a passage's figure, ``theirs`` as compared) about the measure of ``claim`` (``mine``)?
    A level against a change is never the same measure. Ranking only asks whether it is the same measure, so
    the first question that says no ends the check; ``complete`` answers every one (time, whose and where,
    what is measured: what :mod:`workbench.match.evidence` weighs), the first that says no being the
    ``stage`` either way. ``passage_words``: the passage's words with its source's title and opening passage;
    ``sentence_words``: the passage's own (both as :func:`content_words` reads them); ``passage_names``: the
    passage's actors and places and its title's actors."""
    if "baseline" in (mine.role, theirs.role) and mine.role != theirs.role:
        return FrameCheck(False, reason_text="one is the level before the change", stage="role")
    if "whole" in (mine.role, theirs.role) and mine.role != theirs.role:
        return FrameCheck(False, reason_text="one counts the whole, the other a part of it", stage="role")
    if mine.kind == "percent" and mine.role != theirs.role:
        return FrameCheck(False, reason_text="one is a change, the other a level", stage="role")
    my_period, my_explicit = period_of(mine, claim_published, claim.frame.hedged) if mine.kind != "date" \
        else (None, False)
    their_period, their_explicit = period_of(theirs, other_published, other.frame.hedged) if theirs.kind != "date" \
        else (None, False)
    like_length, apart = True, False
    if my_period is not None and their_period is not None:
        apart = not my_period.overlaps(their_period) or my_explicit and their_explicit and (
            two_windows(my_period, their_period) or two_fiscal_years(my_period, their_period)
            or two_spans(my_period, their_period))
        if apart and not complete:
            return FrameCheck(False, period=my_period, other_period=their_period, stage="time")
        if my_explicit and their_explicit and not (event_word(claim) and event_word(other)):
            # a quarter's profit is not a year's; deaths in June 2020 are deaths of 2020
            lengths = sorted((_days(my_period), _days(their_period)))
            like_length = lengths[1] <= LIKE_LENGTH * lengths[0]
    if mine.kind == "date":
        same, reason = same_event(claim, other, passage_words)
        exact = same
    else:
        same, exact, reason = same_measure(claim, other, claim_words, passage_words)
    if not same and not complete:
        return FrameCheck(False, like_length=like_length, claim=claim, reason_text=reason, stage="measure")
    # A figure without names of its own takes its passage's companies and people (a source often names its
    # company once) but not its places: a passage names the districts of a state, the towns of a district. A
    # passage that names no one may take its title's organisation (title_stand_ins).
    title = () if other.frame.actors or passage_names[0] else \
        title_stand_ins(claim, claim_words, passage_names[2], passage_words)
    actors = other.frame.actors or passage_names[0] or title
    # the claim's country or state whose parts the passage lists is no clash; its other places still are
    # (North Kivu against South Kivu in a passage titled "DR Congo")
    within = listed_within(claim, other.frame.places, passage_words)
    my_places = tuple(place for place in claim.frame.places if place != within)
    # a figure whose own clause names no one is the organisation's that reports it ("Tidewater Airlines said
    # operating revenue rose"), against a passage figure another organisation reports as its own
    my_actors = claim.frame.actors or (reporters(claim) if _named_organisation(other.frame.actors or title) else ())
    clash = whose_conflict(my_actors, my_places, actors, other.frame.places,
                           set() if other.frame.actors else sentence_words,
                           (frozenset(claim_words) - _said_by(claim), sentence_words))
    if within and exact is not False:  # may support, never contradict
        exact, reason = None, reason or f"places within {within} ({', '.join(other.frame.places)})"
    # Of the same measure, a country's count or amount against one for a part of it is a whole against a
    # part: never evidence either way (a date is of an event, wherever in the country it happened).
    dated = "date" in (mine.kind, theirs.kind) or claim.quantity is not None and claim.quantity.kind == "duration"
    wider = (_wider_place(claim.frame.places, other.frame.places, sentence_words)
             or _narrower_place(claim.frame.places, other.frame.places)) if same and not dated else None
    # Every question is answered (the model in workbench.match.evidence weighs them all); the first that says
    # no is the stage, and its reason the why.
    stage = "time" if apart else "role" if wider else "whose" if clash else "" if same else "measure"
    return FrameCheck(stage == "", exact=bool(exact), agreeable=exact is not False, like_length=like_length,
                      claim=claim, period=my_period if my_explicit or apart else None,
                      other_period=their_period if apart else None,
                      reason_text="" if stage == "time" else wider or clash or reason, stage=stage,
                      measure_same=same, whose=clash or wider or "", times_said=my_explicit + their_explicit)
