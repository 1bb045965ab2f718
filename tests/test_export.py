"""``workbench export``: claims_v as CSV, JSON lines and Parquet; reviewed claims as publishable ClaimReview
JSON-LD under the publisher profile (``workbench config``)."""
from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from claimreview_check import check_claim_reviews

from workbench.export.claimreview import claim_author, figure_clause
from workbench.review import Evidence, correct, save_verdict
from workbench.store.db import Store

ARTICLE = "At least 20 Indian soldiers and four Chinese troops died in 2020."


def test_export_formats_carry_every_claim(cli, write, tmp_path):
    assert cli("import", str(write("galwan.txt", ARTICLE))).exit_code == 0
    lines = [json.loads(line) for line in cli("export", "--format", "jsonl").stdout.splitlines()]
    assert [(c["quantity"], c["value"], c["status"]) for c in lines] == [
        ("At least 20", 20.0, "unreviewed"), ("four", 4.0, "unreviewed"), ("2020", 2020.0, "unreviewed")]
    rows = list(csv.DictReader(io.StringIO(cli("export", "--format", "csv").stdout)))
    assert [r["unit"] for r in rows] == ["soldier", "troop", "year"]
    for column in ("entities", "actors", "places", "evidence"):  # list columns as JSON lists, never Python reprs
        assert [json.loads(r[column] or "[]") for r in rows] == [c[column] or [] for c in lines], column
    assert (rows[0]["entities"], rows[0]["places"]) == ('["Indian", "Chinese"]', '["Indian"]')
    out = tmp_path / "claims.parquet"
    result = cli("export", "--format", "parquet", "-o", str(out))
    assert result.exit_code == 0 and "wrote 3 claims" in result.stderr
    table = pq.read_table(out)
    assert table.num_rows == 3 and {"claim_id", "sentence", "kind", "value", "status"} <= set(table.column_names)


def test_parquet_needs_a_file(cli, write):
    cli("import", str(write("galwan.txt", ARTICLE)))
    result = cli("export", "--format", "parquet")
    assert result.exit_code == 2 and "-o FILE.parquet" in result.stderr


PROFILE = {"org.name": "Example Fact Check", "org.url": "https://example.org",
           "factcheck_url": "https://example.org/fact-checks/{claim_id}"}
ORGANISATION = {"@type": "Organization", "name": "Example Fact Check", "url": "https://example.org"}


@pytest.fixture
def published(cli) -> Store:
    """The demo with the publisher profile set, as `workbench config set` sets it."""
    cli("demo")
    for key, value in PROFILE.items():
        assert cli("config", "set", key, value).exit_code == 0
    return Store(cli.db)


def claim_id_of(store: Store, figure: str) -> int:
    with store.read() as con:
        return con.execute("SELECT claim_id FROM claims_v WHERE quantity = ?", [figure]).fetchone()[0]


def passage_of(store: Store, claim_id: int, source: str) -> int:
    with store.read() as con:
        return con.execute("SELECT passage_id FROM matches_v WHERE claim_id = ? AND source = ?",
                           [claim_id, source]).fetchone()[0]


def exported(cli) -> list[dict]:
    result = cli("export", "--format", "claimreview")
    assert result.exit_code == 0, result.stderr
    reviews = json.loads(result.stdout)
    check_claim_reviews(reviews)
    return reviews


def test_claimreview_is_one_publishable_review_per_reviewed_claim(cli, published):
    four, twenty, fifty = (claim_id_of(published, figure) for figure in ("four", "at least 20", "50%"))
    tass = passage_of(published, four, "tass-report")
    save_verdict(published, four, "Ana Reviewer", "refuted", "TASS reported 45", Evidence((tass,)))
    save_verdict(published, twenty, "Ana Reviewer", "supported")
    save_verdict(published, fifty, "Ana Reviewer", "misleading",
                 evidence=Evidence(quote="a 25% duty and a 25% penalty", url="https://example.gov/notice"))
    save_verdict(published, claim_id_of(published, "double"), "Ana Reviewer", "not_a_claim")
    reviews = {review["url"]: review for review in exported(cli)}
    assert list(reviews) == [f"https://example.org/fact-checks/{claim_id}" for claim_id in (twenty, four, fifty)]
    refuted = reviews[f"https://example.org/fact-checks/{four}"]
    # the figure's clause, not the sentence the three figures share
    assert refuted["claimReviewed"] == "four Chinese troops—the first such fatalities in 45 years."
    assert reviews[f"https://example.org/fact-checks/{twenty}"]["claimReviewed"] == (
        "a violent confrontation in the Himalayas resulted in the deaths of at least 20 Indian soldiers")
    assert refuted["author"] == refuted["publisher"] == ORGANISATION and refuted["inLanguage"] == "en"
    assert refuted["reviewRating"] == {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1,
                                       "alternateName": "Refuted"}
    assert refuted["reviewBody"] == "TASS reported 45" and len(refuted["datePublished"]) == 10
    assert refuted["citation"] == [{"@type": "CreativeWork", "name": "tass-report", "text": (
        "Russia's state news agency TASS reported in February 2021 that at least 45 Chinese soldiers were killed "
        "in the Galwan Valley clash of June 2020.\nThe figure is more than ten times the toll that China "
        "acknowledged.")}]
    # the demo article has no address: its appearance is its title alone, never a null url
    assert refuted["itemReviewed"] == {"@type": "Claim", "datePublished": "2025-08-19", "appearance": {
        "@type": "CreativeWork", "headline": "india-china-border-trade"}}
    misleading = reviews[f"https://example.org/fact-checks/{fifty}"]
    assert misleading["reviewRating"]["ratingValue"] == 2
    assert misleading["citation"] == [{"@type": "CreativeWork", "url": "https://example.gov/notice",
                                       "text": "a 25% duty and a 25% penalty"}]


def test_the_schema_check_catches_what_it_forbids():
    good = {"@context": "https://schema.org", "@type": "ClaimReview", "url": "https://example.org/fact-checks/1",
            "claimReviewed": "four Chinese troops died", "author": ORGANISATION, "publisher": ORGANISATION,
            "datePublished": "2025-09-01", "inLanguage": "en", "itemReviewed": {"@type": "Claim"},
            "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1,
                             "alternateName": "Refuted"}}
    check_claim_reviews([good])
    wrong = [{**good, "reviewBody": None}, {**good, "itemReviewed": {"@type": "Claim", "appearance": {
        "@type": "CreativeWork", "url": None}}}, {**good, "url": "urn:claim-workbench:claim:1"},
        {**good, "author": {"@type": "Person", "name": "ana"}}, {**good, "citation": []},
        {**good, "reviewRating": {"@type": "Rating", "ratingValue": 3, "alternateName": "Unverifiable"}},
        {key: value for key, value in good.items() if key != "publisher"}, {**good, "@context": "http://schema.org"}]
    for review in wrong:
        with pytest.raises(AssertionError):
            check_claim_reviews([review])
    with pytest.raises(AssertionError, match="share a url"):
        check_claim_reviews([good, good])


def test_unverifiable_is_named_off_the_rating_scale(cli, published):
    save_verdict(published, claim_id_of(published, "four"), "ana", "unverifiable")
    [review] = exported(cli)
    assert review["reviewRating"] == {"@type": "Rating", "ratingValue": -1, "alternateName": "Unverifiable"}
    assert "citation" not in review and "reviewBody" not in review


def test_the_claim_is_a_person_s_or_an_organisation_s(cli, published):
    ministry = published.value("SELECT claim_id FROM claims_v WHERE attribution = 'Chinese Foreign Ministry'")
    four = claim_id_of(published, "four")
    correct(published, four, "ana", {"attribution": "Chief Minister Pushkar Singh Dhami"})
    for claim_id in (ministry, four):
        save_verdict(published, claim_id, "ana", "supported")
    authors = {review["url"].rsplit("/", 1)[1]: review["itemReviewed"]["author"] for review in exported(cli)}
    assert authors == {str(ministry): {"@type": "Organization", "name": "Chinese Foreign Ministry"},
                       str(four): {"@type": "Person", "name": "Chief Minister Pushkar Singh Dhami"}}


def test_who_made_a_claim_is_typed_by_the_entity_extraction_found(cli, published, write):
    """"New Delhi said ...": spaCy reads a place (GPE), so an Organization, where the rule on words alone
    would take two capitalised words for a person."""
    assert claim_author("New Delhi") == {"@type": "Person", "name": "New Delhi"}  # the rule, without a label
    cli("import", str(write("delhi.txt", "New Delhi said 45 Chinese soldiers died in the clash in 2020.")))
    claim_id = published.value("SELECT claim_id FROM claims_v WHERE quantity = '45'")
    assert published.value("SELECT attribution_kind FROM claims_v WHERE claim_id = ?", [claim_id]) == "organization"
    save_verdict(published, claim_id, "ana", "refuted")
    [review] = [r for r in exported(cli) if r["url"].endswith(f"/{claim_id}")]
    assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "New Delhi"}


@pytest.mark.parametrize(("name", "kind"), [
    ("Narendra Modi", "Person"), ("Indian Prime Minister Narendra Modi", "Person"), ("Dr Rao", "Person"),
    ("the president", "Person"), ("Bloomberg", "Organization"), ("the ministry", "Organization"),
    ("Ministry of External Affairs", "Organization"), ("the Prime Minister's Office", "Organization"),
    ("Reuters News Agency", "Organization"), ("officials", "Organization")])
def test_who_made_a_claim_is_typed_by_a_rule_when_extraction_gave_no_label(name, kind):
    assert claim_author(name) == {"@type": kind, "name": name}


@pytest.mark.parametrize(("sentence", "figure", "clause"), [
    ("Exports rose 12% in 2023, while imports fell 3%.", "12%", "Exports rose 12% in 2023"),
    ("Exports rose 12% in 2023, while imports fell 3%.", "3%", "imports fell 3%."),
    ("Trade stood at 1,200 crore; it had been 900 crore.", "1,200 crore", "Trade stood at 1,200 crore"),
    ("Prices rose between 5 and 10 percent but wages did not.", "between 5 and 10 percent",
     "Prices rose between 5 and 10 percent"),
    ("India and China traded goods worth $100 billion.", "$100 billion", "China traded goods worth $100 billion."),
])
def test_the_figure_s_clause_is_cut_at_clause_breaks(sentence, figure, clause):
    start = sentence.index(figure)
    assert figure_clause(sentence, start, start + len(figure)) == clause


def test_a_reviewer_s_wording_is_published_and_is_no_correction_of_the_reading(cli, published):
    four = claim_id_of(published, "four")
    result = cli("review", str(four), "--verdict", "refuted", "--reviewer", "ana",
                 "--wording", "China lost four soldiers at Galwan")
    assert result.exit_code == 0, result.stderr
    assert [review["claimReviewed"] for review in exported(cli)] == ["China lost four soldiers at Galwan"]
    assert published.value("SELECT corrected FROM claims_v WHERE claim_id = ?", [four]) is False
    assert cli("review", str(four), "--verdict", "refuted", "--reviewer", "ana", "--wording", "").exit_code == 0
    assert [review["claimReviewed"] for review in exported(cli)] == [
        "four Chinese troops—the first such fatalities in 45 years."]


def test_the_article_s_address_is_where_the_claim_appeared(cli, published):
    with published.write() as con:
        con.execute("UPDATE documents SET url = 'https://news.example/border-trade' WHERE kind = 'article'")
    save_verdict(published, claim_id_of(published, "four"), "ana", "refuted")
    [review] = exported(cli)
    assert review["itemReviewed"]["appearance"] == {"@type": "CreativeWork", "url": "https://news.example/border-trade",
                                                    "headline": "india-china-border-trade"}


def test_the_reviewer_is_named_beside_the_organisation_when_the_profile_says_so(cli, published):
    assert cli("config", "set", "author", "reviewer").exit_code == 0
    assert cli("config", "set", "org.logo", "https://example.org/logo.png").exit_code == 0
    assert cli("config", "set", "language", "en-IN").exit_code == 0
    save_verdict(published, claim_id_of(published, "four"), "Ana Reviewer", "refuted")
    [review] = exported(cli)
    organisation = {**ORGANISATION, "logo": "https://example.org/logo.png"}
    assert review["author"] == [organisation, {"@type": "Person", "name": "Ana Reviewer"}]
    assert review["publisher"] == organisation and review["inLanguage"] == "en-IN"


def test_claimreview_needs_the_fact_check_address_and_says_how_to_set_it(cli, tmp_path):
    cli("demo")
    assert cli("config", "set", "org.name", "Example Fact Check").exit_code == 0
    out = tmp_path / "claimreview.json"
    result = cli("export", "--format", "claimreview", "-o", str(out))
    assert result.exit_code == 2 and not out.exists()
    [line] = result.stderr.splitlines()
    assert line.startswith("error: ClaimReview needs factcheck_url (where each fact-check is published, e.g. "
                           "https://example.org/fact-checks/{claim_id}) in the publisher profile; set each with "
                           "workbench config set KEY VALUE")
    assert "org.name" not in line


def test_claimreview_never_publishes_a_stored_address_that_is_not_http(cli, published, tmp_path):
    with published.write() as con:  # as an older version stored it: a page's canonical link, unchecked
        con.execute("UPDATE documents SET url = 'javascript:alert(1)' WHERE kind = 'article'")
        claim_id = con.execute("SELECT claim_id FROM claims_v WHERE quantity = 'four'").fetchone()[0]
    save_verdict(published, claim_id, "Ana Reviewer", "refuted", "TASS reported 45")
    out = tmp_path / "claimreview.json"
    assert cli("export", "--format", "claimreview", "-o", str(out)).exit_code == 0
    assert "javascript" not in out.read_text()
