"""Blind second review, adjudication and sign-off, and the sign-off gate on ClaimReview export."""
from __future__ import annotations

import json

import pytest
import streamlit as st
from test_ui import page

from workbench import review, team
from workbench.agreement import agreement
from workbench.errors import ReviewError, WorkbenchError
from workbench.export.claimreview import claim_reviews
from workbench.export.profile import set_profile
from workbench.store.reviews import QueueFilter, queue
from workbench.store.signoffs import review_round, rounds

PASSWORD = "correct horse battery"


def claims(store) -> list[int]:
    return [row["id"] for row in store.records("SELECT id FROM claims ORDER BY id")]


def second_queue(store, name: str) -> list[int]:
    return sorted(row["claim_id"] for row in queue(store, QueueFilter(second_for=name), limit=1000))


@pytest.fixture
def desk(demo_database, monkeypatch):
    """The demo with a reviewer team (ana, ben), an editor (eve) and a publisher profile."""
    for name, role in (("ana", "reviewer"), ("ben", "reviewer"), ("eve", "editor")):
        team.add_user(demo_database, name, role, PASSWORD)
    set_profile(demo_database, {"org.name": "Example Fact Check", "factcheck_url": "https://example.org/{claim_id}"})
    monkeypatch.setenv("WORKBENCH_DB", str(demo_database.path))
    st.cache_data.clear()
    return demo_database


def test_the_profiles_share_and_an_editors_flag_send_decided_claims_to_a_second_reviewer(desk):
    first, second, third = claims(desk)[:3]
    for claim in (first, second):
        review.save_verdict(desk, claim, "ana", "supported")
    assert second_queue(desk, "ben") == []
    assert team.flag_second_review(desk, [first, third], "eve") == 2
    assert second_queue(desk, "ben") == [first]  # the third is not decided yet
    assert second_queue(desk, "ana") == []  # never her own
    set_profile(desk, {"second_review": "100"})
    assert second_queue(desk, "ben") == [first, second]
    review.save_verdict(desk, first, "ben", "supported")
    assert second_queue(desk, "ben") == [second] and not review_round(desk, first)["second_due"]
    with pytest.raises(WorkbenchError, match="second_review must be a whole percentage from 0 to 100, not '120'"):
        set_profile(desk, {"second_review": "120"})
    set_profile(desk, {"second_review": "20"})
    sampled = sum(review_round(desk, claim)["second_review"] for claim in claims(desk)
                  if review.save_verdict(desk, claim, "ana", "refuted"))
    assert 0 < sampled < len(claims(desk))  # a share, picked by a fixed hash of the id


def test_the_second_reviewer_sees_neither_the_first_verdict_nor_its_note_until_deciding(desk):
    claim = claims(desk)[0]
    team.assign(desk, "eve", "ana", where=f"claim_id = {claim}")
    review.save_verdict(desk, claim, "ana", "refuted", "TASS says 45, not 4")
    team.flag_second_review(desk, [claim], "eve")
    st.cache_data.clear()
    at = page("review", reviewer=None, user="ben", f_queue="second")
    assert not at.exception and at.session_state["current_claim"] == claim
    header = next(body for body in (e.proto.body for e in at.get("html")) if "wb-claim-header" in body)
    assert "Second review" in header and "Refuted" not in header
    shown = " ".join(str(e.proto) for e in at.main)
    assert "TASS says 45" not in shown and "Assigned to ana" not in shown and "<b>ana</b>" not in shown
    assert "History: shown once you have decided" in [e.label for e in at.expander]
    at.button(key="verdict_supported").click().run()  # assigned to ana, yet his: the second review is due
    assert not at.exception
    assert desk.records("SELECT reviewer, verdict FROM reviews WHERE claim_id = ? ORDER BY id", [claim]) == [
        {"reviewer": "ana", "verdict": "refuted"}, {"reviewer": "ben", "verdict": "supported"}]
    st.cache_data.clear()
    after = page("review", reviewer=None, user="ben", f_queue="all", open_claim=claim)
    assert "History (2 verdicts, 0 corrections, 1 assignments, 1 sign-offs and second reviews)" in [
        e.label for e in after.expander]
    lines = [e.proto.body for e in after.get("html") if e.proto.body.startswith("<div>")]
    assert any("<b>eve</b> · second review" in line for line in lines)
    assert any("<b>ana</b> · Refuted · TASS says 45, not 4" in line for line in lines)


def test_a_disagreement_is_adjudicated_by_an_editor_whose_verdict_is_final_and_counts_for_no_reviewer(desk):
    claim, other = claims(desk)[:2]
    review.save_verdict(desk, claim, "ana", "supported")
    review.save_verdict(desk, claim, "ben", "refuted")
    review.save_verdict(desk, other, "ana", "refuted")
    review.save_verdict(desk, other, "ben", "refuted")
    assert [row["claim_id"] for row in rounds(desk, True, False)] == [claim]
    with pytest.raises(ReviewError, match=f"^claim {claim}: its reviewers disagree; adjudicate it"):
        team.sign_off(desk, [claim, other], "eve")
    with pytest.raises(WorkbenchError, match="^ana is a reviewer; only an editor or an admin may adjudicate$"):
        team.adjudicate(desk, claim, "ana", "supported")
    team.adjudicate(desk, claim, "eve", "misleading", "both half right")
    final = review_round(desk, claim)
    assert (final["verdict"], final["signed_off"], final["signed_off_by"], final["adjudicated"]) == (
        "misleading", True, "eve", True)
    assert final["reviewers"] == ["ana", "ben"]
    assert agreement(desk).reviewers == 2  # eve's final verdict is no reviewer's
    assert team.sign_off(desk, [other], "eve") == 1 and team.sign_off(desk, [other], "eve") == 0
    assert rounds(desk, None, False) == []


def test_claimreview_exports_only_signed_off_verdicts_on_a_team_database(desk, demo_database):
    first, second = claims(desk)[:2]
    review.save_verdict(desk, first, "ana", "refuted")
    review.save_verdict(desk, second, "ana", "supported")
    assert claim_reviews(desk) == []
    team.sign_off(desk, [first], "eve")
    assert [json.loads(json.dumps(r))["url"] for r in claim_reviews(desk)] == [f"https://example.org/{first}"]
    at = page("export", reviewer=None, user="eve", export_format="claimreview")
    assert at.caption[0].value == "Only verdicts an editor signed off are published; 1 decided claims await sign-off " \
                                  "(Sign-off page)."
    set_profile(desk, {"signoff": "optional"})
    assert len(claim_reviews(desk)) == 2
    set_profile(desk, {"signoff": "required"})
    for name in ("ana", "ben", "eve"):
        team.disable_user(desk, name)
    assert len(claim_reviews(desk)) == 2  # no accounts: one person's database, nothing to sign off


def test_the_signoff_page_shows_both_verdicts_side_by_side_and_records_the_editors_decisions(desk):
    claim, other = claims(desk)[:2]
    review.save_verdict(desk, claim, "ana", "supported", "the <b>notice</b> agrees")
    review.save_verdict(desk, claim, "ben", "refuted", "TASS disagrees")
    review.save_verdict(desk, other, "ana", "refuted")
    st.cache_data.clear()
    at = page("signoff", reviewer=None, user="eve")
    assert not at.exception
    cards = [e.proto.body for e in at.get("html") if e.proto.body.startswith('<div class="wb-passage">')]
    assert len(cards) == 2 and "&lt;b&gt;notice&lt;/b&gt; agrees" in cards[0] and "TASS disagrees" in cards[1]
    assert at.multiselect(key="signoff_pick").value == [other]
    at.text_input(key=f"adjudicate_note_{claim}").input("the notice is older")
    at.button(key=f"adjudicate_{claim}_refuted").click().run()
    assert not at.exception
    assert desk.records("SELECT editor, verdict, adjudicated FROM signoffs") == [
        {"editor": "eve", "verdict": "refuted", "adjudicated": True}]
    at.button(key="signoff_submit").click().run()
    assert desk.records("SELECT claim_id, editor, adjudicated FROM signoffs ORDER BY id")[1] == {
        "claim_id": other, "editor": "eve", "adjudicated": False}
    assert "Every decided claim is signed off." in [c.value for c in at.caption]


def test_second_review_signoff_and_adjudicate_commands(cli, desk):
    claim, other = claims(desk)[:2]
    args = ("--by", "eve", "--db", str(desk.path))
    review.save_verdict(desk, claim, "ana", "supported")
    review.save_verdict(desk, other, "ana", "supported")
    assert cli("second-review", str(claim), *args, db=False).stderr == "1 claim sent to a second review\n"
    result = cli("signoff", str(claim), *args, db=False)
    assert result.exit_code == 2 and result.stderr == (
        f"error: claim {claim} awaits its second review; sign it off once that is in\n")
    assert cli("signoff", str(other), *args, db=False).stderr == "1 verdict signed off by eve\n"
    review.save_verdict(desk, claim, "ben", "refuted")
    result = cli("adjudicate", str(claim), "--verdict", "refuted", "--note", "TASS", *args, db=False)
    assert result.exit_code == 0 and result.stderr.startswith(f"claim {claim}: Refuted, adjudicated by eve (review ")
