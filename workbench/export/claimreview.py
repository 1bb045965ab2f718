"""Reviewed claims as schema.org ClaimReview JSON-LD, ready to publish under the publisher profile.

One ClaimReview per claim whose current verdict is a rating; claims marked "Not a claim" are not fact-checks
and are left out. A field without a value is left out, so no value is ever null. Nothing is exported until the
publisher profile (:mod:`workbench.export.profile`) names the organisation (``org.name``) and where each
fact-check is published (``factcheck_url``).

The rating scale runs from 1 (refuted) to 5 (supported). "Unverifiable" is no point on it (3 would read as
half true): as fact-check publishers do, it is rated -1 with its name and no best or worst rating.

| verdict      | ratingValue | bestRating | worstRating | alternateName |
|--------------|-------------|------------|-------------|---------------|
| supported    | 5           | 5          | 1           | Supported     |
| misleading   | 2           | 5          | 1           | Misleading    |
| refuted      | 1           | 5          | 1           | Refuted       |
| unverifiable | -1          |            |             | Unverifiable  |

The other fields: ``claimReviewed`` (:func:`claim_wording`); ``url`` (``factcheck_url`` with the claim's id);
``author`` and ``publisher``, the organisation (``author`` names the reviewer as a Person beside it when the
profile's ``author`` is ``reviewer``); ``datePublished``, the day of the verdict; ``inLanguage``; ``reviewBody``,
the reviewer's note; ``itemReviewed``, a Claim with its ``appearance`` (the article's URL and title),
``datePublished`` (the article's date) and ``author`` (whoever the article says made it, :func:`claim_author`);
and ``citation``, the evidence the verdict rests on: each chosen passage (its source's URL and title, the
passage's text) and a quote from elsewhere with its URL.
"""
from __future__ import annotations

import re

from workbench.export.profile import fill, publishing_profile
from workbench.ingest.readers import web_url
from workbench.review import VERDICT_LABELS
from workbench.store.db import Store
from workbench.store.exports import claims_with_verdict
from workbench.team import signoff_required

BEST, WORST = 5, 1
RATINGS = {"supported": 5, "misleading": 2, "refuted": 1}
#: Verdicts named but not placed on the scale.
OFF_SCALE = {"unverifiable": -1}

#: Where a clause ends: a comma or semicolon before a space (not the comma of "1,200"), " and ", " while ", " but ".
CLAUSE_BREAK = re.compile(r"[,;](?=\s)|\s(?:and|while|but)\s")
#: Titles and honorifics: a name holding one is a person's ("Chief Minister Pushkar Singh Dhami", "Dr Rao").
TITLES = frozenset("mr mrs ms miss dr prof professor sir dame lord lady president minister secretary senator "
                   "governor mayor king queen prince princess ambassador spokesperson spokesman spokeswoman "
                   "chairman chairwoman judge justice".split())
#: Words of organisations' names: a name holding one is an organisation's ("Ministry of External Affairs").
ORGANISATION_WORDS = frozenset("ministry department office agency bank company corporation corp inc ltd llc group "
                               "council committee commission board association university institute party government "
                               "embassy police army navy court parliament assembly bureau service fund foundation "
                               "organisation organization union federation news times post press journal media "
                               "television radio network house centre center authority".split())


def _thing(kind: str, **fields) -> dict:
    """A schema.org object of type ``kind`` with those ``fields`` that have a value: never a null or an empty one."""
    return {"@type": kind, **{name: value for name, value in fields.items() if value not in (None, "", [])}}


def figure_clause(sentence: str, start: int, end: int) -> str:
    """The clause of ``sentence`` around its figure at [``start``, ``end``): from the last clause break before
    the figure to the first after it (:data:`CLAUSE_BREAK`), trimmed. "At least 20 Indian soldiers and four
    Chinese troops died" gives "At least 20 Indian soldiers" for the first figure and "four Chinese troops
    died" for the second. Breaks are only looked for outside the figure, so "between 5 and 10" stays whole."""
    left = max((match.end() for match in CLAUSE_BREAK.finditer(sentence, 0, start)), default=0)
    right = next((match.start() for match in CLAUSE_BREAK.finditer(sentence, end)), len(sentence))
    return sentence[left:right].strip(" ,;")


def claim_wording(row: dict) -> str:
    """What a fact-check says the claim is: the reviewer's wording when they gave one, else the clause around
    the claim's figure (:func:`figure_clause`; offsets are the document's), else (a statement, without a
    figure) the whole sentence. Needs ``wording``, ``sentence``, ``sentence_start``, ``quantity_start`` and
    ``quantity_end`` (a ``claims_v`` row has them)."""
    if row["wording"]:
        return row["wording"]
    if row["quantity_start"] is None:
        return row["sentence"]
    offset = row["sentence_start"]
    return figure_clause(row["sentence"], row["quantity_start"] - offset, row["quantity_end"] - offset)


#: The schema.org type of whoever made a claim, by what extraction read them as (``attribution_kind``).
AUTHOR_TYPES = {"person": "Person", "organization": "Organization"}


def claim_author(name: str, kind: str | None = None) -> dict:
    """Whoever the article says made the claim, as a schema.org Person or Organization: by the entity label
    extraction gave the attribution (``kind``, from spaCy's PERSON or ORG/GPE/NORP), and where it gave none
    ("a spokesman"; claims stored before it was kept; an attribution a reviewer corrected) by a rule on the
    words: a name holding no organisation word (:data:`ORGANISATION_WORDS`) is a Person's when it holds a
    title or an honorific (:data:`TITLES`) or is two or three capitalised words ("Narendra Modi"); anything
    else is an Organization ("Bloomberg", "the ministry")."""
    if kind in AUTHOR_TYPES:
        return _thing(AUTHOR_TYPES[kind], name=name)
    words = re.findall(r"[^\W\d_]+", re.sub(r"['’]s\b", "", name))
    lower = {word.lower() for word in words}
    person = not lower & ORGANISATION_WORDS and (
        bool(lower & TITLES) or 2 <= len(words) <= 3 and all(word[0].isupper() for word in words))
    return _thing("Person" if person else "Organization", name=name)


def rating(verdict: str) -> dict:
    """The verdict as a schema.org Rating (the scale is in this module's docstring)."""
    if verdict in OFF_SCALE:
        return _thing("Rating", ratingValue=OFF_SCALE[verdict], alternateName=VERDICT_LABELS[verdict])
    return _thing("Rating", ratingValue=RATINGS[verdict], bestRating=BEST, worstRating=WORST,
                  alternateName=VERDICT_LABELS[verdict])


def citations(row: dict) -> list[dict]:
    """The evidence a verdict rests on, as CreativeWorks: each chosen passage, then a quote from elsewhere."""
    cited = [_thing("CreativeWork", url=web_url(passage["url"]), name=passage["source"], text=passage["text"])
             for passage in row["passages"] or []]
    if row["quote"] or web_url(row["quote_url"]):
        cited.append(_thing("CreativeWork", url=web_url(row["quote_url"]), text=row["quote"]))
    return cited


def claim_review(row: dict, profile: dict[str, str]) -> dict:
    """One ClaimReview for a claim with a rating verdict (a row of :func:`claims_with_verdict`), published under
    ``profile`` (one that holds :data:`workbench.export.profile.REQUIRED`)."""
    organisation = _thing("Organization", name=profile["org.name"], url=profile.get("org.url"),
                          logo=profile.get("org.logo"))
    appearance = _thing("CreativeWork", url=web_url(row["document_url"]), headline=row["document"])
    item = _thing("Claim", appearance=appearance if len(appearance) > 1 else None,
                  datePublished=row["published"] and row["published"].isoformat(),
                  author=row["attribution"] and claim_author(row["attribution"], row["attribution_kind"]))
    return {"@context": "https://schema.org", **_thing(
        "ClaimReview",
        url=fill(profile["factcheck_url"], row["claim_id"]),
        claimReviewed=claim_wording(row),
        author=[organisation, _thing("Person", name=row["reviewer"])] if profile["author"] == "reviewer"
        else organisation,
        publisher=organisation,
        datePublished=row["reviewed_at"].date().isoformat(),
        inLanguage=profile["language"],
        reviewRating=rating(row["verdict"]),
        reviewBody=row["note"],
        itemReviewed=item,
        citation=citations(row),
    )}


def claim_reviews(store: Store) -> list[dict]:
    """Every reviewed claim's ClaimReview, in claim id order; an error naming what the profile lacks first. Only
    signed-off verdicts when a team must sign off (:func:`workbench.team.signoff_required`)."""
    profile = publishing_profile(store)
    return [claim_review(row, profile)
            for row in claims_with_verdict(store, [*RATINGS, *OFF_SCALE], signoff_required(store))]
