"""What a reviewer needs around a figure: subject, predicate, time, attribution, hedging, statements."""
from __future__ import annotations

import pytest

from workbench.demo import article_text
from workbench.nlp.extract import extract_claims
from workbench.nlp.pipeline import load_pipeline


def claim_for(text: str, figure: str, published: str | None = None):
    claims = [c for c in extract_claims(text, published) if c.quantity and c.quantity.text == figure]
    assert claims, f"no claim for {figure!r}: {[c.quantity.text for c in extract_claims(text) if c.quantity]}"
    return claims[0]


@pytest.fixture(scope="module")
def demo():
    return {c.quantity.text: c for c in extract_claims(article_text(), "2025-08-19") if c.quantity}


@pytest.mark.parametrize("figure,subject", [
    ("at least 20", "Indian soldiers"),
    ("four", "Chinese troops"),
    ("over 30 years", "cross-border trade"),
    ("2020", "cross-border trade"),
    ("50%", "tariffs on Indian imports"),
    ("five-year", "cross-border trade"),   # the hiatus is of what resumes
    ("double", "rate"),
    ("seven years", "Indian Prime Minister Narendra Modi"),
])
def test_demo_subjects(demo, figure, subject):
    assert demo[figure].subject == subject


@pytest.mark.parametrize("figure,time", [
    ("2020", "2020"),
    ("at least 20", "2020"),        # "That year" refers back to the 2020 of the sentence before
    ("four", "2020"),
    ("45 years", "1975"),           # the first such fatalities in 45 years, counted back from 2020
    ("seven years", "2018"),        # the first time in seven years, counted back from the article's date
    ("five-year", "2020"),          # after a five-year hiatus
    ("50%", "2025-08-19"),          # no date in the sentence: the document's date
])
def test_demo_time_anchors(demo, figure, time):
    assert demo[figure].time == time


def test_demo_hedging_and_predicates(demo):
    assert demo["seven years"].hedged is True           # "is expected to visit"
    assert demo["at least 20"].hedged is False
    assert demo["at least 20"].predicate == "death"     # "resulted in the deaths of at least 20 ..."
    assert demo["four"].predicate == "death"
    assert demo["50%"].predicate == "impose"
    assert demo["2020"].predicate == "suspend"


@pytest.mark.parametrize("sentence,figure,attribution", [
    ("According to Bloomberg, 300 traders lost their licences.", "300", "Bloomberg"),
    ("The ministry said 45 people were arrested.", "45", "ministry"),
    ("Police confirmed that 12 officers were injured.", "12", "Police"),
    ("Unemployment fell to 3.5%, the Labour Department reported.", "3.5%", "Labour Department"),
    ("At least 30 people died, according to local officials.", "At least 30", "local officials"),
    ("Prices rose 4% in March.", "4%", None),
])
def test_attribution(sentence, figure, attribution):
    assert claim_for(sentence, figure).attribution == attribution


@pytest.mark.parametrize("sentence,figure,hedged", [
    ("Modi is expected to visit China for the first time in seven years.", "seven years", True),
    ("The company reportedly cut 500 jobs.", "500", True),
    ("The storm could displace 10,000 people.", "10,000", True),
    ("The city plans to build 40 schools.", "40", True),
    ("Growth is forecast to reach 6% next year.", "6%", True),
    ("The company cut 500 jobs.", "500", False),
    ("Growth reached 6% last year.", "6%", False),
])
def test_hedging(sentence, figure, hedged):
    assert claim_for(sentence, figure).hedged is hedged


@pytest.mark.parametrize("text,figure,implied,qualifier,start,time", [
    # a state lasting until the sentence's time began that long before; the claim is still about that time
    ("The trade, which had been ongoing for over 30 years, was suspended in 2020.", "over 30 years",
     "1990", "less_than", True, "2020"),
    ("He has ruled the country for 20 years.", "20 years", "2005", None, True, "2025-08-19"),
    ("Prices have been rising for the past 18 months.", "18 months", "2024-02", None, True, "2025-08-19"),
    ("They have lived there for between 10 and 15 years.", "between 10 and 15 years", "2015", "at_most", True,
     "2025-08-19"),
    # a relative span points at the event itself, bounded the other way round by its qualifier
    ("He left more than 14 years ago.", "more than 14 years", "2011", "less_than", False, "2011"),
    ("Trade resumed after a five-year hiatus.", "five-year", "2020", None, False, "2020"),
    # a plain length, not in the perfect, implies nothing
    ("She was jailed for 10 years in 2001.", "10 years", None, None, False, "2001"),
])
def test_durations_imply_the_date_they_point_at(text, figure, implied, qualifier, start, time):
    quantity = (claim := claim_for(text, figure, "2025-08-19")).quantity
    assert (quantity.implied, quantity.implied_qualifier, quantity.implied_start, claim.time) == \
        (implied, qualifier, start, time)


def test_relative_times_read_against_the_document_date():
    assert claim_for("Exports fell 12% this month.", "12%", "2025-08-19").time == "2025-08"
    assert claim_for("Exports fell 12% last year.", "12%", "2025-08-19").time == "2024"
    assert claim_for("He left fourteen years ago.", "fourteen years", "2025-08-19").time == "2011"
    assert claim_for("Exports fell 12% in March 2024.", "12%", "2025-08-19").time == "2024-03"
    assert claim_for("Exports fell 12%.", "12%").time is None


def test_subjects_of_other_kinds():
    assert claim_for("The deal is worth $2.5bn.", "$2.5bn").subject == "deal"
    assert claim_for("The country has a population of 1.4 billion.", "1.4 billion").subject == "population"
    assert claim_for("Unemployment fell to 3.5% in June.", "3.5%").subject == "Unemployment"
    assert claim_for("Turnout reached 67 percent.", "67 percent").subject == "Turnout"


def test_check_worthy_sentences_without_figures_become_statements():
    text = ("The senator voted against the bill that raised taxes on the middle class.\n"
            "I think it's a lovely day.")
    statements = [c for c in extract_claims(text) if c.kind == "statement"]
    assert [c.sentence.text for c in statements] == [text.splitlines()[0]]
    assert statements[0].quantity is None and statements[0].checkworthiness >= 0.5


def test_every_sentence_gets_a_score_between_0_and_1():
    doc = load_pipeline()(article_text())
    sentences = [sent for sent in doc.sents if not sent.text.isspace()]
    assert len(sentences) > 10
    assert all(0.0 <= sent._.checkworthiness <= 1.0 for sent in sentences)
    claims = extract_claims(article_text())
    assert claims and all(0.0 <= c.checkworthiness <= 1.0 for c in claims)
