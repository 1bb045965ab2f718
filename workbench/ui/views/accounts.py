"""Accounts: who may log in and with which role, as `workbench users` manages them (an admin's page)."""
from __future__ import annotations

import streamlit as st

from workbench import team
from workbench.errors import WorkbenchError
from workbench.ui import common
from workbench.ui.components import md

common.setup("Accounts")
common.show_flash()
state = st.session_state
st.caption("Once one account is enabled, everyone logs in, and each page is open to the roles that need it: "
           "reviewers give verdicts; editors also import, assign and export; admins also manage accounts, the "
           "publisher profile and SQL. Passwords are stored only as argon2 hashes.")
listed = common.read(common.db_path(), team.users)
if listed:
    st.dataframe([{"name": a.name, "role": a.role, "enabled": a.enabled, "created": a.created_at,
                   "changed": a.updated_at} for a in listed], hide_index=True, width="stretch", key="accounts_table")
else:
    st.info("No accounts yet: the UI is open to whoever runs it. The first account should be an admin's.")


def add_account() -> None:
    if state["account_password"] != state["account_password_again"]:
        common.flash("Not added: the two passwords differ.", "⚠️")
        return
    try:
        account = team.add_user(common.store(), state["account_name"], state["account_role"],
                                state["account_password"])
    except WorkbenchError as error:
        common.flash(f"Not added: {error}", "⚠️")
        return
    finally:
        state["account_password"] = state["account_password_again"] = ""
    common.changed()
    common.flash(f"Account {account.name} added ({account.role}).")


def change_account(action: str) -> None:
    name = state["account_pick"]
    try:
        if action == "disable":
            team.disable_user(common.store(), name)
        else:
            team.set_password(common.store(), name, state["account_new_password"])
    except WorkbenchError as error:
        common.flash(f"Not changed: {error}", "⚠️")
        return
    finally:
        state["account_new_password"] = ""
    common.changed()
    common.flash(f"Account {name} disabled." if action == "disable" else f"Password of {name} changed.")


st.subheader("Add an account")
with st.form("account_add"):
    columns = st.columns(2)
    columns[0].text_input("Name", key="account_name")
    columns[1].selectbox("Role", team.ROLES, key="account_role")
    columns = st.columns(2)
    columns[0].text_input("Password", type="password", key="account_password")
    columns[1].text_input("Password again", type="password", key="account_password_again")
    st.form_submit_button("Add account", key="account_add_submit", on_click=add_account)

enabled = [a.name for a in listed if a.enabled]
if enabled:
    st.subheader("Change an account")
    st.selectbox("Account", enabled, key="account_pick", format_func=md)
    st.text_input("New password", type="password", key="account_new_password")
    columns = st.columns(2)
    columns[0].button("Set password", key="account_passwd", on_click=change_account, args=("passwd",))
    columns[1].button("Disable", key="account_disable", on_click=change_account, args=("disable",),
                      help="It can no longer log in; its verdicts stay attributed to it.")
