"""Does a passage support the claim, contradict it, or only relate to it? And a one-line why.

- ``supports``: the passage is about the same subject (its key words are there) and one of its figures
  agrees with the claim's;
- ``contradicts``: same subject, a comparable figure, none agreeing and one that shares no value with the
  claim's (the article says four soldiers died, the source says 45);
- ``related``: anything else: no comparable figure, or the figure is about something else (another
  country or person than the claim's: the same sentence about Iraq does not contradict one about Nepal).

Only the passage's figures that are themselves about the claim's subject decide ("20 of its soldiers" can
support "at least 20 Indian soldiers"; a "25% duty" cannot contradict "tariffs of 50% on imports").
"""
from __future__ import annotations

from workbench.match.figures import (
    Figure,
    FigureComparison,
    content_words,
    implied_text,
    normalise_word,
    same_subject,
    subject_keys,
)
from workbench.match.rank import ClaimQuery, Scored

SUPPORTS, CONTRADICTS, RELATED = "supports", "contradicts", "related"


def _written(figure: Figure) -> str:
    return figure.text or f"{figure.value:g}"


def _figure_text(comparison: FigureComparison) -> str:
    return _written(comparison.other)


def _claimed(comparison: FigureComparison) -> str:
    """The claim's figure as compared: a duration met as the date it implies says which ("more than 40 years
    (1985 or earlier)")."""
    figure = comparison.claim
    if figure.kind == "date" and figure.implied:
        return f"{_written(figure)} ({implied_text(figure.implied, figure.implied_qualifier)})"
    return _written(figure)


def _about_claim(claim: ClaimQuery, comparisons: tuple[FigureComparison, ...], figures: tuple[dict, ...]):
    """The comparisons whose passage figure is itself about the claim's subject (by its own subject, unit
    and verb: "four Indian soldiers were killed" is not about "four Chinese troops")."""
    subjects = {(f.get("text"), f.get("value")): f.get("subject") for f in figures}

    def about(comparison: FigureComparison) -> bool:
        other = comparison.other
        own = f"{subjects.get((other.text, other.value)) or ''} {other.unit or ''} {other.predicate or ''}"
        return same_subject(claim.subject, claim.unit, content_words(own))

    return [c for c in comparisons if about(c)]


#: Verbs that date a beginning: "took power in 1986" against "has ruled for more than 40 years".
START_VERBS = {"begin", "start", "open", "launch", "found", "establish", "introduce", "inaugurate", "create",
               "take", "assume", "commence", "initiate", "form", "set"}


def _can_contradict(claim: ClaimQuery, comparison: FigureComparison, passage_words: frozenset[str]) -> bool:
    """A differing date only contradicts when the passage tells of the same event (the claim's verb is there):
    passages mention many dates. A date implied by a duration is contradicted only when it is when a lasting
    state began, by the date the passage gives for a beginning ("ongoing for over 30 years" until 2020, against
    "began in 1992"): the claim's verb may belong to another clause ("... was suspended in 2020")."""
    if comparison.claim.kind != "date":
        return True
    if claim.figures and all(f.kind != "date" for f in claim.figures):
        return comparison.claim.implied_start and \
            bool(START_VERBS.intersection((comparison.other.predicate or "").split()))
    return bool(claim.predicate) and normalise_word(claim.predicate.split()[-1]) in passage_words


def _distinctive(figure) -> bool:
    """A figure unlikely to agree by chance: not a small whole number ("1.1 million", "8.2%", "$99.2bn")."""
    return figure.kind in ("count", "money", "measure", "percent") and \
        (abs(figure.value) >= 100 or not float(figure.value).is_integer())


def relate(claim: ClaimQuery, scored: Scored) -> tuple[str, str]:
    """The relation of a scored passage to the claim, and why, in words a reviewer can check."""
    about = claim.subject or claim.unit or "the claim"
    if not claim.figures:  # a statement: its time may point to the passage, but only a reviewer can judge it
        same_time = [c for c in scored.comparisons if c.agrees]
        if same_time:
            return RELATED, f"same time ({_figure_text(same_time[0])}); shares wording ({scored.fuzz_score:.0%} similar)"
        return RELATED, f"shares wording with the claim ({scored.fuzz_score:.0%} similar)"
    if not scored.comparisons:
        return RELATED, f"no comparable figure; shares wording with the claim ({scored.fuzz_score:.0%} similar)"
    figures = ", ".join(dict.fromkeys(_figure_text(c) for c in scored.comparisons))
    if not scored.on_topic:
        return RELATED, f"has a comparable figure ({figures}) but about other {', '.join(claim.entities) or 'things'}"
    relevant = _about_claim(claim, scored.comparisons, scored.hit.figures) if scored.on_subject else []
    agreeing = [c for c in relevant if c.agrees]
    if agreeing:
        return SUPPORTS, f"same figure ({_figure_text(agreeing[0])}) and subject ({about})"
    if scored.on_subject:
        # The passage is about the claim's subject and an agreeing figure counts the same thing, though its
        # own subject is a pronoun ("20 of its soldiers", the Indian Army's): agreement wins over a
        # differing figure of the same passage about another time or group.
        counted = subject_keys(claim.subject, claim.unit)[1]
        agreeing = [c for c in scored.comparisons if c.agrees and
                    (counted is None or counted in content_words(f"{c.other.unit or ''} {c.other.predicate or ''}"))]
        if agreeing:
            return SUPPORTS, f"same figure ({_figure_text(agreeing[0])}) in a passage about {about}"
    differing = [c for c in relevant if c.conflicts and _can_contradict(claim, c, scored.passage_words)]
    if differing:
        stated, claimed = _figure_text(differing[0]), _claimed(differing[0])
        return CONTRADICTS, f"different figure: {stated} vs {claimed} for {about}"
    # No figure of the passage names the claim's subject itself, but the passage is on the claim's topic:
    # an agreeing figure still speaks for the claim when it is distinctive or the subject is there.
    agreeing = [c for c in scored.comparisons if c.agrees and c.claim.kind == c.other.kind
                and (scored.on_subject or _distinctive(c.claim))]
    if agreeing:
        return SUPPORTS, f"same figure ({_figure_text(agreeing[0])}) in a passage about {about}"
    return RELATED, f"on topic, but its figures ({figures}) are about something else"
