"""The review UI with accounts (AppTest): the login before any page, each role's pages, the account's name on
verdicts, the Accounts page; and `workbench ui` kept off the network until there is an account."""
from __future__ import annotations

import pytest
import streamlit as st
from conftest import ROOT
from streamlit.testing.v1 import AppTest
from test_ui import page as ui_page

from workbench import team
from workbench.demo import load_demo
from workbench.export.profile import set_profile
from workbench.review import save_verdict
from workbench.store.db import Store

APP = str(ROOT / "workbench" / "ui" / "app.py")
PASSWORD = "correct horse battery"


@pytest.fixture
def team_db(tmp_path, monkeypatch) -> Store:
    store = Store(tmp_path / "team.duckdb")
    load_demo(store)
    for name, role in (("ana", "reviewer"), ("eve", "editor"), ("ada", "admin")):
        team.add_user(store, name, role, PASSWORD)
    monkeypatch.setenv("WORKBENCH_DB", str(store.path))
    return store


def page(name: str, user: str | None, **state) -> AppTest:
    """A page run alone (as test_ui does), logged in as ``user``."""
    return ui_page(name, reviewer=None, **({"user": user} if user else {}), **state)


def log_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="login_name").input(name)
    at.text_input(key="login_password").input(password)
    return at.button(key="login_submit").click().run()


def test_with_accounts_every_page_waits_for_a_login_and_log_out_ends_it(team_db):
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Claim workbench"] and "user" not in at.session_state
    log_in(at, "ana", "not her password")
    assert "name or password not recognised for 'ana'" in at.error[0].value.replace("\\", "")
    assert at.text_input(key="login_password").value == ""
    log_in(at, "ana", PASSWORD)
    assert "too many failed logins as 'ana'" in at.error[0].value.replace("\\", "")  # slowed: she waits 1 s
    assert team_db.records("SELECT failures FROM login_failures WHERE name = 'ana'") == [{"failures": 1}]
    with team_db.write() as con:  # the wait is counted in the database: a second later, she may try again
        con.execute("UPDATE login_failures SET last_failed_at = last_failed_at - INTERVAL 5 SECOND")
    log_in(at, "ana", PASSWORD)
    assert not at.exception and at.title[0].value == "Review"
    assert "Logged in as ana \\(reviewer\\)" in at.sidebar.markdown[0].value
    assert not at.sidebar.text_input  # no name to type: the account's is on every verdict
    at.sidebar.button(key="logout").click().run()
    assert "user" not in at.session_state and at.title[0].value == "Claim workbench"


def test_without_accounts_the_ui_asks_only_for_a_name(tmp_path, monkeypatch):
    store = Store(tmp_path / "solo.duckdb")
    load_demo(store)
    monkeypatch.setenv("WORKBENCH_DB", str(store.path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert at.title[0].value == "Review" and at.sidebar.text_input(key="reviewer").value == ""


@pytest.mark.parametrize("name", ["review", "settings", "accounts", "export"])
def test_a_page_run_without_a_login_shows_nothing_of_the_database(team_db, name):
    at = page(name, None)
    assert not at.exception and not at.title
    assert at.warning[0].value == "Log in first: this database has accounts."


@pytest.mark.parametrize("user, opens, refuses", [
    ("ana", ["review", "documents", "sources", "dashboard"], ["imports", "export", "assign", "signoff", "sql", "settings",
                                                            "accounts"]),
    ("eve", ["review", "imports", "export", "assign", "signoff"], ["sql", "settings", "accounts"]),
    ("ada", ["review", "export", "sql", "settings", "accounts"], []),
])
def test_each_role_opens_its_pages_and_is_refused_the_others(team_db, user, opens, refuses):
    for name in opens:
        at = page(name, user)
        assert not at.exception and at.title and not at.error, name
    for name in refuses:
        at = page(name, user)
        assert not at.title, name
        assert "is for the role" in at.error[0].value and f"{user} is a" in at.error[0].value, name


def test_a_reviewer_cannot_add_sources_an_editor_can(team_db):
    assert not page("sources", "ana").get("file_uploader")
    assert page("sources", "eve").get("file_uploader")


def test_a_verdict_is_given_in_the_logged_in_accounts_name(team_db):
    team.assign(team_db, "eve", "ana", document_id=team_db.value("SELECT id FROM documents WHERE kind = 'article'"))
    at = ui_page("review", reviewer="somebody else", user="ana")  # a name typed earlier counts for nothing
    claim_id = at.session_state["current_claim"]
    at.button(key="verdict_refuted").click().run()
    assert not at.exception
    assert team_db.records("SELECT claim_id, reviewer, verdict FROM reviews") == [
        {"claim_id": claim_id, "reviewer": "ana", "verdict": "refuted"}]


def test_a_disabled_account_is_logged_out_at_its_next_page(team_db):
    team.disable_user(team_db, "ana")
    at = page("review", "ana")
    assert not at.title and "user" not in at.session_state


def test_an_admin_adds_and_disables_accounts_on_the_accounts_page(team_db):
    at = page("accounts", "ada")
    at.text_input(key="account_name").input("zoe")
    at.selectbox(key="account_role").select("editor")
    at.text_input(key="account_password").input(PASSWORD)
    at.text_input(key="account_password_again").input(PASSWORD)
    at.button(key="account_add_submit").click().run()
    assert not at.exception
    assert team.login(team_db, "zoe", PASSWORD).role == "editor"
    assert PASSWORD not in str([e.proto for e in at.main])
    at.selectbox(key="account_pick").select("zoe")
    at.button(key="account_disable").click().run()
    assert not at.exception
    assert not next(account for account in team.users(team_db) if account.name == "zoe").enabled


def test_the_ui_stays_on_this_machine_until_there_is_an_account(cli, db_path):
    result = cli("ui", "--host", "0.0.0.0")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (f"error: --host 0.0.0.0 would let anyone on the network give verdicts in {db_path}, "
                             "which has no account; add one first: workbench users add NAME --role admin\n")


# -- assignment ------------------------------------------------------------------------------------------

def claim_ids(store: Store) -> list[int]:
    return [row["claim_id"] for row in store.records("SELECT claim_id FROM claims_v ORDER BY claim_id")]


def queue_key(at: AppTest) -> str:
    return next(radio.key for radio in at.radio if radio.key.startswith("queue_pick_"))


def test_a_reviewers_queue_opens_on_what_is_assigned_to_them_then_the_open_pool(team_db):
    first, second, third = claim_ids(team_db)[:3]
    team.assign(team_db, "eve", "ana", where=f"claim_id IN ({first}, {third})")
    team.assign(team_db, "eve", "ada", where=f"claim_id = {second}")
    at = page("review", "ana")
    assert at.radio(key="f_queue").value == "mine" and at.radio(key="f_queue").options == [
        "Assigned to me", "Open pool (assigned to nobody)", "Second review (blind)"]
    assert len(at.radio(key=queue_key(at)).options) == 2 and at.session_state["current_claim"] in (first, third)
    at.radio(key="f_queue").set_value("pool").run()
    pool = len(at.radio(key=queue_key(at)).options)
    assert pool == min(len(claim_ids(team_db)) - 3, 25)
    assert at.session_state["current_claim"] not in (first, second, third)
    set_profile(team_db, {"open_pool": "no"})
    st.cache_data.clear()  # as the Settings page does after saving
    assert page("review", "ana").radio(key="f_queue").options == ["Assigned to me", "Second review (blind)"]
    assert page("review", "eve").radio(key="f_queue").options == [
        "Assigned to me", "Open pool (assigned to nobody)", "All claims", "Second review (blind)"]


def test_a_claim_sent_back_shows_its_note_and_someone_elses_claim_refuses_a_verdict(team_db):
    first, second = claim_ids(team_db)[:2]
    team.assign(team_db, "eve", "ana", where=f"claim_id = {first}")
    team.assign(team_db, "eve", "ada", where=f"claim_id = {second}")
    at = page("review", "ana")
    at.button(key="verdict_supported").click().run()
    assert page("review", "ana").info[0].value == "Nothing assigned to you awaits a verdict."
    team.send_back(team_db, first, "eve", "the <b>notice</b> says 50%")
    st.cache_data.clear()  # another session's write: seen here once the cached reads expire
    at = page("review", "ana")
    assert at.session_state["current_claim"] == first
    assert at.warning[0].value == "Sent back for correction by eve\\: the &lt;b&gt;notice&lt;\\/b&gt; says 50\\%"
    history = next(e.label for e in at.expander if e.label.startswith("History"))
    assert history == "History (1 verdicts, 0 corrections, 2 assignments, 0 sign-offs and second reviews)"
    at = page("review", "ana", open_claim=second)
    at.button(key="verdict_refuted").click().run()
    assert team_db.records("SELECT count(*) AS n FROM reviews WHERE claim_id = ?", [second]) == [{"n": 0}]


def test_an_editor_assigns_an_article_and_sends_a_claim_back_on_the_assign_page(team_db):
    at = page("assign", "eve")
    assert not at.exception and at.selectbox(key="assign_to").options == ["ada", "ana", "eve"]
    at.selectbox(key="assign_to").select("ana")
    at.button(key="assign_submit").click().run()
    assert not at.exception
    assigned = team_db.records("SELECT reviewer, assigned_by, count(*) AS n FROM assignments_v GROUP BY ALL")
    assert assigned == [{"reviewer": "ana", "assigned_by": "eve", "n": len(claim_ids(team_db))}]
    assert at.dataframe[0].value.to_dict("records") == [
        {"reviewer": "ana", "pending": len(claim_ids(team_db)), "sent_back": 0, "done": 0}]
    at.radio(key="assign_by").set_value("filter").run()
    at.text_area(key="assign_filter").input("claim_id IN (SELECT 1 FROM users)")
    at.selectbox(key="assign_to").select("ada")
    at.button(key="assign_submit").click().run()
    assert team_db.records("SELECT DISTINCT reviewer FROM assignments") == [{"reviewer": "ana"}]
    claim = claim_ids(team_db)[0]
    save_verdict(team_db, claim, "ana", "supported")
    at.number_input(key="send_back_claim").set_value(claim)
    at.text_input(key="send_back_note").input("which notice?")
    at.button(key="send_back_submit").click().run()
    assert not at.exception
    assert team_db.records("SELECT reviewer, assigned_by, state, note FROM assignments_v WHERE claim_id = ?",
                           [claim]) == [{"reviewer": "ana", "assigned_by": "eve", "state": "sent_back",
                                         "note": "which notice?"}]


def test_a_reviewer_cannot_rule_out_someone_elses_claim_on_the_documents_page(team_db):
    first = claim_ids(team_db)[0]
    team.assign(team_db, "eve", "ada", where=f"claim_id = {first}")
    at = page("documents", "ana")
    at.button(key=f"notclaim_{first}").click().run()
    assert not at.exception and "is assigned to ada" in at.toast[0].value
    assert team_db.records("SELECT count(*) AS n FROM reviews") == [{"n": 0}]
