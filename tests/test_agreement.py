"""Agreement between reviewers on constructed sets whose kappa and alpha are known."""
from __future__ import annotations

import json

import pytest

from workbench import review
from workbench.agreement import agreement
from workbench.review import VERDICTS
from workbench.store.db import Store

#: Krippendorff's own example ("Computing Krippendorff's alpha-reliability", 2011, section C: nominal data, four
#: observers, twelve units, some values missing): alpha = 0.743. Values 1-5 stand for the five verdicts.
KRIPPENDORFF = {"A": "1 2 3 3 2 1 4 1 2 . . .", "B": "1 2 3 3 2 2 4 1 2 5 . 3",
                "C": ". 3 3 3 2 3 4 2 2 5 1 .", "D": "1 2 3 3 2 4 4 1 2 5 1 ."}


def claims(store: Store) -> list[int]:
    return [row["claim_id"] for row in store.records("SELECT id AS claim_id FROM claims ORDER BY id")]


def rate(store: Store, table: dict[str, str]) -> None:
    """Each reviewer's verdicts, unit by unit (one claim each), as in the table ('.': not rated)."""
    units = claims(store)
    for reviewer, row in table.items():
        for claim, value in zip(units, row.split()):
            if value != ".":
                review.save_verdict(store, claim, reviewer, VERDICTS[int(value) - 1])


def test_krippendorffs_own_example_gives_his_alpha_and_the_pair_its_kappa(demo_database):
    rate(demo_database, KRIPPENDORFF)
    found = agreement(demo_database)
    assert round(found.alpha, 3) == 0.743
    assert (found.claims, found.reviewers) == (11, 4)  # the twelfth unit was rated once: not pairable
    pair = next(p for p in found.pairs if (p.first, p.second) == ("A", "B"))
    # A and B share units 1-9 and differ on one (6: 1 against 2). Observed 8/9; by chance (3·2 + 3·4 + 2·2 + 1·1)/81
    assert (pair.claims, pair.agreed) == (9, 8)
    assert pair.kappa == pytest.approx((8 / 9 - 23 / 81) / (1 - 23 / 81))  # 49/58
    assert pair.confusion[("supported", "refuted")] == 1 and sum(pair.confusion.values()) == 9


def test_two_reviewers_agreeing_seven_times_in_ten_on_two_verdicts(demo_database):
    """The textbook case (50 items: 20 both yes, 15 both no, 5 and 10 split; kappa 0.4), scaled to the demo's
    claims: 4, 3, 1 and 2 of 10."""
    pattern = ["1 1"] * 4 + ["2 2"] * 3 + ["1 2"] * 1 + ["2 1"] * 2
    rate(demo_database, {"ana": " ".join(p.split()[0] for p in pattern), "ben": " ".join(p.split()[1] for p in pattern)})
    found = agreement(demo_database)
    (pair,) = found.pairs
    assert (pair.first, pair.second, pair.claims, pair.agreed) == ("ana", "ben", 10, 7)
    assert pair.kappa == pytest.approx(0.4)  # po 0.7, pe 0.5·0.6 + 0.5·0.4 = 0.5
    # alpha on 10 units: 1 − (n − 1)·Do / (2·n₁·n₂) with n = 20 values, n₁ = 11 supported, n₂ = 9 refuted
    assert found.alpha == pytest.approx(1 - 19 * 3 * 2 / (2 * 11 * 9))


def test_figures_that_cannot_be_computed_are_none(demo_database):
    assert agreement(demo_database).pairs == [] and agreement(demo_database).alpha is None
    rate(demo_database, {"ana": "1 1 1", "ben": "1 1 1"})  # one verdict throughout: chance agreement is total
    found = agreement(demo_database)
    assert found.alpha is None and found.pairs[0].kappa is None and found.pairs[0].agreed == 3


def test_an_undone_verdict_does_not_count(demo_database):
    rate(demo_database, {"ana": "1 2", "ben": "1 2"})
    review.save_verdict(demo_database, claims(demo_database)[2], "ben", "refuted")
    review.undo_last(demo_database, "ben")
    assert agreement(demo_database).pairs[0].claims == 2


def test_agreement_command_prints_a_table_or_json(cli, demo_database):
    rate(demo_database, KRIPPENDORFF)
    result = cli("agreement", "--format", "json", "--db", str(demo_database.path), db=False)
    data = json.loads(result.stdout)
    assert round(data["alpha"], 3) == 0.743 and len(data["pairs"]) == 6
    assert data["pairs"][0]["first"] == "A" and data["pairs"][0]["kappa"] == pytest.approx(49 / 58)
    table = cli("agreement", "--format", "table", "--db", str(demo_database.path), db=False).stdout
    assert "Krippendorff's alpha 0.743 over 11 claims decided by two reviewers or more (4 reviewers)" in table
    assert table.splitlines()[2].split()[:5] == ["A", "B", "9", "8", "0.845"]


def test_the_dashboard_shows_alpha_kappa_per_pair_and_a_confusion_table(demo_database, monkeypatch):
    from test_ui import page

    rate(demo_database, KRIPPENDORFF)
    monkeypatch.setenv("WORKBENCH_DB", str(demo_database.path))
    at = page("dashboard")
    assert not at.exception
    assert next(m for m in at.metric if m.label == "Krippendorff's alpha").value == "0.743"
    pairs = at.dataframe[0].value  # AppTest keeps no key on a dataframe: the pairs, then the confusion table
    assert pairs.iloc[0].to_dict() == {"reviewer": "A", "and": "B", "claims": 9, "agreed": 8,
                                       "Cohen's kappa": round(49 / 58, 3)}
    confusion = at.dataframe[1].value.set_index("A")
    assert confusion.loc["Supported", "Refuted"] == 1 and int(confusion.to_numpy().sum()) == 9


def test_alpha_per_verdict_and_per_relation_of_the_best_evidence(cli, demo_database):
    """Two reviewers, four claims: ana says supported, supported, refuted, refuted; ben supported, refuted,
    refuted, refuted. "Supported or another": 8 values, 3 of one and 5 of the other, one unit split:
    alpha = 1 − (n − 1)·2·1 / (2·3·5) = 1 − 14/30; "refuted or another" is the same split the other way."""
    rate(demo_database, {"ana": "1 1 2 2", "ben": "1 2 2 2"})
    found = agreement(demo_database)
    assert found.per_verdict == {"supported": pytest.approx(1 - 14 / 30), "refuted": pytest.approx(1 - 14 / 30)}
    relations = {row["claim_id"]: row["relation"] or "none" for row in demo_database.records(
        "SELECT c.id AS claim_id, m.relation FROM claims c LEFT JOIN matches_v m ON m.claim_id = c.id AND m.rank = 1")}
    expected = {}
    for claim in claims(demo_database)[:4]:
        expected[relations[claim]] = expected.get(relations[claim], 0) + 1
    assert {relation: n for relation, (n, _) in found.per_relation.items()} == expected
    data = json.loads(cli("agreement", "--format", "json", "--db", str(demo_database.path), db=False).stdout)
    assert [row["verdict"] for row in data["per_verdict"]] == ["supported", "refuted"]
    assert sum(row["claims"] for row in data["per_relation"]) == 4
    table = cli("agreement", "--format", "table", "--db", str(demo_database.path), db=False).stdout
    assert "per verdict (this verdict or another): supported 0.533, refuted 0.533" in table
