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

import re

from workbench.claims import Quantity
from workbench.figures_text import figure_text
from workbench.match.evidence import (
    WEIGHED_STAGES,
    Evidence,
    dates_same_event,
    named_there,
    weigh,
)
from workbench.match.figures import beyond_the_bound, content_words, implied_text
from workbench.match.frames import MARGIN, around_figure, events_apart, measure_of, measure_text
from workbench.match.rank import ClaimQuery, Judgement, Scored, completed, opposite

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


def also_giving(scored: Scored) -> Judgement | None:
    """A figure of the passage that agrees with the claim's where the words may measure another thing ("taking
    the state's flood spending to ₹1,200 crore"; a results table's bare "3.8%"). A passage that also gives
    the claim's figure never contradicts it: it may well say what the claim says (a wrong contradicts is the
    costliest error; the reviewer sees both figures)."""
    return next((j for j in scored.judgements if j.frame.stage == "measure" and j.comparison.agrees
                 and not opposite(j.comparison)), None)


#: A number as written, with at least three digits ("90.23", "1,476", "7.54"): rare enough that a passage
#: writing it again is writing the claim's figure.
_WRITTEN_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def writes_the_figure(scored: Scored, quantity: Quantity) -> str | None:
    """The claim's number of three digits or more, when the passage writes it too, whatever the extraction read
    around it ("2. Neeraj Chopra (IND) 90.23m NR" in a results table): such a passage may well say what the
    claim says, and is never read as contradicting it."""
    number = _written_number(quantity)
    return number if number and _writes(scored.hit.text, number, unsigned=quantity.value > 0) else None


def _written_number(quantity: Quantity) -> str | None:
    """A figure's number as written, when it has three digits or more and is not a date ("90.23", "1,520")."""
    found = _WRITTEN_NUMBER.search(quantity.text) if quantity.kind != "date" else None
    if found is None or sum(ch.isdigit() for ch in found.group(0)) < 3:
        return None
    return found.group(0).rstrip(",")


#: A minus sign before a number: "-2.04", "minus 2.04", India's "(-) 2.04" and "(-)2.04".
_MINUS_BEFORE = ("-", "−", "(-) ", "(−) ", "(-)", "(−)", "minus ")


def _writes(text: str, number: str, unsigned: bool = False) -> bool:
    """Does the text write the number, not as part of a longer one (``unsigned``: nor as a negative one)? Found
    with ``str.find``, not a pattern: each claim's number is new, and compiling a pattern for it cost a tenth of
    relating a claim's first candidates."""
    start = text.find(number)
    while start != -1:
        end = start + len(number)
        longer = (start and (text[start - 1].isdecimal() or text[start - 1] in ".,")) or text[end:end + 1].isdecimal() \
            or (text[end:end + 1] in (".", ",") and text[end + 1:end + 2].isdecimal())
        if not longer and not (unsigned and text[max(0, start - 7):start].endswith(_MINUS_BEFORE)):
            return True
        start = text.find(number, start + 1)
    return False


def given_by_the_claim(judgement: Judgement) -> bool:
    """The claim's sentence itself writes the passage's conflicting number, for something else ("67.90 per
    cent ..., with Sirsa district topping the list at 75.36 per cent"): that number is evidence for its other
    figure, not against this one."""
    number = _written_number(judgement.comparison.other.quantity)
    around = around_figure(judgement.comparison.claim)
    return bool(number) and around is not None and _writes(" ".join(around), number)


def why_not_contradicting(judgement: Judgement, scored: Scored) -> str:
    """Why a conflicting figure does not contradict the claim, in a reviewer's words, or "" when it does."""
    comparison, frame = judgement.comparison, judgement.frame
    also = also_giving(scored)
    if also is not None:
        return f"the passage also gives {written(also.comparison.theirs)} ({also.frame.reason})"
    number = None if opposite(comparison) else writes_the_figure(scored, comparison.claim.quantity)
    if number:
        return f"the passage also writes {number}"
    if given_by_the_claim(judgement):
        return f"the claim's sentence gives {written(comparison.theirs)} for something else"
    if not frame.exact:
        return frame.reason_text or "perhaps another measure"
    if not frame.like_length:
        return "periods of different length"
    if comparison.claim.frame.hedged != comparison.other.frame.hedged:
        return "one is a forecast or plan"
    if not named_there(judgement, scored):
        return _not_named(judgement)
    if comparison.mine.kind == "date" and not dates_same_event(judgement, scored.hit.words):
        return "perhaps the date of another event"
    return ""


def _not_named(judgement: Judgement) -> str:
    frame = judgement.comparison.claim.frame
    return f"the passage does not name {', '.join((*frame.actors, *frame.places)[:2])}"


def _figures(judgement: Judgement) -> str:
    """The two figures compared, as the reviewer reads them: "≥ 20 soldiers vs 20 soldiers"."""
    return f"{written(judgement.comparison.mine)} vs {written(judgement.comparison.theirs)}"


def _compared(judgement: Judgement) -> str:
    return f"same measure ({judgement.frame.label}): {_figures(judgement)}"


def _same(scored: Scored) -> list[Judgement]:
    return [j for j in scored.judgements if j.frame.same and _dates_a_beginning(j)]


def supporting(scored: Scored) -> Judgement | None:
    """The passage figure that supports the claim's, by the frame rules: the same measure (or a kind of it),
    an agreeing value in the same direction, and the passage names the claim's actor and place if any."""
    return next((j for j in _same(scored) if j.frame.agreeable and j.comparison.agrees
                 and not opposite(j.comparison) and named_there(j, scored, to_support=True)), None)


def may_contradict(scored: Scored) -> list[Judgement]:
    """The passage figures that may contradict the claim's, for the model to weigh: the value or direction
    conflicts, the two are not a level and a change, the periods are of like length, neither or both are
    forecasts, two dates date the same event, and when the rules read the words as one measure they read
    it as exactly the claim's (a kind of it, "comparable-store sales" for "sales", never contradicts); and
    no figure of the passage agrees, of the same measure or of what the words may read as another
    (:func:`also_giving`: a passage that also gives the claim's figure does not refute it), nor does the
    passage write the claim's number again (:func:`writes_the_figure`) unless the two report changes the
    other way round, nor does the claim's own sentence write the passage's (:func:`given_by_the_claim`); a
    margin is never weighed against a figure that is not one, nor an area against one of another event;
    and when both texts say the time their figure is for, those times overlap ("30 in 2020" is not refuted
    by "35 in 2019"). Where the rules read another measure or actor, or a time only one text says, the
    model weighs how sure that reading is."""
    if any(j.comparison.agrees and not opposite(j.comparison) for j in _same(scored)) or also_giving(scored):
        return []
    return [j for j in scored.judgements if j.frame.stage in WEIGHED_STAGES and _dates_a_beginning(j)
            and not (j.frame.stage == "time" and j.frame.times_said == 2)
            and (j.frame.exact or not j.frame.measure_same) and j.frame.like_length
            and (j.comparison.conflicts or opposite(j.comparison))
            and j.comparison.claim.frame.hedged == j.comparison.other.frame.hedged
            and (j.comparison.mine.kind != "date" or dates_same_event(j, scored.hit.words))
            and (opposite(j.comparison) or not writes_the_figure(scored, j.comparison.claim.quantity))
            and not _other_events(j, scored) and not _margin_and_count(j) and not given_by_the_claim(j)]


def _margin_and_count(judgement: Judgement) -> bool:
    """One figure is a margin ("beat Laxalt by roughly 8,000 votes"), the other is not ("490,388 votes"):
    never the same measure, however alike the words."""
    heads = {measure_of(judgement.comparison.claim).head, measure_of(judgement.comparison.other).head}
    return MARGIN in heads and len(heads) == 2


def _other_events(judgement: Judgement, scored: Scored) -> bool:
    """Two areas, lengths or volumes of events told by different verbs (:func:`events_apart`), where the verb
    is most of what says what is measured: neither can refute the other, however alike the rest of the words
    ("burned about 450 hectares" and "flooded approximately 120 hectares of farmland"). Counts and dates
    have their nouns and their own tests, and one event is told by many verbs ("voted", "cast ballots")."""
    claim, other = judgement.comparison.claim, judgement.comparison.other
    return judgement.comparison.mine.kind == "measure" and events_apart(
        measure_of(claim), measure_of(other), content_words(claim.sentence.text), scored.hit.words)


def _weighed(evidence: Evidence, verdict: str) -> str:
    """The why of a contradiction the model found: what was compared, and how sure it is when the rules
    alone would not have said the same measure."""
    judgement = evidence.judgement
    if judgement.frame.same:
        return f"{_compared(judgement)} → {verdict}"
    comparison, frame = judgement.comparison, judgement.frame
    doubt = f", though {frame.reason}" if frame.stage in ("time", "whose") else ""
    return (f"likely the same measure ({measure_text(comparison.claim)} ≈ {measure_text(comparison.other)}, "
            f"{evidence.probability:.0%} sure{doubt}): {_figures(judgement)} "
            f"→ {verdict}")


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
    scored = completed(query, scored)
    same = _same(scored)
    if not same and any(j.frame.same for j in scored.judgements):
        figures = ", ".join(dict.fromkeys(written(j.comparison.theirs) for j in scored.judgements))
        return RELATED, f"dates another event than when {query.subject or 'it'} began: {figures}"
    agreeing = supporting(scored)
    if agreeing:
        return SUPPORTS, f"{_compared(agreeing)} → agrees"
    contradicting = weigh(query, scored, may_contradict(scored))
    if contradicting:
        return CONTRADICTS, _weighed(contradicting, "opposite directions" if opposite(
            contradicting.judgement.comparison) else "conflicts")
    conflicts = [(j, why_not_contradicting(j, scored)) for j in same if j.comparison.conflicts or opposite(j.comparison)]
    if conflicts:
        first, why_not = conflicts[0]
        return RELATED, f"{why_not or 'not sure enough it is the same measure'}: {_figures(first)}, so no contradiction"
    if same:
        first = same[0]
        if first.comparison.agrees and not first.frame.agreeable:
            return RELATED, f"{first.frame.reason_text or 'perhaps another measure'}: {_figures(first)}, so no support"
        if first.comparison.agrees:  # agreeable, but the passage does not name whose or where
            return RELATED, f"{_not_named(first)}: {_figures(first)}"
        beyond = beyond_the_bound(first.comparison.mine, first.comparison.theirs)
        return RELATED, f"{_compared(first)} → " + (
            "within the claim's bound, but too far from it to be what it says" if beyond
            else "neither establishes the other")
    figures = ", ".join(dict.fromkeys(written(j.comparison.theirs) for j in scored.judgements))
    return RELATED, f"{scored.judgements[0].frame.reason}: {figures}"
