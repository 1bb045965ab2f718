"""Settings: the publisher profile ClaimReview is published under, as `workbench config` sets it."""
from __future__ import annotations

import streamlit as st

from workbench.errors import WorkbenchError
from workbench.export.profile import REQUIRED, SETTINGS, fill, read_profile, set_profile
from workbench.ui import common
from workbench.ui.components import md

CHOICES = {"organisation": "The organisation", "reviewer": "The organisation and the reviewer",
           "yes": "Reviewers may also take claims nobody is assigned", "no": "Reviewers review only their own",
           "required": "Only verdicts an editor signed off (with accounts)", "optional": "Every verdict"}


def widget_key(name: str) -> str:
    return "settings_" + name.replace(".", "_")


common.setup("Settings")
st.subheader("Publisher profile")
st.caption("Every ClaimReview export names this organisation as its author and publisher, and gives each "
           "fact-check the address of the fact-check URL with the claim's id in place of {claim_id}. "
           "Organisation and fact-check URL are needed before ClaimReview can be exported.")
profile = common.read(common.db_path(), read_profile)
with st.form("settings_profile"):
    for name, setting in SETTINGS.items():
        if setting.choices:
            st.radio(setting.label, setting.choices, index=setting.choices.index(profile[name]),
                     format_func=lambda choice: CHOICES.get(choice, choice), key=widget_key(name),
                     help=md(setting.about))
        else:
            st.text_input(setting.label, value=profile.get(name, ""), key=widget_key(name), help=md(setting.about),
                          placeholder=setting.default or "")
    saved = st.form_submit_button("Save", key="settings_save", type="primary")
if saved:
    try:
        set_profile(common.store(), {name: st.session_state[widget_key(name)] for name in SETTINGS})
    except WorkbenchError as error:
        common.show_error(error, "Not saved: ")
    else:
        common.changed()
        profile = read_profile(common.store())
        st.success("Publisher profile saved.")
missing = [SETTINGS[name].label for name in REQUIRED if name not in profile]
if missing:
    st.info(md(f"Still needed before ClaimReview can be exported: {' and '.join(missing)}."))
else:
    st.caption(md(f"Claim 1's fact-check address: {fill(profile['factcheck_url'], 1)}"))
