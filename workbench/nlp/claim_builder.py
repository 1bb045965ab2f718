"""The ``claim_builder`` spaCy component: claims from figures, with what a reviewer needs around them.

For every quantity found by ``quantity_normalizer`` it reads, from the dependency parse:
the subject (the counted noun phrase, or for durations and dates the event), the predicate,
the time anchor (a date in the sentence, "that year" → the last date mentioned, relative spans
through the document's date), the attribution ("according to X", "X said") and whether the
statement is hedged ("is expected to", "reportedly"). A check-worthy sentence without a figure
becomes a ``statement`` claim. Results: ``doc._.claims``.

Set ``doc._.published`` (an ISO date string) before the pipeline runs to anchor relative times.
"""
from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from workbench.claims import Claim, Frame, Quantity, Sentence
from workbench.nlp.frames import clause_verb, name_spans, read_frame, time_mentions, tree_distance
from workbench.nlp.numbers import as_date, only_a_dateline
from workbench.nlp.periods import from_iso
from workbench.nlp.quantities import SPAN_KEY
from workbench.nlp.syntax import HEDGE_LEMMAS, REPORTING_VERBS, clause_subject, governing_verb, noun_phrase
from workbench.settings import STATEMENT_THRESHOLD

VERSION = "35"

#: Entities that say what a claim is about: "Nepal", "the Indian Army", "Modi", "Chinese".
ENTITY_LABELS = {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"}
HEDGE_WORDS = {"reportedly", "allegedly", "could", "may", "might", "likely", "possibly", "probably",
               "perhaps", "apparently", "purportedly", "supposedly", "rumoured", "rumored", "potentially",
               "would", "will", "shall", "projected", "forecast", "predicted", "expects"}
#: Phrases "is set to", "is due to", "is poised to": a be-verb, the word, then "to".
HEDGE_TO = {"set", "due", "poised", "slated", "likely", "expected", "anticipated", "scheduled", "believed",
            "thought", "said", "understood", "tipped"}
#: Nouns that are the event a count belongs to: "the deaths of 20 soldiers", "the arrest of 12 men".
EVENT_NOUNS = {"death", "killing", "murder", "execution", "arrest", "detention", "injury", "evacuation",
               "displacement", "deportation", "rescue", "release", "dismissal", "layoff", "hiring", "election",
               "abduction", "kidnapping", "disappearance"}
RESUMPTION_VERBS = {"resume", "restart", "reopen", "restore", "revive", "renew", "return", "reinstate"}
RELATIVE_GAPS = {"hiatus", "gap", "break", "absence", "pause", "lull", "suspension", "freeze", "interval"}
ANAPHORIC_YEARS = {("that", "year"), ("the", "same"), ("that", "month"), ("the", "year"), ("that", "time")}


def _register_extensions() -> None:
    if not Doc.has_extension("claims"):
        Doc.set_extension("claims", default=None)
    if not Doc.has_extension("published"):
        Doc.set_extension("published", default=None)


def sentence_of(sent: Span) -> Sentence:
    """The sentence's text and offsets without the line breaks and spaces spaCy keeps at its edges."""
    text = sent.text
    stripped = text.strip()
    start = sent.start_char + (len(text) - len(text.lstrip()))
    return Sentence(stripped, start, start + len(stripped))


class ClaimBuilder:
    """Builds ``doc._.claims`` from the quantities and sentence scores of a Doc."""

    def __init__(self, nlp: Language, name: str, statement_threshold: float = STATEMENT_THRESHOLD):
        self.name = name
        self.statement_threshold = statement_threshold
        _register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        published = as_date(doc._.published)
        spans_by_sentence: dict[int, list[Span]] = {}
        for span in doc.spans.get(SPAN_KEY, []):
            spans_by_sentence.setdefault(span.sent.start, []).append(span)
        claims: list[Claim] = []
        last_date: str | None = None
        # once per Doc: Span.ents rebuilds every entity of the Doc on each call
        entities = name_spans(list(doc.ents))
        starts = [ent.start for ent in entities]
        for sent in doc.sents:
            if sent.text.isspace():
                continue
            sent_ents = entities[bisect.bisect_left(starts, sent.start):bisect.bisect_left(starts, sent.end)]
            sentence = sentence_of(sent)
            score = sent._.checkworthiness if sent._.checkworthiness is not None else 0.0
            spans = spans_by_sentence.get(sent.start, [])
            explicit = [s._.quantity.iso for s in spans if s._.quantity.kind == "date" and s._.quantity.iso]
            anchor = explicit[0] if explicit else (
                last_date if self.refers_back(sent) else self.relative_anchor(sent_ents, published))
            attribution, attribution_kind = self.attribution(sent)
            hedged = self.hedged(sent)
            named = tuple(dict.fromkeys(ent.text for ent in sent_ents if ent.label_ in ENTITY_LABELS))
            base = anchor or (published.isoformat() if published else None)
            mentions = time_mentions(sent, sent_ents, [(range(s.start, s.end), s._.quantity.iso) for s in spans
                                                       if s._.quantity.kind == "date" and s._.quantity.iso],
                                     published) if spans else []
            timed = [span for span in spans if span._.quantity.kind != "duration"]  # a duration is a time itself
            referred = None if explicit or anchor is None else from_iso(anchor)  # "That year", "last month"
            frames = [read_frame(span, self.with_implied_date(span, base), span._.counted_noun, mentions, timed,
                                 sent_ents, referred) for span in spans]
            for span, (quantity, frame) in zip(spans, inherit_times(spans, inherit_measures(spans, frames))):
                claims.append(Claim(
                    sentence=sentence,
                    kind=quantity.kind,
                    quantity=quantity,
                    frame=frame,
                    subject=self.subject(span),
                    predicate=self.predicate(span),
                    time=self.time_of(quantity, explicit, base) if quantity.kind in ("date", "duration")
                    else quantity.time or self.time_of(quantity, explicit, base),
                    attribution=attribution,
                    attribution_kind=attribution_kind,
                    hedged=hedged,
                    checkworthiness=score,
                    entities=named,
                ))
            if not spans and score >= self.statement_threshold and not only_a_dateline(sentence.text):
                root = sent.root
                claims.append(Claim(
                    sentence=sentence, kind="statement", subject=noun_phrase(clause_subject(root)),
                    predicate=root.lemma_ if root.pos_ in ("VERB", "AUX") else None,
                    time=anchor or (published.isoformat() if published else None),
                    attribution=attribution, attribution_kind=attribution_kind, hedged=hedged,
                    checkworthiness=score, entities=named,
                ))
            if explicit:
                last_date = explicit[-1]
        doc._.claims = claims
        return doc

    # -- subject and predicate -----------------------------------------------------------------

    def subject(self, span: Span) -> str | None:
        quantity: Quantity = span._.quantity
        own = {t.i for t in span}
        noun_index = span._.counted_noun
        if noun_index is not None and quantity.kind in ("count", "money", "percent", "measure"):
            return noun_phrase(span.doc[noun_index], own)
        root = span.root
        if quantity.kind == "duration" and root.head.lower_ in RELATIVE_GAPS:
            # "resume cross-border trade after a five-year hiatus": the hiatus is of what resumes.
            resumed = next((child for token in span.sent if token.lemma_ in RESUMPTION_VERBS
                            for child in token.children if child.dep_ == "dobj"), None)
            if resumed is not None:
                return noun_phrase(resumed, own)
        # "tariffs of 50%", "a population of 1.4 billion": the noun the figure belongs to.
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ in ("NOUN", "PROPN"):
            return noun_phrase(root.head.head, own)
        # "a five-year hiatus": the figure modifies the event noun.
        if root.dep_ in ("compound", "amod", "nummod", "npadvmod") and root.head.pos_ == "NOUN" and \
                root.head.i not in own:
            return noun_phrase(root.head, own)
        # "the first such fatalities in 45 years": a time complement of a noun.
        if root.dep_ == "pobj" and root.head.head.pos_ == "NOUN" and quantity.kind in ("duration", "date") and \
                root.head.head.lower_ not in ("time", "times"):
            return noun_phrase(root.head.head, own)
        subject = clause_subject(governing_verb(root))
        if subject is not None and subject.i in own:
            return None
        return noun_phrase(subject, own) if subject is not None else None

    def predicate(self, span: Span) -> str | None:
        """What happened to the figure: an event noun it belongs to ("the deaths of 20 soldiers" → death),
        else the verb that governs it, with its negation and particle."""
        noun = span.doc[span._.counted_noun] if span._.counted_noun is not None else span.root
        while noun.dep_ == "conj" and noun.head.i != noun.i:
            noun = noun.head  # "20 soldiers and four troops": the troops share the soldiers' event
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in EVENT_NOUNS:
            return noun.head.head.lemma_.lower()
        clause = next((child for child in noun.children if child.dep_ in ("relcl", "acl") and child.pos_ == "VERB"),
                      None)
        if clause is not None and span._.counted_noun is not None:
            return clause.lemma_  # "four soldiers who died", "300 people killed in the floods"
        verb = governing_verb(span.root)
        if verb is None:
            return None
        if verb.lemma_.lower() == "leave":  # "left 94 people dead", "left 20 dead": what the event did to them
            state = next((LEFT_STATES[t.lower_] for t in (*noun.children, *verb.children)
                          if t.dep_ in ("amod", "oprd", "acomp") and t.lower_ in LEFT_STATES), None)
            if state:
                return state
        negated = any(child.dep_ == "neg" for child in verb.children)
        particle = " ".join(child.text for child in verb.children if child.dep_ == "prt")
        life = "life" if any(child.dep_ == "dobj" and child.lemma_.lower() in GIVEN_LIVES
                             for child in verb.children) else ""  # "lost their lives", "embraced shahadat"
        words = (["not"] if negated else []) + [verb.lemma_] + ([particle] if particle else []) + \
            ([life] if life else [])
        return " ".join(words)

    # -- time ----------------------------------------------------------------------------------

    @staticmethod
    def refers_back(sent: Span) -> bool:
        words = [t.lower_ for t in sent[:6]]
        return any(pair == tuple(words[k:k + 2]) for pair in ANAPHORIC_YEARS for k in range(len(words) - 1))

    @staticmethod
    def relative_anchor(entities: list[Span], published: dt.date | None) -> str | None:
        """"this month", "last year", "today" among a sentence's entities, read against the document's date."""
        if published is None:
            return None
        for ent in entities:
            if ent.label_ != "DATE":
                continue
            words = [t.lower_ for t in ent]
            if words[-1:] == ["today"] or words == ["yesterday"]:
                day = published - dt.timedelta(days=1 if words == ["yesterday"] else 0)
                return day.isoformat()
            if len(words) == 2 and words[1] in ("year", "month"):
                shift = {"this": 0, "last": -1, "next": 1, "past": -1}.get(words[0])
                if shift is None:
                    continue
                precision = 4 if words[1] == "year" else 7  # 2024 or 2024-05
                return shift_date(published.isoformat()[:precision], shift, words[1])
        return None

    @staticmethod
    def time_of(quantity: Quantity, explicit: list[str], base: str | None) -> str | None:
        """When the claim is about: its own date, another date in the sentence, the implied date of a
        relative span, the anchor (which a state lasting until then is about too)."""
        if quantity.kind == "date":
            others = [iso for iso in explicit if iso != quantity.iso]
            return quantity.iso if not others else others[0]
        return base if quantity.implied_start else quantity.implied or base

    def with_implied_date(self, span: Span, base: str | None) -> Quantity:
        """"fourteen years ago", "for the first time in seven years", "after a five-year hiatus": the date a
        relative duration points at, counted from the sentence's date or the document's; for a state lasting
        until then ("had been ongoing for over 30 years" until 2020), the date it began (1990 or before)."""
        quantity: Quantity = span._.quantity
        if quantity.kind != "duration" or not base or quantity.unit not in ("year", "month") or \
                not float(quantity.value).is_integer():
            return quantity
        relative = self.relative_direction(span)
        lasting = not relative and self.lasts_until_anchor(span)
        direction = relative or (-1 if lasting else 0)
        if not direction:
            return quantity
        return replace(quantity, implied=shift_date(base, int(quantity.value) * direction, quantity.unit),
                       implied_qualifier=implied_qualifier(quantity, direction), implied_start=lasting)

    @staticmethod
    def lasts_until_anchor(span: Span) -> bool:
        """"has ruled for 20 years", "had been ongoing for over 30 years", "for the past decade": a duration
        in the perfect aspect runs up to the sentence's time, so it began that long before."""
        doc = span.doc
        i = span.start - 1
        while i >= span.sent.start and doc[i].lower_ in ("the", "past", "last"):
            i -= 1
        if i < span.sent.start or doc[i].lower_ != "for":
            return False
        head = doc[i].head
        holders = (head, head.head) if head.dep_ in ("acomp", "attr", "xcomp") else (head,)
        return any(child.dep_ == "aux" and child.lemma_ == "have" for holder in holders for child in holder.children)

    @staticmethod
    def relative_direction(span: Span) -> int:
        """-1 when a duration points back from its anchor, +1 forward, 0 when it is a plain length."""
        doc = span.doc
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        if after in ("ago", "earlier", "before", "previously", "prior"):
            return -1
        if after in ("later", "after", "hence", "on"):
            return 1
        if after in RELATIVE_GAPS or (span.root.head.lower_ in RELATIVE_GAPS and span.root.dep_ in ("compound",
                                                                                                 "amod", "nummod")):
            return -1  # "after a five-year hiatus"
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        if before == "in" and any(t.lower_ in ("first", "last") or t.tag_ in ("JJS", "RBS")
                                  for t in doc[span.sent.start:span.start]):
            return -1  # "the first time in seven years", "the lowest level in 50 years"
        return 0

    # -- who says so, and how firmly -------------------------------------------------------------

    @staticmethod
    def attribution(sent: Span) -> tuple[str | None, str | None]:
        """Who the sentence says said it ("according to X", "X said"), and what spaCy's entities make of
        them (:func:`attribution_kind`)."""
        for token in sent:
            if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
                to = token.doc[token.i + 1]
                objects = [c for c in to.children if c.dep_ == "pobj"] or [
                    c for c in token.children if c.dep_ == "pobj"]
                if objects:
                    return noun_phrase(objects[0]), attribution_kind(objects[0])
        for token in sent:
            if token.lemma_ in REPORTING_VERBS and token.pos_ == "VERB":
                subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subjects and subjects[0].lower_ not in ("it", "this", "that", "which", "who"):
                    return noun_phrase(subjects[0]), attribution_kind(subjects[0])
                if token.lemma_ == "cite" and token.dep_ in ("advcl", "xcomp", "acl"):
                    continue
        return None, None

    @staticmethod
    def hedged(sent: Span) -> bool:
        for token in sent:
            low = token.lower_
            if low in HEDGE_WORDS:
                return True
            if token.lemma_ in HEDGE_LEMMAS and token.pos_ == "VERB":
                return True
            if low in HEDGE_TO and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
                return True
        return False


#: Entity labels of whoever makes a claim: a person, or a body (a company, a government, a country, a people).
PERSON_LABELS = {"PERSON"}
ORGANIZATION_LABELS = {"ORG", "GPE", "NORP"}


def attribution_kind(head: Token) -> str | None:
    """"person" or "organization" by the entity spaCy found at the attribution's head word ("Modi said",
    "the Chinese Foreign Ministry said"); else None (a "spokesman", "officials"), for the export's rule."""
    label = head.ent_type_
    if label in PERSON_LABELS:
        return "person"
    if label in ORGANIZATION_LABELS:
        return "organization"
    return None


#: A duration's qualifier as a bound on the date it points back to: "over 30 years" ago is before then.
QUALIFIER_BACKWARDS = {"at_least": "at_most", "more_than": "less_than", "at_most": "at_least",
                       "less_than": "more_than", "up_to": "at_least", "about": "about", "nearly": "about",
                       "exactly": "exactly"}


def implied_qualifier(quantity: Quantity, direction: int) -> str | None:
    """The qualifier of the date a qualified duration points at; a range ("10 to 15 years ago") is bounded by
    its nearer end, as "at least 10 years" is."""
    qualifier = "at_least" if quantity.value_max is not None else quantity.qualifier
    if qualifier is None or direction > 0:
        return qualifier
    return QUALIFIER_BACKWARDS[qualifier]


def shift_date(iso: str, amount: int, unit: str) -> str:
    """Move a partial ISO date by whole years or months, keeping its precision."""
    year = int(iso[:4])
    month = int(iso[5:7]) if len(iso) >= 7 else None
    if unit == "year":
        return f"{year + amount:04d}"  # a count of years dates to the year, no finer
    index = year * 12 + (month or 1) - 1 + amount
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _nearest_other(span: Span, spans: list[Span], frames: list[tuple[Quantity, Frame]],
                   fits: Callable[[Span, Quantity, Frame], bool]) -> tuple[Quantity, Frame] | None:
    """The figure of the sentence nearest ``span`` in the parse, other than it, that ``fits``."""
    donors = [(tree_distance(other.root, span.root), framed) for other, framed in zip(spans, frames)
              if other.start != span.start and fits(other, *framed)]
    return min(donors, key=lambda item: item[0])[1] if donors else None


def inherit_measures(spans: list[Span], frames: list[tuple[Quantity, Frame]]) -> list[tuple[Quantity, Frame]]:
    """A figure whose measure is only a change ("a decrease of 1.1 points", "up 14%") measures what the
    figure it goes with does: the nearest figure of its sentence with a measure of its own, not a date (what
    a date's event happened to is not a measured thing: "A further £1.8bn will go to ... by March 2026"),
    nor one of another verb when the figure is its own verb's object ("burned about 48,000 acres and
    destroyed more than 600 structures": the acres are what burned)."""
    filled = []
    for span, (quantity, frame) in zip(spans, frames):
        if frame.measure is None and quantity.kind not in ("date", "duration"):
            own_verb = clause_verb(span.root) if span.root.dep_ == "dobj" else None
            donor = _nearest_other(span, spans, frames, lambda other, measured, framed, verb=own_verb: bool(
                framed.measure) and measured.kind not in ("date", "duration")
                and (verb is None or clause_verb(other.root) == verb))
            if donor is not None:
                frame = replace(frame, measure=donor[1].measure, actors=frame.actors or donor[1].actors,
                                places=frame.places or donor[1].places)
        filled.append((quantity, frame))
    return filled


def inherit_times(spans: list[Span], frames: list[tuple[Quantity, Frame]]) -> list[tuple[Quantity, Frame]]:
    """A change without a time of its own ("decreased by 6% to £528.2m (2023: £561.9m)", "80,391 deaths
    during 2024, a decrease of 26.9%") is for the time of the level it goes with: the nearest figure of its
    sentence that is a level, not the one it started from, and has a time."""
    filled = []
    for span, (quantity, frame) in zip(spans, frames):
        if quantity.role == "change" and quantity.time is None:
            donor = _nearest_other(span, spans, frames, lambda _, other, __: bool(other.time) and other.role is None
                                   and other.kind not in ("date", "duration"))
            if donor is not None:
                quantity = replace(quantity, time=donor[0].time)
        filled.append((quantity, frame))
    return filled


#: What soldiers are said to lose or give when they die: "lost their lives", "laid down their lives", and
#: as armies in South Asia write it, "embraced shahadat", "attained martyrdom".
GIVEN_LIVES = {"life", "live", "lives", "shahadat", "martyrdom"}

#: What "left N people ..." did to them.
LEFT_STATES = {"dead": "die", "injured": "injure", "wounded": "injure"}


@Language.factory("claim_builder", default_config={"statement_threshold": STATEMENT_THRESHOLD})
def make_claim_builder(nlp: Language, name: str, statement_threshold: float) -> ClaimBuilder:
    return ClaimBuilder(nlp, name, statement_threshold)
