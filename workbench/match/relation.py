"""Does a passage support the claim, contradict it, or only relate to it? And a one-line why.

Only a passage figure about the same measure as the claim's decides (:mod:`workbench.match.frames`: the
same measured thing, no other actor or place, overlapping times, the same role):

- ``supports``: such a figure agrees with the claim's (qualifiers and rounding allowed) and does not report
  the change the other way;
- ``contradicts``: none agrees, and one conflicts in value or in direction ("shrank 3.4%" vs "grew 3.4%"),
  for a period of like length (a quarter's profit does not contradict a year's), neither of the two a
  forecast unless both are; a date contradicts only as the date of the same event (and a date a lasting
  duration implies only by the date its state began);
- ``related``: anything else, with the reason: another measure, actor, place or time, figures that neither
  establish nor refute each other, or nothing to compare.

The why line names what was compared: "same measure (net profit, Tata Motors, Oct–Dec 2023): ₹3,043 crore
vs ₹2,958 crore → conflicts".
"""
from __future__ import annotations

from workbench.claims import Quantity
from workbench.figures_text import figure_text
from workbench.match.figures import content_words, implied_text, normalise_word
from workbench.match.frames import measure_of
from workbench.match.rank import ClaimQuery, Judgement, Scored, opposite
from workbench.nlp.names import place_key

SUPPORTS, CONTRADICTS, RELATED = "supports", "contradicts", "related"

#: Verbs that date a beginning: "took power in 1986" against "has ruled for more than 40 years".
START_VERBS = {"begin", "start", "open", "launch", "found", "establish", "introduce", "inaugurate", "create",
               "take", "assume", "commence", "initiate", "form", "set"}


def written(quantity: Quantity) -> str:
    """A figure as the reviewer reads it (:func:`workbench.figures_text.figure_text`: "≥ 20 soldiers", "down
    3.4%"), and a duration met as the date it implies as written, with that date ("over 30 years (1990 or
    earlier)")."""
    if quantity.kind == "date" and quantity.implied and quantity.implied != quantity.text:
        return f"{quantity.text} ({implied_text(quantity.implied, quantity.implied_qualifier)})"
    return figure_text(quantity)


def _dates_a_beginning(judgement: Judgement) -> bool:
    """A date implied by how long a state has lasted ("ongoing for over 30 years" until 2020) speaks only to
    the date a passage gives for its beginning ("began in 1992"), not to any other date of the story."""
    comparison = judgement.comparison
    if not comparison.mine.implied_start or comparison.claim.quantity.kind == "date":
        return True
    return bool(START_VERBS.intersection((comparison.other.predicate or "").split()))


def _named_there(judgement: Judgement, scored: Scored, to_support: bool = False) -> bool:
    """Does the passage say who and where the claim's figure is about? A contradiction needs it: a figure
    without a place ("gusts of 70 to 80mph were widespread") may well be of another place than the claim's.
    A support needs less (``to_support``): a passage that names no company or person at all is read as
    about the claim's (a company's own release), but one that names others and never the claim's is about
    them ("Godavari Labs reported net profit of ₹1,240 crore" against Deccan Pharma's)."""
    frame = judgement.comparison.claim.frame
    other = judgement.comparison.other.frame
    hit = scored.hit
    keys = {place_key(name) for name in (*other.actors, *other.places, *hit.actors, *hit.places)}
    words = scored.passage_words | content_words(hit.context.split("\n")[0])  # the passage and its title

    def found(name: str) -> bool:
        return place_key(name) in keys or content_words(name) <= words or place_key(name) in words

    # One of the claim's names is enough (its clause may name others in passing); a passage that names no
    # place at all (a statistics office's release) is read as about the claim's place.
    places_named = bool(other.places or hit.places)
    actors_named = bool(other.actors or hit.actors) or not to_support
    return (not frame.actors or not actors_named or any(found(name) for name in frame.actors)) and \
        (not frame.places or not places_named or any(found(name) for name in frame.places))


def why_not_contradicting(judgement: Judgement, scored: Scored) -> str:
    """Why a conflicting figure does not contradict the claim, in a reviewer's words, or "" when it does."""
    comparison, frame = judgement.comparison, judgement.frame
    if not frame.exact:
        return frame.reason_text or "perhaps another measure"
    if not frame.like_length:
        return "periods of different length"
    if comparison.claim.frame.hedged != comparison.other.frame.hedged:
        return "one is a forecast or plan"
    if not _named_there(judgement, scored):
        return f"the passage does not name {', '.join((*comparison.claim.frame.actors, *comparison.claim.frame.places)[:2])}"
    if comparison.mine.kind == "date" and not _dates_same_event(judgement, scored.passage_words):
        return "perhaps the date of another event"
    return ""


def _dates_same_event(judgement: Judgement, passage_words: frozenset[str]) -> bool:
    comparison = judgement.comparison
    if comparison.claim.quantity.kind != "date":  # a duration met as the date it implies (of a beginning: see
        return comparison.mine.implied_start      # _dates_a_beginning, which every candidate here has passed)
    # A differing date contradicts only as the date of the same event: its verb is in the passage, or the two
    # dates are of the same thing (their heads: "the fire", "polling") without naming two different events.
    predicate = comparison.claim.predicate
    if predicate and normalise_word(predicate.split()[-1]) in passage_words | content_words(comparison.other.predicate):
        return True
    mine, theirs = measure_of(comparison.claim), measure_of(comparison.other)
    return mine.head is not None and mine.head == theirs.head and \
        not (mine.event and theirs.event and mine.event != theirs.event)


def _compared(judgement: Judgement) -> str:
    comparison = judgement.comparison
    return f"same measure ({judgement.frame.label}): {written(comparison.mine)} vs {written(comparison.theirs)}"


def relate(query: ClaimQuery, scored: Scored) -> tuple[str, str]:
    """The relation of a scored passage to the claim, and why, in words a reviewer can check."""
    if query.claim.quantity is None:  # a statement: its time may point to the passage; only a reviewer can judge
        same_time = [j for j in scored.judgements if j.comparison.agrees]
        if same_time:
            return RELATED, (f"same time ({written(same_time[0].comparison.theirs)}); shares wording "
                             f"({scored.fuzz_score:.0%} similar)")
        return RELATED, f"shares wording with the claim ({scored.fuzz_score:.0%} similar)"
    if not scored.judgements:
        return RELATED, f"no comparable figure; shares wording with the claim ({scored.fuzz_score:.0%} similar)"
    same = [j for j in scored.judgements if j.frame.same and _dates_a_beginning(j)]
    if not same and any(j.frame.same for j in scored.judgements):
        figures = ", ".join(dict.fromkeys(written(j.comparison.theirs) for j in scored.judgements))
        return RELATED, f"dates another event than when {query.subject or 'it'} began: {figures}"
    agreeing = [j for j in same if j.frame.agreeable and j.comparison.agrees and not opposite(j.comparison)
                and _named_there(j, scored, to_support=True)]
    if agreeing:
        return SUPPORTS, f"{_compared(agreeing[0])} → agrees"
    conflicts = [(j, why_not_contradicting(j, scored)) for j in same if j.comparison.conflicts or opposite(j.comparison)]
    conflicting = [j for j, why_not in conflicts if not why_not]
    if conflicting:
        first = conflicting[0]
        verdict = "opposite directions" if opposite(first.comparison) else "conflicts"
        return CONTRADICTS, f"{_compared(first)} → {verdict}"
    if conflicts:
        first, why_not = conflicts[0]
        figures = f"{written(first.comparison.mine)} vs {written(first.comparison.theirs)}"
        return RELATED, f"{why_not}: {figures}, so no contradiction"
    if same:
        first = same[0]
        reason = "neither establishes the other" if first.comparison.verdict == "compatible" else \
            "not comparable as a contradiction"
        return RELATED, f"{_compared(first)} → {reason}"
    figures = ", ".join(dict.fromkeys(written(j.comparison.theirs) for j in scored.judgements))
    return RELATED, f"{scored.judgements[0].frame.reason}: {figures}"
