"""``workbench export``: claims_v as CSV, JSON lines and Parquet."""
from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq

ARTICLE = "At least 20 Indian soldiers and four Chinese troops died in 2020."


def test_export_formats_carry_every_claim(cli, write, tmp_path):
    assert cli("import", str(write("galwan.txt", ARTICLE))).exit_code == 0
    lines = [json.loads(line) for line in cli("export", "--format", "jsonl").stdout.splitlines()]
    assert [(c["quantity"], c["value"], c["status"]) for c in lines] == [
        ("At least 20", 20.0, "unreviewed"), ("four", 4.0, "unreviewed"), ("2020", 2020.0, "unreviewed")]
    rows = list(csv.DictReader(io.StringIO(cli("export", "--format", "csv").stdout)))
    assert [r["unit"] for r in rows] == ["soldier", "troop", "year"]
    out = tmp_path / "claims.parquet"
    result = cli("export", "--format", "parquet", "-o", str(out))
    assert result.exit_code == 0 and "wrote 3 claims" in result.stderr
    table = pq.read_table(out)
    assert table.num_rows == 3 and {"claim_id", "sentence", "kind", "value", "status"} <= set(table.column_names)


def test_parquet_needs_a_file(cli, write):
    cli("import", str(write("galwan.txt", ARTICLE)))
    result = cli("export", "--format", "parquet")
    assert result.exit_code == 2 and "-o FILE.parquet" in result.stderr


def test_claimreview_json_ld_has_the_schema_org_fields(cli, tmp_path):
    from workbench.review import save_verdict
    from workbench.store.db import Store

    cli("demo")
    store = Store(cli.db)
    with store.read() as con:
        ids = dict(con.execute("SELECT quantity, claim_id FROM claims_v WHERE quantity IS NOT NULL").fetchall())
    save_verdict(store, ids["four"], "Ana Reviewer", "refuted", "TASS reported 45")
    save_verdict(store, ids["50%"], "Ana Reviewer", "supported")
    save_verdict(store, ids["double"], "Ana Reviewer", "not_a_claim")
    out = tmp_path / "claimreview.json"
    assert cli("export", "--format", "claimreview", "-o", str(out)).exit_code == 0
    reviews = json.loads(out.read_text())
    assert len(reviews) == 2  # "not a claim" is not a fact-check
    four = next(r for r in reviews if "four Chinese troops" in r["claimReviewed"])
    assert four["@context"] == "https://schema.org" and four["@type"] == "ClaimReview"
    assert four["reviewRating"] == {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1,
                                    "alternateName": "Refuted"}
    assert four["author"] == {"@type": "Person", "name": "Ana Reviewer"}
    assert four["reviewBody"] == "TASS reported 45"
    assert len(four["datePublished"]) == 10 and four["url"].startswith("urn:claim-workbench:claim:")
    item = four["itemReviewed"]
    assert item["@type"] == "Claim" and item["datePublished"] == "2025-08-19"
    assert item["appearance"]["@type"] == "CreativeWork" and item["appearance"]["headline"] == "india-china-border-trade"
    supported = next(r for r in reviews if r is not four)
    assert supported["reviewRating"]["ratingValue"] == 5 and supported["reviewRating"]["alternateName"] == "Supported"


def test_claimreview_never_publishes_a_stored_address_that_is_not_http(cli, tmp_path):
    from workbench.review import save_verdict
    from workbench.store.db import Store

    cli("demo")
    store = Store(cli.db)
    with store.write() as con:  # as an older version stored it: a page's canonical link, unchecked
        con.execute("UPDATE documents SET url = 'javascript:alert(1)' WHERE kind = 'article'")
        claim_id = con.execute("SELECT claim_id FROM claims_v WHERE quantity = 'four'").fetchone()[0]
    save_verdict(store, claim_id, "Ana Reviewer", "refuted", "TASS reported 45")
    out = tmp_path / "claimreview.json"
    assert cli("export", "--format", "claimreview", "-o", str(out)).exit_code == 0
    assert "javascript" not in out.read_text()
