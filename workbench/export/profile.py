"""The publisher profile: who publishes the fact-checks, set once and stored in the database.

A ClaimReview names the organisation as its ``author`` and ``publisher``, takes its ``url`` from
``factcheck_url`` and its ``inLanguage`` from ``language``. ``workbench config`` and the Settings page set
these keys through :func:`set_profile`, which checks every value before anything is stored; an empty value
unsets a key (back to its default, if it has one).

| key | what | default |
|---|---|---|
| ``org.name`` | the organisation that publishes the fact-checks (needed to export ClaimReview) | |
| ``org.url`` | its home page, http or https | |
| ``org.logo`` | its logo, http or https | |
| ``factcheck_url`` | where each fact-check is published, with ``{claim_id}`` (needed to export ClaimReview) | |
| ``language`` | the fact-checks' language, a BCP 47 tag (``en``, ``hi``, ``pt-BR``) | ``en`` |
| ``author`` | ``organisation``, or ``reviewer`` to name the reviewer as a Person beside it | ``organisation`` |
| ``open_pool`` | ``yes``: a reviewer may also take claims nobody is assigned; ``no``: only their own | ``yes`` |
| ``second_review`` | the percentage of decided claims that also go to a second, blind reviewer | ``0`` |
| ``signoff`` | ``required``: with accounts, ClaimReview exports only signed-off verdicts; ``optional``: every one | ``required`` |
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.errors import PROFILE, WorkbenchError
from workbench.ingest.readers import web_url
from workbench.store import profile as stored
from workbench.store.db import Store

CLAIM_ID = "{claim_id}"
#: A BCP 47 tag as publishers write them: a language, then subtags (script, region, variant).
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


@dataclass(frozen=True)
class Setting:
    """One key of the profile: its name on the Settings page, what it is, its default and its choices."""

    key: str
    label: str
    about: str
    default: str | None = None
    choices: tuple[str, ...] = ()


SETTINGS = {setting.key: setting for setting in (
    Setting("org.name", "Organisation", "who publishes the fact-checks"),
    Setting("org.url", "Organisation URL", "its home page, http or https"),
    Setting("org.logo", "Logo URL", "its logo, http or https"),
    Setting("factcheck_url", "Fact-check URL",
            "where each fact-check is published, e.g. https://example.org/fact-checks/{claim_id}"),
    Setting("language", "Language", "the language of the fact-checks, a BCP 47 tag such as en, hi or pt-BR", "en"),
    Setting("author", "Author", "organisation, or reviewer to name the reviewer as a Person beside it",
            "organisation", ("organisation", "reviewer")),
    Setting("open_pool", "Open pool", "yes: a reviewer may also take claims nobody is assigned; no: only their own",
            "yes", ("yes", "no")),
    Setting("second_review", "Second review (%)",
            "the percentage of decided claims (0 to 100) that also go to a second, blind reviewer", "0"),
    Setting("signoff", "Sign-off", "required: with accounts, ClaimReview exports only the verdicts an editor signed "
            "off; optional: every verdict", "required", ("required", "optional")),
)}
#: What a ClaimReview cannot be published without.
REQUIRED = ("org.name", "factcheck_url")


def fill(template: str, claim_id: int) -> str:
    """A fact-check's address: the ``factcheck_url`` template with the claim's id in it."""
    return template.replace(CLAIM_ID, str(claim_id))


def _problem(key: str, value: str) -> str | None:
    """Why ``value`` cannot be ``key``'s (a known key), or None when it can."""
    setting = SETTINGS[key]
    if key in ("org.url", "org.logo", "factcheck_url") and (" " in value or web_url(fill(value, 1)) is None):
        return f"{key} must be an http or https address, not {value!r}"
    if key == "factcheck_url" and CLAIM_ID not in value:
        return f"factcheck_url must contain {CLAIM_ID}, where each claim's id goes, not {value!r}"
    if key == "language" and not LANGUAGE_TAG.fullmatch(value):
        return f"language must be a BCP 47 tag such as en, hi or pt-BR, not {value!r}"
    if key == "second_review" and not (value.isdigit() and int(value) <= 100):
        return f"second_review must be a whole percentage from 0 to 100, not {value!r}"
    if setting.choices and value not in setting.choices:
        return f"{key} must be {' or '.join(setting.choices)}, not {value!r}"
    return None


def known(key: str) -> Setting:
    """The setting named ``key``; an unknown key is refused with the known ones."""
    if key not in SETTINGS:
        raise WorkbenchError(f"unknown setting {key!r} (one of {', '.join(SETTINGS)})")
    return SETTINGS[key]


def set_profile(store: Store, values: dict[str, str | None]) -> dict[str, str | None]:
    """Set keys (on one line, trimmed; empty or None unsets), all or none: every value is checked first and one
    error names each that is refused. Returns what was stored, None for each key unset."""
    cleaned = {known(key).key: " ".join((value or "").split()) or None for key, value in values.items()}
    problems = [problem for key, value in cleaned.items() if value is not None and (problem := _problem(key, value))]
    if problems:
        raise WorkbenchError("; ".join(problems))
    stored.set_profile_values(store, cleaned)
    return cleaned


def read_profile(store: Store) -> dict[str, str]:
    """The keys that have a value (set, or by default), in the order of :data:`SETTINGS`."""
    values = stored.profile_values(store)
    in_force = {key: values.get(key, setting.default) for key, setting in SETTINGS.items()}
    return {key: value for key, value in in_force.items() if value is not None}


def publishing_profile(store: Store) -> dict[str, str]:
    """The profile, when it holds what a ClaimReview needs (:data:`REQUIRED`); else an error naming what is not set."""
    profile = read_profile(store)
    missing = [f"{key} ({SETTINGS[key].about})" for key in REQUIRED if key not in profile]
    if missing:
        raise WorkbenchError(f"ClaimReview needs {' and '.join(missing)} in the publisher profile", PROFILE)
    return profile
