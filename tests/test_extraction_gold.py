"""Extraction against gold figures: the design article exactly, our varied test set at ≥ 95%."""
from __future__ import annotations

import pytest
from conftest import DATA
from gold import score_gold


def test_design_article_every_figure_with_its_kind_and_no_false_alarm():
    score = score_gold(DATA / "india-china-border-trade.gold.json")
    assert score.misses == []
    assert (score.kinded, score.alarms) == (score.total, 0)


@pytest.mark.parametrize("name,figures,traps", [("extraction_gold.json", 200, 30),
                                                ("extraction_heldout.json", 180, 35)])
def test_varied_domains_at_least_95_percent(name, figures, traps):
    score = score_gold(DATA / name)
    report = "\n".join(score.misses)
    assert score.total >= figures and score.traps >= traps
    assert score.recall >= 0.95, report
    assert score.kind_recall >= 0.95, report
    assert score.clean_traps >= 0.95, report
