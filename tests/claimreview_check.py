"""A check of exported ClaimReview JSON-LD against what schema.org and fact-check search engines read.

``check_claim_reviews(reviews)`` asserts, with the path of the first fault: a list of ClaimReviews with
``@context`` https://schema.org, one per claim (no two share a ``url``); every object of a type this export
writes has each required field with the right type and no field that type does not have; no value at any
depth is null or empty; a Rating is on the 1-5 scale with its best and worst, or off it (-1, named, neither).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from urllib.parse import urlsplit

Check = Callable[[object], bool]


def text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def web(value) -> bool:
    return isinstance(value, str) and urlsplit(value).scheme in ("http", "https") and bool(urlsplit(value).netloc)


def date(value) -> bool:
    try:
        return isinstance(value, str) and dt.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def integer(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def of_type(*kinds: str) -> Check:
    return lambda value: isinstance(value, dict) and value.get("@type") in kinds


def authors(value) -> bool:
    """The organisation, or a list of it and the reviewers as Persons."""
    if isinstance(value, list):
        return len(value) >= 2 and of_type("Organization")(value[0]) and all(map(of_type("Person"), value[1:]))
    return of_type("Organization")(value)


def citations(value) -> bool:
    return isinstance(value, list) and all(map(of_type("CreativeWork"), value))


#: Each type's fields: (required, optional), each a field name → what its value must be.
SCHEMA: dict[str, tuple[dict[str, Check], dict[str, Check]]] = {
    "ClaimReview": ({"url": web, "claimReviewed": text, "author": authors, "publisher": of_type("Organization"),
                     "datePublished": date, "inLanguage": text, "reviewRating": of_type("Rating"),
                     "itemReviewed": of_type("Claim")},
                    {"reviewBody": text, "citation": citations}),
    "Organization": ({"name": text}, {"url": web, "logo": web}),
    "Person": ({"name": text}, {}),
    "Rating": ({"ratingValue": integer, "alternateName": text}, {"bestRating": integer, "worstRating": integer}),
    "Claim": ({}, {"appearance": of_type("CreativeWork"), "datePublished": date,
                   "author": of_type("Person", "Organization")}),
    "CreativeWork": ({}, {"url": web, "headline": text, "name": text, "text": text}),
}


def _check(node, path: str) -> None:
    assert node is not None and node != "" and node != [] and node != {}, f"{path}: empty or null"
    if isinstance(node, list):
        for number, item in enumerate(node):
            _check(item, f"{path}[{number}]")
        return
    if not isinstance(node, dict):
        return
    kind = node.get("@type")
    assert kind in SCHEMA, f"{path}: @type {kind!r} is not one this export writes"
    required, optional = SCHEMA[kind]
    for name, check in required.items():
        assert name in node, f"{path}: {kind} without {name}"
    for name, value in node.items():
        if name in ("@type", "@context"):
            continue
        check = required.get(name) or optional.get(name)
        assert check is not None, f"{path}: {kind} has no field {name}"
        assert check(value), f"{path}.{name}: {value!r} is not what {kind}.{name} holds"
        _check(value, f"{path}.{name}")
    if kind == "Rating":
        on_scale = node.get("bestRating") == 5 and node.get("worstRating") == 1 and 1 <= node["ratingValue"] <= 5
        off_scale = node["ratingValue"] == -1 and "bestRating" not in node and "worstRating" not in node
        assert on_scale or off_scale, f"{path}: a rating neither on the 1-5 scale nor off it: {node}"


def check_claim_reviews(reviews) -> None:
    assert isinstance(reviews, list), "ClaimReview export is a JSON array"
    for number, review in enumerate(reviews):
        assert review.get("@context") == "https://schema.org", f"[{number}]: @context {review.get('@context')!r}"
        assert review.get("@type") == "ClaimReview", f"[{number}]: @type {review.get('@type')!r}"
        _check(review, f"[{number}]")
    urls = [review["url"] for review in reviews]
    assert len(set(urls)) == len(urls), f"two ClaimReviews share a url: {urls}"
