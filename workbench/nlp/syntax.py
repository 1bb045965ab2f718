"""Reading the dependency parse: noun phrases, the verb above a figure, its subject, its clause.

Small helpers over spaCy tokens shared by the claim builder and the frame reader.
"""
from __future__ import annotations

from spacy.tokens import Token

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")
#: How far up the parse a token's verb is looked for: news sentences nest a figure a few levels below its
#: verb ("the death toll of the floods in ... rose to"); past a dozen, the parse is a run-on list.
MAX_HEAD_STEPS = 12
#: How many verbs a chain of xcomp/conj/relcl links ("plans to spend", "was killed and ... injured") is
#: followed up to reach a subject or a time's head.
MAX_CHAIN_STEPS = 6
#: Verbs that report rather than tell what happened ("..., the ministry said"; "data released on Tuesday").
REPORTING_VERBS = {"say", "tell", "confirm", "report", "announce", "state", "claim", "estimate", "add", "note",
                   "reveal", "disclose", "show", "find", "suggest", "warn", "insist", "argue", "predict",
                   "write", "cite", "declare", "testify", "acknowledge", "admit", "allege", "assert",
                   "maintain", "explain", "tweet", "post", "publish", "indicate", "calculate", "count", "release",
                   "issue", "name"}
#: Verbs that make what follows a forecast, plan or belief ("is expected to", "plans to", "believes").
HEDGE_LEMMAS = {"expect", "anticipate", "plan", "forecast", "project", "predict", "intend", "aim", "hope",
                "prepare", "propose", "consider", "seek", "estimate", "believe", "think", "rumour", "rumor",
                "speculate"}
NP_LEFT_DEPS = {"amod", "compound", "nmod", "poss", "case", "npadvmod", "advmod", "quantmod", "nummod", "punct"}


def noun_phrase(head: Token, skip: set[int] = frozenset()) -> str | None:
    """The noun phrase headed by ``head`` without determiners, clauses or the figure's own tokens."""
    if head is None:
        return None
    left = head.i
    for child in head.lefts:
        if child.dep_ in NP_LEFT_DEPS or child.dep_ == "det" and child.lower_ not in (
                "the", "a", "an", "this", "that", "these", "those", "some", "its", "their"):
            left = min(left, min(t.i for t in child.subtree))
    tokens = [t for t in head.doc[left:head.i + 1] if t.i not in skip and not (t.dep_ == "det" and t.i == left)]
    while tokens and (tokens[0].is_punct or tokens[0].dep_ == "det" or tokens[0].lower_ in (
            "the", "a", "an", "this", "that", "these", "those", "such")):
        tokens = tokens[1:]
    # A short "of"/"on"/"in" complement completes many subjects: "tariffs on Indian imports".
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "on", "for", "in") and \
                not any(t.i in skip for t in child.subtree):
            tail = list(child.subtree)
            if len(tail) <= 5 and not any(t.like_num for t in tail):
                tokens = tokens + tail
            break
    text = " ".join(t.text for t in tokens if t.text.strip())
    text = text.replace(" - ", "-").replace(" 's", "'s").replace(" ,", ",")
    return text or None


#: Scales glued to a figure ("£32m", "Rs 5bn"), which the tagger now and then takes for a verb.
SCALE_ABBREVIATIONS = ("m", "bn", "mn", "k", "cr", "tn", "b")


def a_verb(token: Token) -> bool:
    """A verb, and not a figure's own scale tagged one ("sold him for £32m on Friday": "m")."""
    return token.pos_ == "VERB" and token.lower_ not in SCALE_ABBREVIATIONS


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above a token: what the sentence says happened to the figure."""
    current = token
    for _ in range(MAX_HEAD_STEPS):
        if a_verb(current) or current.pos_ == "AUX" and current.dep_ == "ROOT":
            return current
        if current.head.i == current.i:
            return current if current.pos_ in ("VERB", "AUX") else None
        current = current.head
    return None


def clause_subject(verb: Token | None) -> Token | None:
    """The subject of a verb, following xcomp/conj/relcl chains upwards when the verb has none."""
    current = verb
    for _ in range(MAX_CHAIN_STEPS):
        if current is None:
            return None
        for child in current.children:
            if child.dep_ in SUBJECT_DEPS and child.pos_ != "PRON" or child.dep_ in ("nsubj", "nsubjpass") and \
                    child.lower_ not in ("it", "that", "which", "who", "this"):
                return child
        if current.dep_ == "relcl":
            return current.head
        if current.dep_ in ("xcomp", "conj", "advcl", "ccomp", "acl", "pcomp", "acomp", "attr", "aux", "oprd"):
            current = current.head
            continue
        return None
    return None
