"""Does a passage's conflicting figure contradict the claim's? A fitted model over the frame comparison.

The frame rules (:mod:`workbench.match.frames`) answer "the same measure?" with words: the same head noun,
synonyms the lexicon knows, nothing said on one side that the other does not. They are right when they say
yes, but say no to much real contradiction written in other words ("U.S. retail sales rose 0.4 percent"
against "retail and food services sales ... a decrease of 0.4 percent"). So for a figure whose value or
direction conflicts, the last word is a logistic model over what the comparison shows (:func:`features`):
what the rules found and which of their questions said no, how alike the two measures and the words around
the two figures are (word overlap and WordLlama vectors, :mod:`workbench.match.embed`), how alike the two
sentences and the stories are, how far apart the values are, whether the passage names the claim's actor or
place. ``bench/fit_relations.py`` fits it on the tuning part of the relations set, cross-validated, and
chooses the threshold at which a ``contradicts`` is right at least 98 times in 100 there
(``workbench/match/weights.json``, section ``contradicts``).

Which figures it may weigh at all stays with the rules (:func:`workbench.match.relation.may_contradict`),
because a wrong ``contradicts`` is the costliest error the product can make: never a level against a
change, periods of unlike length, two times that both texts say and that do not overlap, a forecast
against a fact, a kind of the claim's measure or the date of another event. ``supports`` stays with the
rules too (see the README).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from workbench.claims import Quantity
from workbench.match.embed import embedder
from workbench.match.figures import canonical_unit, content_words, normalise_word
from workbench.match.frames import measure_of, measure_text, names_match, window
from workbench.match.rank import ClaimQuery, Judgement, Scored, opposite
from workbench.nlp.names import countries_of, place_key
from workbench.settings import ContradictionModel

#: The frame questions the model weighs (:attr:`FrameCheck.stage`); a level against a change ("role") is
#: never evidence.
WEIGHED_STAGES = ("", "measure", "whose", "time")
_DIGITS = re.compile(r"\d")


#: How many texts' vectors are kept; when full, it starts again.
VECTOR_CACHE = 20_000
_vectors: dict[str, np.ndarray] = {}


def similarities(pairs: dict[str, tuple[str, str]]) -> dict[str, float]:
    """The cosine of each named pair of texts' vectors (0 when either is empty or has no word the model
    knows). The texts not met before are embedded in one call: a call costs about as much for one text as for
    six, and a figure's features compare three pairs."""
    missing = list(dict.fromkeys(text for pair in pairs.values() for text in pair if text and text not in _vectors))
    if missing:
        if len(_vectors) + len(missing) > VECTOR_CACHE:
            _vectors.clear()
        _vectors.update(zip(missing, embedder().embed(missing)))
    return {name: float(_vectors[a] @ _vectors[b]) if a and b else 0.0 for name, (a, b) in pairs.items()}


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _apart_by(mine: Quantity, theirs: Quantity) -> float:
    """How far apart two values are, in orders of magnitude up to two (0 for dates: a year is not a scale)."""
    if mine.kind == "date" or mine.value == 0 or theirs.value == 0 or (mine.value > 0) != (theirs.value > 0):
        return 0.0
    return min(abs(math.log10(abs(mine.value) / abs(theirs.value))), 2.0) / 2


def features(query: ClaimQuery, scored: Scored, judgement: Judgement) -> dict[str, float]:
    """What the model weighs for one passage figure against the claim's, each in 0..1."""
    comparison, frame = judgement.comparison, judgement.frame
    claim, other = comparison.claim, comparison.other
    mine, theirs = measure_of(claim), measure_of(other)
    my_words = mine.words | ({mine.event} if mine.event else frozenset())
    other_sentence = scored.hit.words  # the words of the passage, which is the sentence of its figures
    my_window, their_window = window(claim), window(other)
    reason = frame.reason_text
    similar = similarities({"measure": (measure_text(claim), measure_text(other)),
                            "sentence": (claim.sentence.text, other.sentence.text),
                            "window": (my_window, their_window)})
    return {
        "rules_agree": float(frame.same),
        "measure_exact": float(frame.measure_same and frame.exact),
        "measure_unsaid": float(frame.stage == "measure" and reason.startswith("what the figure")),
        "time_apart_unsaid": float(frame.stage == "time" and frame.times_said < 2),
        "whose_apart": float(bool(frame.whose)),
        "whose_borrowed": float(bool(frame.whose) and not (other.frame.actors or other.frame.places)),
        "head_same": float(mine.head is not None and mine.head == theirs.head),
        "measure_overlap": _overlap(mine.words, theirs.words),
        "measure_in_sentence": len(my_words & other_sentence) / len(my_words) if my_words else 0.0,
        "measure_similarity": similar["measure"],
        "sentence_similarity": similar["sentence"],
        "window_similarity": similar["window"],
        "window_overlap": _overlap(content_words(my_window), content_words(their_window)),
        "apart_by": _apart_by(comparison.mine, comparison.theirs),
        "digits": min(len(_DIGITS.findall(comparison.mine.text)), 6) / 6,
        "only_figure": 1.0 / sum(1 for j in scored.judgements if j.comparison.verdict == comparison.verdict),
        "unit_same": float(canonical_unit(comparison.mine.unit) == canonical_unit(comparison.theirs.unit)),
        "fuzz": scored.fuzz_score,
        "topic": scored.topic_score,
        "times_said": frame.times_said / 2,
        "opposite_same_measure": float(opposite(comparison) and frame.measure_same),
        "opposite_other_words": float(opposite(comparison) and not frame.measure_same),
        "date": float(comparison.mine.kind == "date"),
        "named": float(named_there(judgement, scored, to_support=True)),
        "named_strictly": float(named_there(judgement, scored)),
    }


#: A body a passage speaks of as its own, without naming it.
_OWN_BODY = re.compile(r"\bthe (?:trust|district|council|authority|board|department|group|company|state)['’]s\b",
                       re.IGNORECASE)


def named_there(judgement: Judgement, scored: Scored, to_support: bool = False) -> bool:
    """Does the passage say who and where the claim's figure is about? A contradiction needs it: a figure
    without a place ("gusts of 70 to 80mph were widespread") may well be of another place than the claim's.
    A support needs less (``to_support``): a passage that names no company or person at all is read as
    about the claim's (a company's own release), but one that names others and never the claim's is about
    them ("Godavari Labs reported net profit of ₹1,240 crore" against Deccan Pharma's)."""
    frame = judgement.comparison.claim.frame
    other = judgement.comparison.other.frame
    hit = scored.hit
    names = (*other.actors, *other.places, *hit.actors, *hit.places)
    keys = {place_key(name) for name in names}
    words = scored.hit.words | content_words(hit.context.split("\n")[0])  # the passage and its title

    # An event's date is the date of an event in the country its state or province is part of ("trade was
    # suspended in 2020 ... the standoff in eastern Ladakh" dates India's border trade); a count or an amount
    # of a state's is not the country's.
    event = judgement.comparison.mine.kind == "date"
    parts_of = {country for name in names for country in countries_of(name)} if event else set()

    def found(name: str) -> bool:
        return place_key(name) in keys or content_words(name) <= words or place_key(name) in words or \
            any(names_match(name, theirs) for theirs in names) or \
            place_key(name) in parts_of  # "BJP" and "Bharatiya Janata Party"; "Ladakh" for India

    # One of the claim's names is enough (its clause may name others in passing); a passage that names no
    # place at all (a statistics office's release) is read as about the claim's place, unless it speaks of a
    # body of its own ("the Trust's emergency department", "The District's unemployment rate"): then its
    # title must name the claim's place or actor.
    own_body = _OWN_BODY.search(hit.text) is not None
    places_named = bool(other.places or hit.places) or own_body
    actors_named = bool(other.actors or hit.actors) or not to_support or own_body
    return (not frame.actors or not actors_named or any(found(name) for name in frame.actors)) and \
        (not frame.places or not places_named or any(found(name) for name in frame.places))


#: Particles that end a phrasal verb ("set in", "took over"), which say less of the event than the verb does.
PARTICLES = frozenset("in on up down out off over away back".split())


def _verb_of(predicate: str) -> str:
    """A predicate's verb: its last word ("took effect": "effect"), before a particle ("set in": "set")."""
    words = predicate.split()
    while len(words) > 1 and words[-1] in PARTICLES:
        words.pop()
    return words[-1]


def dates_same_event(judgement: Judgement, passage_words: frozenset[str]) -> bool:
    comparison = judgement.comparison
    if comparison.claim.quantity.kind != "date":  # a duration met as the date it implies (of a beginning: see
        return comparison.mine.implied_start      # _dates_a_beginning, which every candidate here has passed)
    # A differing date contradicts only as the date of the same event: its verb is in the passage, or the two
    # dates are of the same thing (their heads: "the fire", "polling") without naming two different events.
    predicate = comparison.claim.predicate
    if predicate and normalise_word(_verb_of(predicate)) in passage_words | content_words(comparison.other.predicate):
        return True
    mine, theirs = measure_of(comparison.claim), measure_of(comparison.other)
    return mine.head is not None and mine.head == theirs.head and \
        not (mine.event and theirs.event and mine.event != theirs.event)


@dataclass(frozen=True)
class Evidence:
    """A passage figure the model weighed, and how likely it is to contradict the claim."""

    judgement: Judgement
    probability: float


def weigh(query: ClaimQuery, scored: Scored, judgements: list[Judgement]) -> Evidence | None:
    """The likeliest of ``judgements`` to contradict the claim, or None when none is likely enough (below
    the fitted threshold)."""
    model = ContradictionModel.fitted()
    best = max((Evidence(j, model.probability(features(query, scored, j))) for j in judgements),
               key=lambda e: e.probability, default=None)
    return best if best is not None and best.probability >= model.threshold else None
