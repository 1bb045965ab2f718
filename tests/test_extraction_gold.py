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


def test_newsroom_conventions_set_holds_its_measured_level():
    """135 Indian, UK, US and wire items written blind to the rules (issue 10): first scored 0.912 found, 0.691
    read right (kind, unit, direction), 16 false alarms. Values found (0.97) and no false alarm are the
    targets, reached; read right is held at what the rules reach now (0.935, target 0.93: README)."""
    score = score_gold(DATA / "extraction_newsroom.json")
    report = "\n".join(score.misses)
    assert score.total >= 430 and score.traps >= 70
    assert score.recall >= 0.97, report
    assert score.read_right >= 0.93, report
    assert score.alarms == 0, report
