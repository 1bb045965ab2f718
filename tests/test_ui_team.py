"""The review UI with accounts (AppTest): the login before any page, each role's pages, the account's name on
verdicts, the Accounts page; and `workbench ui` kept off the network until there is an account."""
from __future__ import annotations

import pytest
from conftest import ROOT
from streamlit.testing.v1 import AppTest

from workbench import team
from workbench.demo import load_demo
from workbench.store.db import Store

APP = str(ROOT / "workbench" / "ui" / "app.py")
PAGES = ROOT / "workbench" / "ui" / "views"
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
    at = AppTest.from_file(str(PAGES / f"{name}.py"), default_timeout=60)
    if user:
        at.session_state["user"] = user
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


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
    ("ana", ["review", "documents", "sources", "dashboard"], ["imports", "export", "sql", "settings", "accounts"]),
    ("eve", ["review", "imports", "export"], ["sql", "settings", "accounts"]),
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
    at = page("review", "ana", reviewer="somebody else")
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
