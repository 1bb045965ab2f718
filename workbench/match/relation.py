"""Does a passage support the claim, contradict it, or only relate to it? And a one-line why.

- ``supports``: the passage is about the same subject (its key words are there) and one of its figures
  agrees with the claim's;
- ``contradicts``: same subject, a comparable figure, and none of the comparable figures agrees
  (the article says four soldiers died, the source says 45);
- ``related``: anything else: no comparable figure, or the figure is about something else.

Only the passage's figures that are themselves about the claim's subject decide ("20 of its soldiers" can
support "at least 20 Indian soldiers"; a "25% duty" cannot contradict "tariffs of 50% on imports").
"""
from __future__ import annotations

from workbench.match.figures import FigureComparison, content_words, normalise_word, subject_overlap
from workbench.match.rank import ClaimQuery, Scored

SUPPORTS, CONTRADICTS, RELATED = "supports", "contradicts", "related"
#: How much of the claim's subject a passage figure's own subject must share to speak for it.
MIN_FIGURE_SUBJECT = 0.5


def _figure_text(comparison: FigureComparison) -> str:
    figure = comparison.other
    return figure.text or f"{figure.value:g}"


def _about_claim(claim: ClaimQuery, comparisons: tuple[FigureComparison, ...], figures: tuple[dict, ...]):
    """The comparisons whose passage figure is itself about the claim's subject (by its own subject and unit)."""
    subjects = {(f.get("text"), f.get("value")): f.get("subject") for f in figures}

    def closeness(comparison: FigureComparison) -> float:
        other = comparison.other
        own = f"{subjects.get((other.text, other.value)) or ''} {other.unit or ''} {other.predicate or ''}"
        return subject_overlap(claim.subject, claim.unit, content_words(own))

    ranked = sorted(comparisons, key=closeness, reverse=True)
    return [c for c in ranked if closeness(c) >= MIN_FIGURE_SUBJECT]


def _can_contradict(claim: ClaimQuery, comparison: FigureComparison, passage_words: frozenset[str]) -> bool:
    """A differing date only contradicts when the passage tells of the same event (the claim's verb is there),
    and a date implied by a relative duration never does: passages mention many dates."""
    if comparison.claim.kind != "date":
        return True
    if claim.figure is not None and claim.figure.kind != "date":
        return False
    return bool(claim.predicate) and normalise_word(claim.predicate.split()[-1]) in passage_words


def relate(claim: ClaimQuery, scored: Scored) -> tuple[str, str]:
    """The relation of a scored passage to the claim, and why, in words a reviewer can check."""
    about = claim.subject or claim.unit or "the claim"
    if not scored.comparisons:
        if claim.figure is None:
            return RELATED, f"shares wording with the claim ({scored.fuzz_score:.0%} similar)"
        return RELATED, f"no comparable figure; shares wording with the claim ({scored.fuzz_score:.0%} similar)"
    figures = ", ".join(dict.fromkeys(_figure_text(c) for c in scored.comparisons))
    if not scored.on_subject:
        return RELATED, f"has a comparable figure ({figures}) but not about {about}"
    relevant = _about_claim(claim, scored.comparisons, scored.hit.figures)
    agreeing = [c for c in relevant if c.agrees]
    if agreeing:
        return SUPPORTS, f"same figure ({_figure_text(agreeing[0])}) and subject ({about})"
    differing = [c for c in relevant if _can_contradict(claim, c, scored.passage_words)]
    if differing:
        return CONTRADICTS, f"different figure: {_figure_text(differing[0])} vs {claim.figure.text} for {about}"
    if not relevant:
        # No figure names its own subject well (the parse gave it another), but the passage is about the
        # claim's subject: an agreeing figure still speaks for the claim; a differing one proves nothing.
        agreeing = [c for c in scored.comparisons if c.agrees and c.claim.kind == claim.figure.kind]
        if agreeing:
            return SUPPORTS, f"same figure ({_figure_text(agreeing[0])}) in a passage about {about}"
    return RELATED, f"same subject, but its figures ({figures}) are about something else"
