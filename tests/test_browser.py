"""One real-browser test: a reviewer logs in and checks the "four Chinese troops" claim with the keyboard only.

Runs `workbench ui` on a fresh demo database of a desk (a reviewer with every claim assigned, an editor who
signs off) and drives Debian's Chromium with Playwright. Skipped
when Chromium is not installed, unless WORKBENCH_REQUIRE_BROWSER is set (as in CI), where it fails.
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from claimreview_check import check_claim_reviews
from conftest import ROOT, running_ui

from workbench import team
from workbench.demo import load_demo
from workbench.export.claimreview import claim_reviews
from workbench.export.profile import set_profile
from workbench.store import reviews
from workbench.store.db import Store

CHROMIUM = "/usr/bin/chromium"
REVIEWER, EDITOR, PASSWORD = "Playwright Reviewer", "Playwright Editor", "a browser's passphrase"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
    if os.environ.get("WORKBENCH_REQUIRE_BROWSER"):
        pytest.fail("Chromium is required here (WORKBENCH_REQUIRE_BROWSER is set): apt-get install -y chromium",
                    pytrace=False)
    pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)", allow_module_level=True)

from playwright.sync_api import expect, sync_playwright


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`workbench ui` on a fresh demo database; yields (base URL, store)."""
    store = Store(tmp_path_factory.mktemp("browser") / "browser.duckdb")
    load_demo(store)
    team.add_user(store, REVIEWER, "reviewer", PASSWORD)
    team.add_user(store, EDITOR, "editor", PASSWORD)
    team.assign(store, EDITOR, REVIEWER, document_id=store.value("SELECT id FROM documents WHERE kind = 'article'"))
    with running_ui(store.path) as port:
        yield f"http://127.0.0.1:{port}", store


def wait_until_idle(page) -> None:
    """Until the app's script has finished its rerun (Streamlit marks its root with the state)."""
    page.wait_for_timeout(150)
    expect(page.locator("[data-testid=stApp][data-test-script-state=notRunning]")).to_have_count(1)


def press(page, key: str, until=None) -> None:
    """Press a key once the app is idle, as a reviewer would; if ``until`` (an expectation) is not met
    within 8 s, the key was lost in a rerun on a busy machine and is pressed once more."""
    for attempt in range(2):
        wait_until_idle(page)
        page.keyboard.press(key)
        if until is None:
            return
        try:
            until(8_000)
            return
        except AssertionError:
            if attempt:
                raise


def highlighted_figure(page):
    """The figure highlighted in the current claim's sentence."""
    return page.locator(".wb-text .wb-figure").first


def test_review_the_four_chinese_troops_claim_with_the_keyboard(server):
    url, store = server
    with store.read() as con:
        four = con.execute("SELECT claim_id FROM claims_v WHERE quantity = 'four'").fetchone()[0]
        tass, tass_rank = con.execute("SELECT passage_id, rank FROM matches_v WHERE claim_id = ? "
                                      "AND source = 'tass-report'", [four]).fetchone()
    queue = [row["claim_id"] for row in reviews.queue(store, reviews.QueueFilter(), limit=100)]
    skips = queue.index(four)  # the queue is most check-worthy first
    ARTIFACTS.mkdir(exist_ok=True)
    expect.set_options(timeout=15_000)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})  # a laptop screen
        page.goto(url)
        expect(page.get_by_test_id("stApp")).to_be_visible()

        # The desk has accounts: a login first, then the Review page on the claims assigned to the reviewer.
        fields = page.get_by_test_id("stTextInput").locator("input")
        fields.nth(0).fill(REVIEWER)
        fields.nth(1).fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(highlighted_figure(page)).to_be_visible()
        expect(page.get_by_test_id("stSidebar")).to_contain_text(f"Logged in as {REVIEWER}")
        page.wait_for_function("window.__wbShortcutListener !== undefined")  # the page's shortcuts are live
        wait_until_idle(page)
        page.evaluate("document.activeElement.blur()")  # nothing focused: single keys are shortcuts
        expect(page.locator(".st-key-verdict_refuted button:enabled")).to_have_count(1)
        assert page.evaluate("document.activeElement.tagName") == "BODY"

        # n skips to the next claim, as often as it takes to reach the one about four Chinese troops.
        header = page.locator("[data-testid=wb-claim-header]")
        for position in range(1, skips + 1):
            press(page, "n", lambda wait, claim=queue[position]: expect(header).to_contain_text(
                f"Claim {claim} ", timeout=wait))
        # The header arrives before the sentence below it in the same rerun: wait for both.
        wait_until_idle(page)
        expect(highlighted_figure(page)).to_have_text("four")
        expect(page.locator(".wb-text").first).to_contain_text("four Chinese troops")

        # j moves through the evidence, one passage per press, to the contradicting TASS report; x picks it.
        cursor = page.locator(".wb-cursor")
        for position in range(2, tass_rank + 1):
            passage = page.locator(".wb-passage").nth(position - 1)
            press(page, "j", lambda wait, passage=passage: expect(passage).to_have_class("wb-passage wb-cursor",
                                                                                           timeout=wait))
        expect(cursor).to_contain_text("tass-report")
        expect(cursor).to_contain_text("contradicts")
        press(page, "x")
        wait_until_idle(page)
        header.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "review-page.png"))  # the README's picture (docs/review-page.png)
        expect(page.get_by_test_id("stCheckbox").nth(tass_rank - 1).locator("input")).to_be_checked()
        page.locator(".wb-cursor").scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "review.png"))
        # Every button shows its whole label and its key at this width (none cut to "Undo las…").
        cut = page.evaluate("""[...document.querySelectorAll('[data-testid=stMain] button')]
            .filter(b => b.offsetParent !== null)
            .filter(b => [...b.querySelectorAll('p, div')].some(e => e.scrollWidth > e.clientWidth + 1))
            .map(b => b.innerText)""")
        assert cut == [], f"labels cut at 1280 px: {cut}"

        # 2: Refuted, saved, and on to the next claim.
        before = header.inner_text()
        press(page, "2")
        expect(header).not_to_have_text(before)
        browser.close()

    with store.read() as con:
        rows = con.execute("SELECT reviewer, action, verdict, evidence FROM reviews WHERE claim_id = ?",
                           [four]).fetchall()
    assert len(rows) == 1
    reviewer, action, verdict, evidence = rows[0]
    assert (reviewer, action, verdict) == (REVIEWER, "verdict", "refuted")
    assert tass in json.loads(evidence)["passages"]

    # Published once the editor signs it off: the verdict as ClaimReview, under the desk's name, citing the
    # TASS report, wording the claim.
    set_profile(store, {"org.name": "Example Fact Check", "org.url": "https://factcheck.example.org",
                        "factcheck_url": "https://factcheck.example.org/claims/{claim_id}"})
    assert claim_reviews(store) == []
    team.sign_off(store, [four], EDITOR)
    published = claim_reviews(store)
    check_claim_reviews(published)
    [refuted] = [r for r in published if r["url"].endswith(f"/claims/{four}")]
    assert refuted["reviewRating"]["alternateName"] == "Refuted"
    assert refuted["publisher"]["name"] == refuted["author"]["name"] == "Example Fact Check"
    assert "four Chinese troops" in refuted["claimReviewed"] and len(refuted["claimReviewed"]) < 120
    assert "tass-report" in [c["name"] for c in refuted["citation"]]
