"""``workbench demo``: the demo article and the project's own demo sources."""
from __future__ import annotations

from workbench.demo import article_text, demo_records

SHARED_ARTICLE_START = "China and India are in talks to resume cross-border trade"


def test_demo_loads_the_article_and_a_dozen_sources(cli):
    result = cli("demo")
    assert result.exit_code == 0, result.output
    kinds = cli("query", "SELECT kind, count(*) AS n FROM documents_v GROUP BY kind ORDER BY kind",
                "--format", "csv").stdout.split()
    assert kinds == ["kind,n", "article,1", "source,13"]
    claims = cli("query", "SELECT quantity FROM claims_v WHERE document = 'india-china-border-trade' "
                          "AND quantity IS NOT NULL ORDER BY quantity_start", "--format", "csv").stdout.split("\n")
    assert claims[1:10] == ["five-year", "seven years", "over 30 years", "2020", "at least 20", "four", "45 years",
                            "50%", "double"]


def test_demo_if_empty_does_not_reload(cli):
    cli("demo")
    again = cli("demo", "--if-empty")
    assert "already has documents" in again.stderr
    assert cli("query", "SELECT count(*) AS n FROM documents", "--format", "csv").stdout.split() == ["n", "14"]


def test_demo_article_is_the_design_article_and_a_source_contradicts_it():
    assert article_text().startswith(SHARED_ARTICLE_START)
    assert "four Chinese troops" in article_text()
    sources = {r.title: r.text for r in demo_records("source")}
    assert len(sources) >= 12
    assert "45 Chinese soldiers" in sources["tass-report"]
    assert all(r.published for r in demo_records("source"))
