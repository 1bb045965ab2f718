"""``workbench ui`` serves the review UI on 127.0.0.1 with the claims of the database."""
from __future__ import annotations

import pytest
from conftest import ROOT, running_ui
from streamlit.testing.v1 import AppTest

APP = str(ROOT / "workbench" / "ui" / "app.py")


def listening_addresses(port: int) -> set[str]:
    """IPv4/IPv6 addresses with a socket listening on ``port``, read from /proc/net (no tools needed)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as handle:
            for line in handle.readlines()[1:]:
                local, state = line.split()[1], line.split()[3]
                address, port_hex = local.split(":")
                if state == "0A" and int(port_hex, 16) == port:
                    if len(address) == 8:
                        found.add(".".join(str(int(address[i:i + 2], 16)) for i in (6, 4, 2, 0)))
                    else:
                        found.add("::" if set(address) == {"0"} else address)
    return found


def test_app_opens_on_the_review_page_with_a_reviewer_field(cli, db_path, monkeypatch):
    cli("demo")
    monkeypatch.setenv("WORKBENCH_DB", str(db_path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "Review"
    assert at.sidebar.text_input(key="reviewer").value == ""
    assert "test\\.duckdb" in at.sidebar.caption[0].value  # escaped for Markdown


def test_the_settings_page_is_in_the_navigation(cli, db_path, monkeypatch):
    cli("config", "set", "org.name", "Example Fact Check")
    monkeypatch.setenv("WORKBENCH_DB", str(db_path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("views/settings.py").run()
    assert not at.exception and at.title[0].value == "Settings"
    assert at.text_input(key="settings_org_name").value == "Example Fact Check"


@pytest.mark.slow
def test_ui_command_binds_localhost_and_serves(cli, db_path):
    cli("demo")
    with running_ui(db_path) as port:
        assert listening_addresses(port) == {"127.0.0.1"}


def test_a_taken_port_is_named_with_its_holder_before_anything_is_announced(cli):
    import os
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli("ui", "--port", str(port))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"error: port {port} on 127.0.0.1 is taken by process {os.getpid()} (")
    assert result.stderr.rstrip().endswith(f"choose another with --port, e.g. --port {port + 1}")
    assert "review UI on" not in result.stderr
