"""Assignment: an article's or a filter's claims given to a reviewer, reassigned, sent back for correction; the
reviewer's queue; who may give which claim a verdict; every assignment naming who made it."""
from __future__ import annotations

import pytest

from workbench import review, team
from workbench.demo import load_demo
from workbench.errors import ReviewError, WorkbenchError
from workbench.export.profile import set_profile
from workbench.store import assignments
from workbench.store.db import Store
from workbench.store.query import QueryRefused
from workbench.store.reviews import QueueFilter, queue, queue_count

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Store:
    store = Store(tmp_path_factory.mktemp("demo") / "demo.duckdb")
    load_demo(store)
    return store


@pytest.fixture
def demo(demo_template, tmp_path) -> Store:
    path = tmp_path / "assign.duckdb"
    path.write_bytes(demo_template.path.read_bytes())
    return Store(path)


def article(store: Store) -> int:
    return store.value("SELECT id FROM documents WHERE kind = 'article'")


def claims_of(store: Store, where: str = "true") -> list[int]:
    return [row["claim_id"] for row in store.records(f"SELECT claim_id FROM claims_v WHERE {where} ORDER BY 1")]


def mine(store: Store, name: str, status: str = "unreviewed") -> list[int]:
    return sorted(row["claim_id"] for row in queue(store, QueueFilter(status=status, assignee=name), limit=1000))


def test_an_articles_undecided_claims_go_to_the_reviewer_and_fill_their_queue(demo):
    decided = claims_of(demo)[0]
    review.save_verdict(demo, decided, "ana", "supported")
    done = team.assign(demo, "eve", "ana", document_id=article(demo))
    everything = claims_of(demo)
    assert (done.assigned, done.reviewed) == (len(everything) - 1, 1)
    assert mine(demo, "ana") == [claim for claim in everything if claim != decided]
    assert mine(demo, "ben") == []
    assert queue_count(demo, QueueFilter(status="all", pool=True)) == 1  # the decided one is nobody's
    assert assignments.assignment_history(demo, everything[1])[0] | {"assigned_at": None} == {
        "reviewer": "ana", "assigned_by": "eve", "assigned_at": None, "state": "assigned", "note": None}


def test_a_filter_selects_claims_and_assigning_again_reassigns(demo):
    counts = claims_of(demo, "kind = 'count'")
    assert counts
    team.assign(demo, "eve", "ana", document_id=article(demo))
    assert team.assign(demo, "eve", "ben", where="kind = 'count'").assigned == len(counts)
    assert mine(demo, "ben") == counts
    assert not set(mine(demo, "ana")) & set(counts)
    assert [row["reviewer"] for row in assignments.assignment_history(demo, counts[0])] == ["ben", "ana"]


@pytest.mark.parametrize("where, reason", [
    ("true) UNION SELECT 1 FROM users WHERE (true", "(it reads users)"),
    ("claim_id IN (SELECT 1 FROM login_failures)", "(it reads login_failures)"),
    ("claim_id IN (SELECT 1 FROM read_csv('/etc/passwd'))", "(it reads a table function)"),
    ("true) ORDER BY claim_id LIMIT 1 --", "documented views; write e.g."),
    ("true); DELETE FROM claims; SELECT (1", "one statement at a time"),
    ("kind =", "cannot parse the SQL"),
])
def test_a_filter_is_one_read_only_condition_over_the_documented_views(demo, where, reason):
    with pytest.raises(QueryRefused, match=f"^the filter .*{reason.replace('(', '[(]').replace(')', '[)]')}"):
        team.assign(demo, "eve", "ana", where=where)
    assert demo.value("SELECT count(*) FROM assignments") == 0


def test_a_filter_may_read_the_other_documented_views(demo):
    contradicted = claims_of(demo, "claim_id IN (SELECT claim_id FROM matches_v WHERE relation = 'contradicts')")
    assert contradicted
    team.assign(demo, "eve", "ana", where="claim_id IN (SELECT claim_id FROM matches_v WHERE relation = 'contradicts')")
    assert mine(demo, "ana") == contradicted


def test_sent_back_a_decided_claim_awaits_its_reviewer_again_with_the_note_until_a_new_verdict(demo):
    claim = claims_of(demo)[0]
    team.assign(demo, "eve", "ana", where=f"claim_id = {claim}")
    review.save_verdict(demo, claim, "ana", "supported")
    assert mine(demo, "ana") == []
    with pytest.raises(WorkbenchError, match=f"claim {claim}: say what to correct"):
        team.send_back(demo, claim, "eve", "  ")
    assert team.send_back(demo, claim, "eve", "the notice says 50%, not 25%") == "ana"
    assert mine(demo, "ana") == [claim]  # though it has a verdict: it awaits her correction
    assert mine(demo, "ana", status="supported") == [claim]
    current = assignments.assignment(demo, claim)
    assert (current["state"], current["note"], current["assigned_by"], current["pending"]) == (
        "sent_back", "the notice says 50%, not 25%", "eve", True)
    review.save_verdict(demo, claim, "ana", "refuted")
    assert mine(demo, "ana") == [] and not assignments.assignment(demo, claim)["pending"]
    undecided = claims_of(demo)[1]
    with pytest.raises(ReviewError, match=f"claim {undecided} has no verdict to correct; assign it instead"):
        team.send_back(demo, undecided, "eve", "why?")


def test_with_accounts_only_an_editor_assigns_and_only_to_an_account(demo):
    for name, role in (("ana", "reviewer"), ("eve", "editor")):
        team.add_user(demo, name, role, PASSWORD)
    with pytest.raises(WorkbenchError, match="^ana is a reviewer; only an editor or an admin may assign claims$"):
        team.assign(demo, "ana", "ana", document_id=article(demo))
    with pytest.raises(WorkbenchError, match="^no enabled account named 'zoe'$"):
        team.assign(demo, "eve", "zoe", document_id=article(demo))
    assert team.assign(demo, "eve", "ana", document_id=article(demo)).assigned == len(claims_of(demo))


def test_a_reviewer_gives_verdicts_on_their_own_claims_and_the_pool_while_it_is_open(demo):
    first, second, nobodys = claims_of(demo)[:3]
    team.assign(demo, "eve", "ana", where=f"claim_id = {first}")
    team.assign(demo, "eve", "ben", where=f"claim_id = {second}")
    team.may_review(demo, first, "ana", "reviewer")
    team.may_review(demo, nobodys, "ana", "reviewer")
    team.may_review(demo, second, "eve", "editor")
    team.may_review(demo, second, "ana", None)  # no accounts: one person's database
    with pytest.raises(ReviewError, match=f"^claim {second} is assigned to ben; ask an editor to reassign it$"):
        team.may_review(demo, second, "ana", "reviewer")
    set_profile(demo, {"open_pool": "no"})
    with pytest.raises(ReviewError, match="open pool is closed"):
        team.may_review(demo, nobodys, "ana", "reviewer")


def test_assign_and_send_back_commands(cli, demo):
    args = ("--db", str(demo.path))
    result = cli("assign", "--document", str(article(demo)), "--to", "ana", "--by", "eve", *args, db=False)
    assert result.exit_code == 0 and result.stderr == f"{len(claims_of(demo))} claims assigned to ana\n"
    claim = claims_of(demo)[0]
    cli("review", str(claim), "--verdict", "refuted", "--reviewer", "ana", *args, db=False)
    result = cli("send-back", str(claim), "--note", "check TASS", "--by", "eve", *args, db=False)
    assert result.exit_code == 0 and result.stderr == f"claim {claim} sent back to ana\n"
    result = cli("assign", "--filter", "claim_id IN (SELECT 1 FROM users)", "--to", "ben", "--by", "eve", *args,
                 db=False)
    assert result.exit_code == 2 and result.stderr.startswith("error: the filter ") and "(it reads users)" in \
        result.stderr and result.stderr.count("\n") == 1
    result = cli("assign", "--to", "ben", "--by", "eve", *args, db=False)
    assert result.stderr == "error: choose the claims to assign: an article, or a filter on claims_v (not both)\n"
