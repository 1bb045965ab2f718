"""Assignment: an article's or a filter's claims given to a reviewer, reassigned, sent back for correction; the
reviewer's queue; who may give which claim a verdict; every assignment naming who made it."""
from __future__ import annotations

import pytest

from workbench import review, team
from workbench.errors import ReviewError, WorkbenchError
from workbench.export.profile import set_profile
from workbench.store import assignments
from workbench.store.db import Store
from workbench.store.query import QueryRefused
from workbench.store.reviews import QueueFilter, queue, queue_count

PASSWORD = "correct horse battery"


def article(store: Store) -> int:
    return store.value("SELECT id FROM documents WHERE kind = 'article'")


def claims_of(store: Store, where: str = "true") -> list[int]:
    return [row["claim_id"] for row in store.records(f"SELECT claim_id FROM claims_v WHERE {where} ORDER BY 1")]


def mine(store: Store, name: str, status: str = "unreviewed") -> list[int]:
    return sorted(row["claim_id"] for row in queue(store, QueueFilter(status=status, assignee=name), limit=1000))


def test_an_articles_undecided_claims_go_to_the_reviewer_and_fill_their_queue(demo_database):
    decided = claims_of(demo_database)[0]
    review.save_verdict(demo_database, decided, "ana", "supported")
    done = team.assign(demo_database, "eve", "ana", document_id=article(demo_database))
    everything = claims_of(demo_database)
    assert (done.assigned, done.reviewed) == (len(everything) - 1, 1)
    assert mine(demo_database, "ana") == [claim for claim in everything if claim != decided]
    assert mine(demo_database, "ben") == []
    assert queue_count(demo_database, QueueFilter(status="all", pool=True)) == 1  # the decided one is nobody's
    assert assignments.assignment_history(demo_database, everything[1])[0] | {"assigned_at": None} == {
        "reviewer": "ana", "assigned_by": "eve", "assigned_at": None, "state": "assigned", "note": None}


def test_a_filter_selects_claims_and_assigning_again_reassigns(demo_database):
    counts = claims_of(demo_database, "kind = 'count'")
    assert counts
    team.assign(demo_database, "eve", "ana", document_id=article(demo_database))
    assert team.assign(demo_database, "eve", "ben", where="kind = 'count'").assigned == len(counts)
    assert mine(demo_database, "ben") == counts
    assert not set(mine(demo_database, "ana")) & set(counts)
    assert [row["reviewer"] for row in assignments.assignment_history(demo_database, counts[0])] == ["ben", "ana"]


@pytest.mark.parametrize("where, reason", [
    ("true) UNION SELECT 1 FROM users WHERE (true", "(it reads users)"),
    ("claim_id IN (SELECT 1 FROM login_failures)", "(it reads login_failures)"),
    ("claim_id IN (SELECT 1 FROM read_csv('/etc/passwd'))", "(it reads a table function)"),
    ("true) ORDER BY claim_id LIMIT 1 --", "documented views; write e.g."),
    ("true); DELETE FROM claims; SELECT (1", "one statement at a time"),
    ("kind =", "cannot parse the SQL"),
])
def test_a_filter_is_one_read_only_condition_over_the_documented_views(demo_database, where, reason):
    with pytest.raises(QueryRefused, match=f"^the filter .*{reason.replace('(', '[(]').replace(')', '[)]')}"):
        team.assign(demo_database, "eve", "ana", where=where)
    assert demo_database.value("SELECT count(*) FROM assignments") == 0


def test_a_filter_may_read_the_other_documented_views(demo_database):
    contradicted = claims_of(demo_database, "claim_id IN (SELECT claim_id FROM matches_v WHERE relation = 'contradicts')")
    assert contradicted
    team.assign(demo_database, "eve", "ana", where="claim_id IN (SELECT claim_id FROM matches_v WHERE relation = 'contradicts')")
    assert mine(demo_database, "ana") == contradicted


def test_sent_back_a_decided_claim_awaits_its_reviewer_again_with_the_note_until_a_new_verdict(demo_database):
    claim = claims_of(demo_database)[0]
    team.assign(demo_database, "eve", "ana", where=f"claim_id = {claim}")
    review.save_verdict(demo_database, claim, "ana", "supported")
    assert mine(demo_database, "ana") == []
    with pytest.raises(WorkbenchError, match=f"claim {claim}: say what to correct"):
        team.send_back(demo_database, claim, "eve", "  ")
    assert team.send_back(demo_database, claim, "eve", "the notice says 50%, not 25%") == "ana"
    assert mine(demo_database, "ana") == [claim]  # though it has a verdict: it awaits her correction
    assert mine(demo_database, "ana", status="supported") == [claim]
    current = assignments.assignment(demo_database, claim)
    assert (current["state"], current["note"], current["assigned_by"], current["pending"]) == (
        "sent_back", "the notice says 50%, not 25%", "eve", True)
    review.save_verdict(demo_database, claim, "ana", "refuted")
    assert mine(demo_database, "ana") == [] and not assignments.assignment(demo_database, claim)["pending"]
    undecided = claims_of(demo_database)[1]
    with pytest.raises(ReviewError, match=f"claim {undecided} has no verdict to correct; assign it instead"):
        team.send_back(demo_database, undecided, "eve", "why?")


def test_with_accounts_only_an_editor_assigns_and_only_to_an_account(demo_database):
    for name, role in (("ana", "reviewer"), ("eve", "editor")):
        team.add_user(demo_database, name, role, PASSWORD)
    with pytest.raises(WorkbenchError, match="^ana is a reviewer; only an editor or an admin may assign claims$"):
        team.assign(demo_database, "ana", "ana", document_id=article(demo_database))
    with pytest.raises(WorkbenchError, match="^no enabled account named 'zoe'$"):
        team.assign(demo_database, "eve", "zoe", document_id=article(demo_database))
    assert team.assign(demo_database, "eve", "ana", document_id=article(demo_database)).assigned == len(claims_of(demo_database))


def test_a_reviewer_gives_verdicts_on_their_own_claims_and_the_pool_while_it_is_open(demo_database):
    first, second, nobodys = claims_of(demo_database)[:3]
    team.assign(demo_database, "eve", "ana", where=f"claim_id = {first}")
    team.assign(demo_database, "eve", "ben", where=f"claim_id = {second}")
    team.may_review(demo_database, first, "ana", "reviewer")
    team.may_review(demo_database, nobodys, "ana", "reviewer")
    team.may_review(demo_database, second, "eve", "editor")
    team.may_review(demo_database, second, "ana", None)  # no accounts: one person's database
    with pytest.raises(ReviewError, match=f"^claim {second} is assigned to ben; ask an editor to reassign it$"):
        team.may_review(demo_database, second, "ana", "reviewer")
    set_profile(demo_database, {"open_pool": "no"})
    with pytest.raises(ReviewError, match="open pool is closed"):
        team.may_review(demo_database, nobodys, "ana", "reviewer")


def test_assign_and_send_back_commands(cli, demo_database):
    args = ("--db", str(demo_database.path))
    result = cli("assign", "--document", str(article(demo_database)), "--to", "ana", "--by", "eve", *args, db=False)
    assert result.exit_code == 0 and result.stderr == f"{len(claims_of(demo_database))} claims assigned to ana\n"
    claim = claims_of(demo_database)[0]
    cli("review", str(claim), "--verdict", "refuted", "--reviewer", "ana", *args, db=False)
    result = cli("send-back", str(claim), "--note", "check TASS", "--by", "eve", *args, db=False)
    assert result.exit_code == 0 and result.stderr == f"claim {claim} sent back to ana\n"
    result = cli("assign", "--filter", "claim_id IN (SELECT 1 FROM users)", "--to", "ben", "--by", "eve", *args,
                 db=False)
    assert result.exit_code == 2 and result.stderr.startswith("error: the filter ") and "(it reads users)" in \
        result.stderr and result.stderr.count("\n") == 1
    result = cli("assign", "--to", "ben", "--by", "eve", *args, db=False)
    assert result.stderr == "error: choose the claims to assign: an article, or a filter (not both)\n"
