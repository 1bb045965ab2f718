"""Accounts: created, listed, disabled, their passwords changed and checked, failed logins slowed down."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from workbench import team
from workbench.errors import WorkbenchError
from workbench.store.db import Store
from workbench.team import LoginRefused

PASSWORD = "correct horse battery"


def test_an_account_logs_in_with_its_password_and_the_database_holds_only_a_hash(store):
    assert not team.accounts_required(store)
    account = team.add_user(store, "ana", "reviewer", PASSWORD)
    assert (account.name, account.role, account.enabled) == ("ana", "reviewer", True)
    assert team.accounts_required(store)
    assert team.login(store, "ana", PASSWORD).name == "ana"
    with store.read() as con:
        stored = con.execute("SELECT password_hash FROM users WHERE name = 'ana'").fetchone()[0]
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


@pytest.mark.parametrize("name, password", [("ana", "wrong password"), ("nobody", PASSWORD)])
def test_a_wrong_password_and_an_unknown_name_are_refused_alike(store, name, password):
    team.add_user(store, "ana", "reviewer", PASSWORD)
    with pytest.raises(LoginRefused, match=f"name or password not recognised for '{name}'"):
        team.login(store, name, password)


def test_each_failed_login_makes_the_next_attempt_wait_longer(store):
    team.add_user(store, "ana", "reviewer", PASSWORD)
    assert [team.login_wait(n) for n in range(4)] == [0.0, 1.0, 2.0, 4.0]
    assert team.login_wait(50) == team.MAX_LOGIN_WAIT_S
    start = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for failures in range(3):
        with pytest.raises(LoginRefused, match="not recognised"):
            team.login(store, "ana", "wrong password", now=start + dt.timedelta(seconds=10 * failures))
    later = start + dt.timedelta(seconds=21)  # the third failure asks for 4 s: even the right password waits
    with pytest.raises(LoginRefused, match=r"too many failed logins as 'ana'; wait \d+ s"):
        team.login(store, "ana", PASSWORD, now=later)
    assert team.login(store, "ana", PASSWORD, now=later + dt.timedelta(seconds=30)).name == "ana"
    assert team.login(store, "ana", PASSWORD).name == "ana"  # a success forgets the failures


def test_a_disabled_account_cannot_log_in_and_no_longer_requires_logins(store):
    team.add_user(store, "ana", "admin", PASSWORD)
    team.disable_user(store, "ana")
    assert not team.accounts_required(store)
    with pytest.raises(LoginRefused):
        team.login(store, "ana", PASSWORD)


def test_roles_include_the_ones_before_them():
    assert team.allows("admin", "editor") and team.allows("editor", "reviewer") and team.allows(None, "admin")
    assert not team.allows("reviewer", "editor") and not team.allows("editor", "admin")


def test_users_commands_add_list_change_and_disable_without_showing_a_password(cli, db_path):
    result = cli("users", "add", "ana", "--role", "editor", "--password-stdin", input=PASSWORD + "\n")
    assert result.exit_code == 0 and result.stderr == "account ana added (editor)\n"
    assert PASSWORD not in result.stdout + result.stderr
    listed = json.loads(cli("users", "list", "--format", "json").stdout)
    assert [(row["name"], row["role"], row["enabled"]) for row in listed] == [("ana", "editor", True)]
    assert set(listed[0]) == {"name", "role", "enabled", "created_at", "updated_at"}
    assert cli("users", "passwd", "ana", "--password-stdin", input="another passphrase\n").exit_code == 0
    assert team.login(Store(db_path), "ana", "another passphrase").name == "ana"
    assert cli("users", "disable", "ana").stderr == "account ana disabled\n"
    assert not team.accounts_required(Store(db_path))


def test_the_password_prompt_asks_twice_and_echoes_nothing(cli, db_path):
    result = cli("users", "add", "ben", "--role", "reviewer", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0 and PASSWORD not in result.stdout + result.stderr
    assert team.login(Store(db_path), "ben", PASSWORD).role == "reviewer"


@pytest.mark.parametrize("args, stdin, message", [
    (("users", "add", "ana", "--role", "reviewer", "--password-stdin"), "short\n",
     "error: the password must be at least 8 characters long\n"),
    (("users", "add", "a;b", "--role", "reviewer", "--password-stdin"), PASSWORD + "\n",
     "error: account name 'a;b' must be 1 to 64 letters, digits, spaces or . _ - @\n"),
    (("users", "disable", "zoe"), None,
     ("error: no account named 'zoe'; workbench users list shows the accounts; "
     "workbench users add NAME --role ROLE creates one\n")),
])
def test_bad_account_requests_are_one_line_errors(cli, args, stdin, message):
    result = cli(*args, input=stdin)
    assert result.exit_code == 2 and result.stderr == message


def test_a_name_is_taken_once(cli):
    cli("users", "add", "ana", "--role", "reviewer", "--password-stdin", input=PASSWORD + "\n")
    result = cli("users", "add", "ana", "--role", "admin", "--password-stdin", input=PASSWORD + "\n")
    assert result.stderr == "error: account 'ana' already exists; choose another name, or change its password\n"


def test_the_last_enabled_admin_of_a_desk_stays(store):
    team.add_user(store, "ada", "admin", PASSWORD)
    team.add_user(store, "ana", "reviewer", PASSWORD)
    with pytest.raises(WorkbenchError, match="^ada is the last enabled admin; add another admin before disabling ada$"):
        team.disable_user(store, "ada")
    team.disable_user(store, "ana")
    team.disable_user(store, "ada")  # the very last account: the database is one person's again
    assert not team.accounts_required(store)
