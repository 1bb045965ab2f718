"""Reviewed claims as schema.org ClaimReview JSON-LD, the format fact-check search engines read.

One ClaimReview per claim whose current verdict is a rating (claims marked "Not a claim" are not
fact-checks and are left out). The rating scale runs from 1 (refuted) to 5 (supported):

| verdict      | ratingValue | alternateName |
|--------------|-------------|---------------|
| supported    | 5           | Supported     |
| unverifiable | 3           | Unverifiable  |
| misleading   | 2           | Misleading    |
| refuted      | 1           | Refuted       |
"""
from __future__ import annotations

from workbench.ingest.readers import web_url
from workbench.review import VERDICT_LABELS
from workbench.store.db import Store
from workbench.store.exports import claims_with_verdict

RATINGS = {"supported": 5, "unverifiable": 3, "misleading": 2, "refuted": 1}
BEST, WORST = 5, 1

def claim_review(row: dict) -> dict:
    """One ClaimReview object for a claim with a rating verdict (a row of :func:`claims_with_verdict`)."""
    url = web_url(row["document_url"])  # a stored javascript: or data: address is never published
    item = {"@type": "Claim", "appearance": {"@type": "CreativeWork", "url": url, "headline": row["document"]}}
    if row["published"] is not None:
        item["datePublished"] = row["published"].isoformat()
    if row["attribution"]:
        item["author"] = {"@type": "Organization", "name": row["attribution"]}
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{url}#claim-{row['claim_id']}" if url else f"urn:claim-workbench:claim:{row['claim_id']}",
        "claimReviewed": row["sentence"],
        "datePublished": row["reviewed_at"].date().isoformat(),
        "author": {"@type": "Person", "name": row["reviewer"]},
        "reviewRating": {"@type": "Rating", "ratingValue": RATINGS[row["verdict"]], "bestRating": BEST,
                         "worstRating": WORST, "alternateName": VERDICT_LABELS[row["verdict"]]},
        "itemReviewed": item,
    }
    if row["note"]:
        review["reviewBody"] = row["note"]
    return review


def claim_reviews(store: Store) -> list[dict]:
    return [claim_review(row) for row in claims_with_verdict(store, RATINGS)]
