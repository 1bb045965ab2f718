"""The review UI, page by page, headless (Streamlit's AppTest)."""
from __future__ import annotations

import json
import subprocess
import threading
import time

import pytest
from claimreview_check import check_claim_reviews
from conftest import ROOT, WORKBENCH, subprocess_env
from streamlit.testing.v1 import AppTest

from workbench.demo import load_demo
from workbench.export.claimreview import claim_wording
from workbench.export.profile import read_profile, set_profile
from workbench.ingest.importer import import_records
from workbench.ingest.readers import Record
from workbench.store.db import Store
from workbench.store.reviews import claim_detail
from workbench.ui.components import RELATION_COLOURS

PAGES = ROOT / "workbench" / "ui" / "views"
HOSTILE = ('At least 12 people <img src=x onerror="alert(1)"> were hurt <script>alert(2)</script> '
           'in ![pic](http://evil.example/x.png) [a link](http://evil.example) $x^2$ :red[attack] **bold**.')


@pytest.fixture
def demo_db(tmp_path, monkeypatch) -> Store:
    store = Store(tmp_path / "ui.duckdb")
    load_demo(store)
    monkeypatch.setenv("WORKBENCH_DB", str(store.path))
    return store


def page(name: str, reviewer: str | None = "ana", **state) -> AppTest:
    at = AppTest.from_file(str(PAGES / f"{name}.py"), default_timeout=60)
    if reviewer:
        at.session_state["reviewer"] = reviewer
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


def html_bodies(at: AppTest) -> list[str]:
    return [element.proto.body for element in at.get("html")]


def current_claim(at: AppTest) -> int:
    return at.session_state["current_claim"]


def evidence_keys(store: Store, claim_id: int) -> list[str]:
    """The widget keys of a claim's evidence checkboxes, in rank order."""
    return [f"ev_{claim_id}_{c['passage_id']}" for c in claim_detail(store, claim_id).candidates]


def claim_id_of(store: Store, figure: str) -> int:
    with store.read() as con:
        return con.execute("SELECT claim_id FROM claims_v WHERE quantity = ?", [figure]).fetchone()[0]


def claim_count(store: Store) -> int:
    with store.read() as con:
        return con.execute("SELECT count(*) FROM claims").fetchone()[0]


def claim_row(store: Store, claim_id: int) -> dict:
    with store.read() as con:
        cursor = con.execute("SELECT * FROM claims_v WHERE claim_id = ?", [claim_id])
        return dict(zip([d[0] for d in cursor.description], cursor.fetchone()))


def reviews(store: Store) -> list[tuple]:
    with store.read() as con:
        return con.execute("SELECT claim_id, reviewer, action, verdict, note, evidence FROM reviews ORDER BY id").fetchall()


# -- Review ------------------------------------------------------------------------------------------

def test_review_shows_the_most_checkworthy_claim_with_its_figure_and_evidence(demo_db):
    at = page("review")
    assert not at.exception
    first = claim_row(demo_db, current_claim(at))
    with demo_db.read() as con:
        best = con.execute("SELECT max(checkworthiness) FROM claims_v").fetchone()[0]
    assert first["checkworthiness"] == best
    bodies = html_bodies(at)
    sentence = next(b for b in bodies if 'data-testid="wb-claim-sentence"' in b)
    assert f'<span class="wb-figure" title="the figure">{first["quantity"]}</span>' in sentence
    assert any("wb-passage" in b and "us-tariffs-india" in b for b in bodies)
    assert "Keyboard shortcuts" in [e.label for e in at.expander]


def test_a_reviewer_name_is_needed_before_the_first_verdict(demo_db):
    at = page("review", reviewer=None)
    assert all(at.button(key=f"verdict_{v}").disabled for v in ("supported", "refuted"))
    assert "Enter your name" in at.warning[0].value
    at.session_state["reviewer"] = "ana"
    at.run()
    assert not at.button(key="verdict_supported").disabled


def test_save_and_next_with_evidence_and_note_then_undo(demo_db):
    at = page("review")
    first = current_claim(at)
    candidates = evidence_keys(demo_db, first)
    chosen = int(candidates[1].rsplit("_", 1)[1])
    at.checkbox(key=candidates[1]).check()
    at.text_area(key=f"note_{first}").input("checked against the US notice")
    at.button(key="verdict_supported").click().run()
    assert not at.exception
    second = current_claim(at)
    assert second != first
    assert claim_row(demo_db, first)["status"] == "supported"
    claim_id, reviewer, action, verdict, note, evidence = reviews(demo_db)[-1]
    assert (claim_id, reviewer, action, verdict, note) == (first, "ana", "verdict", "supported",
                                                          "checked against the US notice")
    assert chosen in json.loads(evidence)["passages"]
    at.button(key="undo").click().run()
    assert claim_row(demo_db, first)["status"] == "unreviewed"
    assert current_claim(at) == first
    assert [r[2] for r in reviews(demo_db)] == ["verdict", "undo"]
    # what was entered with the verdict undone is back, to be taken up again
    assert at.text_area(key=f"note_{first}").value == "checked against the US notice"
    assert {int(k.rsplit("_", 1)[1]) for k in candidates if at.checkbox(key=k).value} == \
        set(json.loads(evidence)["passages"])


def test_back_reaches_the_claim_just_decided(demo_db):
    at = page("review")
    first = current_claim(at)
    at.button(key="verdict_refuted").click().run()
    assert current_claim(at) != first and claim_row(demo_db, first)["status"] == "refuted"
    at.button(key="back").click().run()  # the unreviewed queue no longer holds it: Back still does
    assert current_claim(at) == first
    assert "Refuted" in next(b for b in html_bodies(at) if "wb-claim-header" in b)


def test_no_verdict_is_chosen_for_the_reviewer_and_evidence_suggests_one(demo_db):
    four = claim_id_of(demo_db, "four")
    at = page("review", open_claim=four)
    assert {at.button(key=f"verdict_{v}").proto.type for v in
            ("supported", "refuted", "misleading", "unverifiable", "not_a_claim")} == {"secondary"}
    contradicting = [f"ev_{four}_{c['passage_id']}" for c in claim_detail(demo_db, four).candidates
                     if c["relation"] == "contradicts"]
    for key in evidence_keys(demo_db, four):
        at.checkbox(key=key).set_value(key in contradicting)
    at.run()
    assert "The picked evidence suggests\\: Refuted" in [c.value for c in at.caption]
    assert at.button(key="verdict_refuted").proto.type == "secondary"  # a suggestion, not a preselected button


def test_skip_back_and_the_evidence_keys(demo_db):
    at = page("review")
    first = current_claim(at)
    at.button(key="skip").click().run()
    second = current_claim(at)
    assert second != first and claim_row(demo_db, first)["status"] == "unreviewed"
    at.button(key="back").click().run()
    assert current_claim(at) == first
    passages = evidence_keys(demo_db, first)
    at.button(key="cursor_next").click().run()
    at.button(key="toggle_evidence").click().run()
    assert at.session_state["cursor"] == 1
    picked = [k for k in passages if at.session_state[k]]
    assert passages[1] in picked


def test_filters_narrow_the_queue(demo_db):
    at = page("review", f_kinds=["duration"])
    assert claim_row(demo_db, current_claim(at))["kind"] == "duration"
    assert "4 in this queue" in at.get("progress")[0].proto.text
    at = page("review", f_text="tariffs")
    assert claim_row(demo_db, current_claim(at))["quantity"] == "50%"
    at = page("review", f_status="refuted")
    assert "No claims match these filters." in at.info[0].value


def test_the_reading_says_when_a_duration_began(demo_db):
    over_30_years = claim_id_of(demo_db, "over 30 years")
    at = page("review", open_claim=over_30_years)  # as the Documents page opens a claim
    assert current_claim(at) == over_30_years
    reading = next(b for b in html_bodies(at) if 'data-testid="wb-reading"' in b)
    assert "<small>implied date</small><br>began 1990 or earlier" in reading
    assert "<small>figure</small><br>&gt; 30 years" in reading  # read by workbench.figures_text
    evidence = " ".join(b for b in html_bodies(at) if "wb-passage" in b)
    assert "over 30 years (1990 or earlier) vs 1992 → conflicts" in evidence


def test_corrections_from_the_review_page(demo_db):
    at = page("review")
    claim_id = current_claim(at)
    at.number_input(key=f"fix_value_{claim_id}").set_value(45)
    qualifier = at.selectbox(key=f"fix_qualifier_{claim_id}")
    assert "at least" in qualifier.options and "at_least" not in qualifier.options  # readable labels
    qualifier.set_value("about")
    at.button(key=f"FormSubmitter:correct_{claim_id}-Save corrections").click().run()
    assert not at.exception
    row = claim_row(demo_db, claim_id)
    assert (row["value"], row["qualifier"], row["corrected"]) == (45.0, "about", True)
    with demo_db.read() as con:
        assert con.execute("SELECT reviewer, field FROM corrections ORDER BY field").fetchall() == [
            ("ana", "qualifier"), ("ana", "value")]
    assert "Nothing changed" not in [t.value for t in at.toast]


def test_corrections_choose_from_real_fields(demo_db):
    at = page("review")
    claim_id = current_claim(at)
    kind = at.selectbox(key=f"fix_kind_{claim_id}")
    assert "percentage" in kind.options and "percent" not in kind.options  # chosen by label: nothing else typed
    assert at.number_input(key=f"fix_value_{claim_id}").value == claim_row(demo_db, claim_id)["value"]
    kind.set_value("money").run()  # the unit list follows the kind chosen, before anything is saved
    unit = at.selectbox(key=f"fix_unit_{claim_id}")  # money: a currency, chosen
    assert {"INR", "USD", "GBP"} <= set(unit.options)
    unit.set_value("INR")
    at.number_input(key=f"fix_value_{claim_id}").set_value(12e9)
    at.button(key=f"FormSubmitter:correct_{claim_id}-Save corrections").click().run()
    assert not at.exception
    row = claim_row(demo_db, claim_id)
    assert (row["kind"], row["unit"], row["value"]) == ("money", "INR", 12e9)
    at.selectbox(key=f"fix_kind_{claim_id}").set_value("count").run()
    at.text_input(key=f"fix_unit_{claim_id}").input("soldier")  # a count's noun is typed
    at.button(key=f"FormSubmitter:correct_{claim_id}-Save corrections").click().run()
    assert claim_row(demo_db, claim_id)["unit"] == "soldier"


def test_a_refused_correction_is_one_line_in_the_reviewers_words(demo_db):
    at = page("review")
    claim_id = current_claim(at)
    value = claim_row(demo_db, claim_id)["value"]
    at.number_input(key=f"fix_value_max_{claim_id}").set_value(value - 1)
    at.button(key=f"FormSubmitter:correct_{claim_id}-Save corrections").click().run()
    [toast] = at.toast
    assert toast.value == "Not saved\\: the top of a range must be above its value"
    assert claim_row(demo_db, claim_id)["corrected"] is False


def test_the_wording_to_publish_is_set_under_correct_the_reading(demo_db):
    at = page("review")
    claim_id = current_claim(at)
    field = at.text_input(key=f"fix_wording_{claim_id}")
    assert field.value == "" and field.placeholder == claim_wording(claim_row(demo_db, claim_id))  # the default
    field.input("China lost four soldiers at Galwan")
    at.button(key=f"FormSubmitter:correct_{claim_id}-Save corrections").click().run()
    assert not at.exception
    row = claim_row(demo_db, claim_id)
    assert (row["wording"], row["corrected"]) == ("China lost four soldiers at Galwan", False)  # not the reading


# -- Documents -----------------------------------------------------------------------------------------

def test_documents_highlight_claims_by_status_and_open_one(demo_db):
    at = page("documents")
    document = next(b for b in html_bodies(at) if 'data-testid="wb-document"' in b)
    four, double = claim_id_of(demo_db, "four"), claim_id_of(demo_db, "double")
    assert document.count('class="wb-claim"') == claim_count(demo_db)
    assert f'title="claim {four}: unreviewed">four</span>' in document
    assert any(">4 troops</span>" in b for b in html_bodies(at))  # the claims list reads the figure
    at.button(key=f"notclaim_{double}").click().run()
    assert claim_row(demo_db, double)["status"] == "not_a_claim"
    assert "#d9d9d9" in next(b for b in html_bodies(at) if 'data-testid="wb-document"' in b)
    at.button(key=f"open_{four}").click().run()
    assert at.session_state["open_claim"] == four


def test_documents_show_whole_words_the_date_and_a_safe_link(tmp_path, monkeypatch):
    long = ("Officials in the northern province said on Tuesday that at least 20 people were injured when the "
            "overcrowded passenger ferry capsized near the harbour entrance during the storm.")
    store = Store(tmp_path / "docs.duckdb")
    import_records(store, [Record(long, "a.txt", "Ferry", "https://example.org/ferry?a=1&b=2", "2024-03-05"),
                           Record("Five people died.", "b.txt", "Bad", "javascript:alert(1)")], match=False)
    monkeypatch.setenv("WORKBENCH_DB", str(store.path))
    at = page("documents")
    [about] = [b for b in html_bodies(at) if 'data-testid="wb-about"' in b]
    assert about == ('<div class="wb-about" data-testid="wb-about">published 2024-03-05 · <a href="https://example.org/'
                     'ferry?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">https://example.org/ferry?a=1&amp;b=2'
                     '</a></div>')
    rows = [b for b in html_bodies(at) if "<small>" in b]
    assert rows and all("<small>Officials in the northern province said on Tuesday that at least 20 people were "
                        "injured when the overcrowded passenger…</small>" in b for b in rows)
    options = at.selectbox(key="manual_sentence").options
    assert options == [("Officials in the northern province said on Tuesday that at least 20 people were injured "
                        "when the overcrowded passenger ferry capsized near the harbour…")]
    at.selectbox(key="doc_pick").set_value(2).run()
    [about] = [b for b in html_bodies(at) if 'data-testid="wb-about"' in b]
    assert "<a " not in about and "javascript:alert(1)" in about


def test_add_a_missed_claim(demo_db):
    at = page("documents")
    with demo_db.read() as con:
        segment = con.execute("SELECT id FROM segments WHERE text LIKE 'China and India are also%'").fetchone()[0]
    at.selectbox(key="manual_sentence").set_value(segment)
    at.text_input(key="manual_figure").input("next month")
    at.selectbox(key="manual_kind").set_value("date")
    at.text_input(key="manual_value").input("2025")
    at.text_input(key="manual_subject").input("direct flights")
    at.button(key="FormSubmitter:manual_claim-Add claim").click().run()
    assert not at.exception and not at.error
    with demo_db.read() as con:
        assert con.execute("SELECT origin, quantity, subject FROM claims_v WHERE origin = 'manual'").fetchall() == [
            ("manual", "next month", "direct flights")]


def test_a_refused_figure_is_echoed_as_text_not_markdown(demo_db):
    at = page("documents")
    hostile = "![x](http://evil.example/i.png) $\\frac{1}{2}$"
    at.text_input(key="manual_figure").input(hostile)
    at.selectbox(key="manual_kind").set_value("count")
    at.text_input(key="manual_value").input("2")
    at.button(key="FormSubmitter:manual_claim-Add claim").click().run()
    [error] = at.error
    assert error.value.startswith("Not added\\: ") and error.value.endswith("is not in the sentence")
    assert "\\!\\[x\\]\\(http" in error.value and "\\$" in error.value  # Markdown characters escaped


def test_an_upload_without_a_text_field_says_what_to_do_on_this_page(tmp_path, monkeypatch):
    def upload():
        import os

        from workbench.ingest.importer import import_uploads
        from workbench.store.db import Store
        from workbench.ui.pages_shared import show_report

        show_report(import_uploads(Store(os.environ["WORKBENCH_DB"]), [("items.jsonl", b'{"body": "x"}\n')]))

    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path / "upload.duckdb"))
    at = AppTest.from_function(upload, default_timeout=60).run()
    [problem] = at.dataframe[0].value.to_dict("records")
    assert problem["reason"] == "no 'text' field (fields here: body)"
    assert problem["what to do"] == "put the text in a field (or column) named 'text', then upload the file again"


# -- Sources, Import, Dashboard, SQL, Export -------------------------------------------------------------

def test_sources_search_and_read(demo_db):
    at = page("sources", source_query="Chinese soldiers killed Galwan")
    passages = [b for b in html_bodies(at) if "wb-passage" in b]
    assert passages and "tass-report" in passages[0] or "china-acknowledges-losses" in passages[0]
    assert any('data-testid="wb-source"' in b for b in html_bodies(at))
    assert at.button(key="import_sources").disabled  # nothing uploaded yet


def test_sources_upload_with_the_same_field_mapping_as_the_cli(tmp_path, monkeypatch):
    def add_sources():
        from workbench.ui.pages_shared import field_options, import_files

        fields, encoding = field_options()
        import_files([("items.jsonl", b'{"body": "Officials said 20 soldiers died.", "headline": "Galwan"}\n')],
                     "source", fields, encoding)

    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path / "sources.duckdb"))
    at = AppTest.from_function(add_sources, default_timeout=60)
    at.session_state["field_text"] = "body"
    at.session_state["field_title"] = "headline"
    at.run()
    assert not at.exception and not at.dataframe  # no problems reported
    assert at.success[0].value.startswith("imported 1 documents")
    with Store(tmp_path / "sources.duckdb").read() as con:
        assert con.execute("SELECT kind, title FROM documents").fetchall() == [("source", "Galwan")]
    on_page = page("sources")
    assert on_page.text_input(key="field_text").value == "text" and on_page.text_input(key="field_url")


def test_import_page_offers_upload_and_field_options(demo_db):
    at = page("imports")
    assert not at.exception and at.button(key="import_articles").disabled
    assert at.text_input(key="field_text").value == "text"


def test_dashboard_charts(demo_db):
    from workbench.review import save_verdict

    save_verdict(demo_db, claim_id_of(demo_db, "four"), "ana", "refuted")
    save_verdict(demo_db, claim_id_of(demo_db, "50%"), "ben", "supported")
    at = page("dashboard")
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Claims"] == str(claim_count(demo_db)) and metrics["Reviewed"] == "2"
    assert metrics["Reviewers"] == "2"
    charts = [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]
    assert len(charts) == 5
    relation = next(c["encoding"]["color"]["scale"] for c in charts if c["mark"]["type"] == "arc")
    assert relation == {"domain": ["supports", "contradicts", "related"], "range": list(RELATION_COLOURS.values())}
    counts = [axis for c in charts if c["mark"]["type"] == "bar" for axis in c["encoding"].values()
              if axis.get("type") == "quantitative"]
    assert len(counts) == 4 and all(axis["axis"] == {"format": "d", "tickMinStep": 1} for axis in counts)
    days = charts[-1]["encoding"]["x"]
    assert (days["type"], days["timeUnit"]) == ("ordinal", "yearmonthdate")  # a bar per day, not a hairline


@pytest.mark.parametrize("sql", ["DELETE FROM claims", "DROP TABLE reviews", "COPY claims TO '/tmp/x.csv'",
                                 "ATTACH '/tmp/other.duckdb'"])
def test_sql_page_refuses_writes(demo_db, sql):
    before = claim_count(demo_db)
    at = page("sql")
    at.text_area(key="sql_Claims by kind").input(sql)
    at.button(key="sql_run").click().run()
    assert at.error and "refused" in at.error[0].value and "read\\-only" in at.error[0].value
    assert claim_count(demo_db) == before


def test_sql_page_runs_a_query_with_a_csv_download(demo_db):
    at = page("sql")
    at.button(key="sql_run").click().run()
    assert not at.error
    assert "rows" in at.caption[-1].value
    assert at.get("download_button")


def test_a_slow_query_is_stopped_and_frees_the_file_for_an_import(demo_db, monkeypatch, tmp_path):
    from workbench import settings

    monkeypatch.setattr(settings, "UI_QUERY_TIMEOUT_S", 3.0)
    article = tmp_path / "rescue.txt"
    article.write_text("Twelve people were rescued from the flooded mine on Monday, officials said.\n")
    at = page("sql")
    at.text_area(key="sql_Claims by kind").input("SELECT count(*) FROM range(1000000000000)")
    running = threading.Thread(target=lambda: at.button(key="sql_run").click().run(timeout=60))
    started = time.monotonic()
    running.start()
    time.sleep(1.0)  # the statement holds the file now
    importer = subprocess.run(  # a real import in another process, which waits at most 15 s for the file
        [WORKBENCH, "import", str(article), "--db", str(demo_db.path), "--no-match"], check=False,
        env=subprocess_env(WORKBENCH_LOCK_TIMEOUT="15"), capture_output=True, text=True, timeout=120)
    running.join()
    assert importer.returncode == 0, importer.stderr
    assert "imported 1 documents" in importer.stderr and time.monotonic() - started < 60
    assert at.error[0].value.startswith("stopped after 3 s")


def test_export_page_gives_claimreview(demo_db):
    from workbench.review import save_verdict

    set_profile(demo_db, {"org.name": "Example Fact Check", "factcheck_url": "https://example.org/fc/{claim_id}"})
    save_verdict(demo_db, claim_id_of(demo_db, "four"), "ana", "refuted", "TASS reported 45")
    at = page("export", export_format="claimreview")
    at.button(key="export_prepare").click().run()
    fmt, export = at.session_state["export_data"]
    reviews_ld = json.loads(export.data)
    check_claim_reviews(reviews_ld)
    assert fmt == "claimreview" and export.items == 1 and export.noun == "reviews"
    assert reviews_ld[0]["reviewRating"]["alternateName"] == "Refuted"
    assert any(caption.value.startswith("1 reviews, ") for caption in at.caption)
    assert reviews_ld[0]["itemReviewed"]["@type"] == "Claim"


def test_export_page_says_the_profile_is_set_on_the_settings_page(demo_db):
    at = page("export", export_format="claimreview")
    at.button(key="export_prepare").click().run()
    assert not at.exception and "export_data" not in at.session_state
    assert "factcheck\\_url" in at.error[0].value and "on the Settings page" in at.error[0].value
    assert "workbench config" not in at.error[0].value and "--" not in at.error[0].value


# -- Settings --------------------------------------------------------------------------------------------

def test_settings_page_edits_the_publisher_profile(demo_db):
    at = page("settings")
    assert not at.exception
    assert at.text_input(key="settings_language").value == "en" and at.radio(key="settings_author").value == \
        "organisation"
    assert "Organisation and Fact\\-check URL" in at.info[0].value
    at.text_input(key="settings_org_name").input("Example <b>Fact</b> Check")
    at.text_input(key="settings_factcheck_url").input("https://example.org/fc/{claim_id}")
    at.radio(key="settings_author").set_value("reviewer")
    at.button(key="settings_save").click().run()
    assert not at.exception and at.success[0].value == "Publisher profile saved."
    assert read_profile(demo_db) == {"org.name": "Example <b>Fact</b> Check", "factcheck_url":
                                     "https://example.org/fc/{claim_id}", "language": "en", "author": "reviewer",
                                     "open_pool": "yes", "second_review": "0", "signoff": "required"}
    assert not at.info and "https\\:\\/\\/example\\.org\\/fc\\/1" in at.caption[-1].value
    fresh = page("settings")
    assert fresh.text_input(key="settings_org_name").value == "Example <b>Fact</b> Check"
    assert fresh.radio(key="settings_author").value == "reviewer"


def test_settings_page_refuses_bad_values_escaped_and_saves_nothing(demo_db):
    at = page("settings")
    at.text_input(key="settings_org_name").input("Example Fact Check")
    at.text_input(key="settings_org_logo").input("javascript:alert(1)")
    at.text_input(key="settings_factcheck_url").input("![x](http://evil.example/x.png)")
    at.button(key="settings_save").click().run()
    assert not at.exception and not at.success
    error = at.error[0].value
    assert error.startswith("Not saved\\: org\\.logo must be an http or https address")
    assert "factcheck\\_url must" in error and "\\!\\[x\\]\\(http" in error  # escaped: no image is fetched
    assert read_profile(demo_db) == {"language": "en", "author": "organisation", "open_pool": "yes",
                                     "second_review": "0", "signoff": "required"}


# -- hostile text ---------------------------------------------------------------------------------------

def test_hostile_text_is_shown_as_text(tmp_path, monkeypatch):
    store = Store(tmp_path / "hostile.duckdb")
    import_records(store, [Record(text=HOSTILE, origin="evil", title="<b>evil</b> ![t](http://evil.example/t.png)")])
    import_records(store, [Record(text=HOSTILE, origin="evil-source", title="<i>src</i>")], kind="source")
    monkeypatch.setenv("WORKBENCH_DB", str(store.path))
    shown = {}
    for name in ("review", "documents", "sources"):
        at = page(name, source_query="people hurt")
        assert not at.exception
        bodies = [body for body in html_bodies(at) if "<style>" not in body]  # not our own stylesheet
        for body in bodies:
            assert "<script" not in body and "<img" not in body and "<b>evil" not in body and "<i>src" not in body
        shown[name] = "".join(bodies)
        for element in list(at.markdown) + list(at.caption) + list(at.radio):
            text = element.value if hasattr(element, "value") and isinstance(element.value, str) else ""
            assert "](http" not in text  # no live Markdown link or image
    for name in ("documents", "sources"):  # the whole text is on these pages, as characters
        assert "&lt;script&gt;alert(2)&lt;/script&gt;" in shown[name]
        assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in shown[name]
        assert "![pic](http://evil.example/x.png)" in shown[name]


# -- Sources: a search result as evidence for the claim under review -------------------------------------

def test_a_search_result_is_attached_as_evidence_and_the_verdict_carries_it(demo_db):
    four = claim_id_of(demo_db, "four")
    tass = demo_db.value("SELECT passage_id FROM matches_v WHERE claim_id = ? AND source = 'tass-report'", [four])
    at = page("sources", source_query="Chinese soldiers killed Galwan", open_claim=four)
    assert not at.exception
    attach = at.button(key=f"attach_{tass}")
    assert attach.label == f"Attach as evidence to claim {four}" and not attach.disabled
    attach.click().run()
    assert at.session_state[f"ev_{four}_{tass}"] is True and at.session_state[f"attached_{four}"] == [tass]
    assert at.button(key=f"attach_{tass}").disabled and at.button(key=f"attach_{tass}").label == f"Attached to claim {four}"
    review_page = page("review", open_claim=four, **{f"ev_{four}_{tass}": True, f"attached_{four}": [tass]})
    assert review_page.checkbox(key=f"ev_{four}_{tass}").value  # ticked on the Review page, as attached
    review_page.button(key="verdict_refuted").click().run()
    assert not review_page.exception
    assert tass in json.loads(reviews(demo_db)[-1][5])["passages"]


def test_a_passage_from_outside_the_candidates_is_carried_into_the_verdict(demo_db):
    four = claim_id_of(demo_db, "four")
    outside = demo_db.value("SELECT min(id) FROM segments WHERE kind = 'passage' AND id NOT IN "
                            "(SELECT passage_id FROM matches_v WHERE claim_id = ?)", [four])
    review_page = page("review", open_claim=four, **{f"ev_{four}_{outside}": True, f"attached_{four}": [outside]})
    assert review_page.checkbox(key=f"ev_{four}_{outside}").value  # shown, ticked, with its text
    assert any("attached from Sources" in body for body in html_bodies(review_page))
    review_page.button(key="verdict_refuted").click().run()
    assert not review_page.exception
    assert outside in json.loads(reviews(demo_db)[-1][5])["passages"]
    untick = page("review", open_claim=four, **{f"ev_{four}_{outside}": True, f"attached_{four}": [outside]})
    untick.checkbox(key=f"ev_{four}_{outside}").uncheck().run()
    untick.button(key="verdict_misleading").click().run()
    assert outside not in json.loads(reviews(demo_db)[-1][5])["passages"]  # unticked on the Review page: left out


def test_search_results_offer_no_attach_button_without_a_claim_under_review(demo_db):
    at = page("sources", source_query="Chinese soldiers killed Galwan")
    assert not at.exception and [b for b in html_bodies(at) if "wb-passage" in b]
    assert not [button for button in at.button if button.key and button.key.startswith("attach_")]
    current = page("sources", source_query="Chinese soldiers killed Galwan", current_claim=claim_id_of(demo_db, "four"))
    assert [button for button in current.button if button.key and button.key.startswith("attach_")]
