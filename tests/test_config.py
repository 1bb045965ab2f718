"""``workbench config``: the publisher profile, set once, checked, kept in the database."""
from __future__ import annotations

import pytest

from workbench.errors import WorkbenchError
from workbench.export.profile import read_profile, set_profile


def test_config_sets_checks_and_lists_the_profile(cli):
    assert cli("config", "get", "language").stdout == "en\n"                    # a default
    result = cli("config", "get", "org.name")
    assert result.exit_code == 1 and result.stdout == "" and "not set" in result.stderr
    assert cli("config", "set", "org.name", "  Example   Fact Check ").exit_code == 0
    assert cli("config", "get", "org.name").stdout == "Example Fact Check\n"
    refused = {("org.url", "javascript:alert(1)"): "org.url must be an http or https address",
               ("org.logo", "example.org/logo.png"): "org.logo must be an http or https address",
               ("factcheck_url", "https://example.org/fact-checks/"): "factcheck_url must contain {claim_id}",
               ("factcheck_url", "ftp://example.org/{claim_id}"): "factcheck_url must be an http or https address",
               ("language", "English"): "language must be a BCP 47 tag",
               ("author", "ana"): "author must be organisation or reviewer",
               ("open_pool", "sometimes"): "open_pool must be yes or no",
               ("second_review", "20%"): "second_review must be a whole percentage from 0 to 100",
               ("org.title", "x"): "unknown setting 'org.title' (one of org.name, org.url, org.logo, factcheck_url, "
                                   "language, author, open_pool, second_review, signoff)"}
    for (key, value), message in refused.items():
        result = cli("config", "set", key, value)
        assert result.exit_code == 2 and result.stderr.startswith(f"error: {message}"), result.stderr
        assert len(result.stderr.splitlines()) == 1
    assert cli("config", "get", "org.title").exit_code == 2
    listing = cli("config", "list").stdout
    assert "org.name       Example Fact Check" in listing and "author         organisation" in listing
    assert cli("config", "set", "org.name", "").exit_code == 0                   # empty: unset
    assert cli("config", "get", "org.name").exit_code == 1


def test_a_profile_is_saved_whole_or_not_at_all(store):
    with pytest.raises(WorkbenchError, match=r"^org\.url must be an http or https address, not 'example\.org'; "
                                             r"language must be a BCP 47 tag"):
        set_profile(store, {"org.name": "Example Fact Check", "org.url": "example.org", "language": "??"})
    assert read_profile(store) == {"language": "en", "author": "organisation", "open_pool": "yes",
                                   "second_review": "0", "signoff": "required"}  # the defaults
    set_profile(store, {"org.name": "Example Fact Check", "language": " pt-BR "})
    assert read_profile(store) == {"org.name": "Example Fact Check", "language": "pt-BR", "author": "organisation",
                                   "open_pool": "yes", "second_review": "0", "signoff": "required"}
