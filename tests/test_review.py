"""Reviewing: the queue and its filters, verdicts kept forever, undo, corrections, manual claims."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest

from workbench.demo import load_demo
from workbench.export.claimreview import claim_reviews
from workbench.export.profile import set_profile
from workbench.ingest.importer import import_records
from workbench.ingest.readers import Record
from workbench.review import (
    Evidence,
    ReviewError,
    add_manual_claim,
    correct,
    save_verdict,
    undo_last,
)
from workbench.store.db import Store
from workbench.store.reviews import QueueFilter, claim_detail, queue, queue_count, queue_position


@pytest.fixture
def demo(tmp_path) -> Store:
    store = Store(tmp_path / "review.duckdb")
    load_demo(store)
    return store


def claim_id_of(store: Store, figure: str, document_id: int | None = None) -> int:
    """The claim of a figure, written so; of one document when given (the demo has a "2020" of its own)."""
    with store.read() as con:
        return con.execute("SELECT claim_id FROM claims_v WHERE quantity = ? AND coalesce(document_id = ?, true) "
                           "ORDER BY claim_id", [figure, document_id]).fetchone()[0]


def sentence_of(store: Store, claim_id: int) -> int:
    return store.value("SELECT segment_id FROM claims_v WHERE claim_id = ?", [claim_id])


def status_of(store: Store, claim_id: int) -> tuple:
    with store.read() as con:
        return con.execute("SELECT status, reviewer, note FROM claims_v WHERE claim_id = ?", [claim_id]).fetchone()


def test_queue_is_sorted_by_priority_and_paginated(demo):
    everything = queue(demo, QueueFilter(status="all"), limit=100)
    scores = [row["priority"] for row in everything]
    with demo.read() as con:
        claims = con.execute("SELECT count(*) FROM claims").fetchone()[0]
    assert scores == sorted(scores, reverse=True) and len(everything) == queue_count(demo, QueueFilter("all")) == claims
    first, second = queue(demo, QueueFilter("all"), limit=5), queue(demo, QueueFilter("all"), limit=5, offset=5)
    assert [r["claim_id"] for r in first + second] == [r["claim_id"] for r in everything[:10]]


def test_queue_filters(demo):
    four = claim_id_of(demo, "four")
    save_verdict(demo, four, "ana", "refuted")
    assert four not in [r["claim_id"] for r in queue(demo)]                      # default: unreviewed only
    assert [r["claim_id"] for r in queue(demo, QueueFilter(status="refuted"))] == [four]
    assert [r["claim_id"] for r in queue(demo, QueueFilter(status="reviewed", reviewer="ana"))] == [four]
    assert {r["kind"] for r in queue(demo, QueueFilter(status="all", kinds=("duration",)))} == {"duration"}
    assert [r["quantity"] for r in queue(demo, QueueFilter(status="all", text="tariffs"))][:1] == ["50%"]
    worthy = queue(demo, QueueFilter(status="all", min_checkworthiness=0.9))
    assert 0 < len(worthy) < queue_count(demo, QueueFilter(status="all"))           # something left, not all
    assert all(r["checkworthiness"] >= 0.9 for r in worthy)
    assert queue_count(demo, QueueFilter(status="all", document_id=999)) == 0


def dateline_story(store: Store) -> int:
    """A story whose first sentence is timed by a year written before its figure, with a bare publication date
    and a statement a reviewer added; returns its document id."""
    import_records(store, [Record(text="NEW DELHI, 12 March 2024 — In 2020, at least 20 soldiers died in the "
                                       "clashes. Published 12 March 2024. The talks went on.", origin="story",
                                  title="story")])
    document = store.value("SELECT id FROM documents WHERE title = 'story'")
    talks = store.value("SELECT id FROM segments WHERE document_id = ? AND text = 'The talks went on.'", [document])
    add_manual_claim(store, talks, "ana")
    return document


def test_the_queue_puts_dates_after_the_figures_they_time_and_the_documents_date_last(demo):
    story = QueueFilter(status="all", document_id=dateline_story(demo))
    order = [row["quantity"] or "statement" for row in queue(demo, story)]
    # the year was written first; the dateline, split off as a sentence of its own, is no statement claim
    assert order == ["at least 20", "2020", "statement", "12 March 2024"]
    assert [queue_position(demo, story, row["claim_id"]) for row in queue(demo, story)] == [0, 1, 2, 3]
    published = claim_id_of(demo, "12 March 2024", story.document_id)
    assert demo.value("SELECT priority FROM claims_v WHERE claim_id = ?", [published]) == 0
    worthy = replace(story, min_checkworthiness=0.01)          # the filter is by the queue's priority
    assert queue_count(demo, worthy) == 3 and queue_position(demo, worthy, published) is None


def test_a_date_alone_in_its_sentence_keeps_its_score_after_other_claims_of_that_score(demo):
    document = dateline_story(demo)
    twenty, year = claim_id_of(demo, "at least 20", document), claim_id_of(demo, "2020", document)
    alone = add_manual_claim(demo, sentence_of(demo, twenty), "ana")       # a statement on the same sentence
    rows = {row["claim_id"]: row for row in queue(demo, QueueFilter(status="all", document_id=document))}
    assert rows[year]["priority"] == rows[twenty]["priority"] == rows[alone]["priority"]
    assert [claim for claim in rows if claim in (twenty, year, alone)] == [twenty, alone, year]


def test_claim_detail_has_context_candidates_and_figures(demo):
    detail = claim_detail(demo, claim_id_of(demo, "four"))
    assert detail.claim["subject"] == "Chinese troops"
    assert detail.before.startswith("The cross-border trade") and detail.after.startswith("The renewed dialogue")
    sources = [c["source"] for c in detail.candidates]
    assert "tass-report" in sources and "china-acknowledges-losses" in sources
    tass = next(c for c in detail.candidates if c["source"] == "tass-report")
    assert any(f["text"] == "at least 45" for f in tass["figures"])


def test_verdicts_are_appended_and_the_newest_wins(demo):
    four = claim_id_of(demo, "four")
    tass = next(c["passage_id"] for c in claim_detail(demo, four).candidates if c["source"] == "tass-report")
    save_verdict(demo, four, "ana", "supported", "first look")
    save_verdict(demo, four, "ben", "refuted", "TASS says 45", Evidence((tass,), "at least 45", "https://e.org/t"))
    assert status_of(demo, four) == ("refuted", "ben", "TASS says 45")
    history = claim_detail(demo, four).history
    assert [(h["reviewer"], h["verdict"]) for h in history] == [("ben", "refuted"), ("ana", "supported")]
    assert json.loads(history[0]["evidence"]) == {"passages": [tass], "quote": "at least 45", "url": "https://e.org/t"}
    assert Evidence.from_json(history[0]["evidence"]) == Evidence((tass,), "at least 45", "https://e.org/t")


def test_undo_restores_the_state_before_and_keeps_every_row(demo):
    four, fifty = claim_id_of(demo, "four"), claim_id_of(demo, "50%")
    save_verdict(demo, four, "ana", "supported")
    save_verdict(demo, four, "ana", "refuted")
    save_verdict(demo, fifty, "ana", "supported")
    assert undo_last(demo, "ana") == {"claim_id": fifty, "undone": 3, "restored": None, "note": None,
                                      "evidence": Evidence().to_json()}  # what the undone verdict held
    assert status_of(demo, fifty)[0] == "unreviewed"
    assert undo_last(demo, "ana")["restored"] == "supported"
    assert status_of(demo, four)[0] == "supported"
    with demo.read() as con:
        assert con.execute("SELECT count(*) FROM reviews").fetchone()[0] == 5
    assert undo_last(demo, "nobody") is None


def test_a_restored_verdict_is_still_credited_to_whoever_gave_it(demo):
    """ana decides, ben decides again and undoes that: the verdict back in force is ana's, in claims_v, the
    claim's detail, the queue's reviewer filter and the ClaimReview export; the undo row records ben."""
    four = claim_id_of(demo, "four")
    save_verdict(demo, four, "ana", "supported", "as the ministry says")
    save_verdict(demo, four, "ben", "refuted")
    assert undo_last(demo, "ben")["restored"] == "supported"
    assert status_of(demo, four) == ("supported", "ana", "as the ministry says")
    detail = claim_detail(demo, four)
    assert [(h["reviewer"], h["action"]) for h in detail.history] == [("ben", "undo"), ("ben", "verdict"),
                                                                       ("ana", "verdict")]
    assert detail.claim["reviewer"] == "ana" and detail.claim["reviewed_at"] == detail.history[-1]["created_at"]
    assert [r["claim_id"] for r in queue(demo, QueueFilter(status="reviewed", reviewer="ana"))] == [four]
    assert queue(demo, QueueFilter(status="reviewed", reviewer="ben")) == []
    set_profile(demo, {"org.name": "Example Fact Check", "factcheck_url": "https://example.org/{claim_id}",
                       "author": "reviewer"})
    assert [r["author"][1]["name"] for r in claim_reviews(demo)] == ["ana"]        # the one claim reviewed


def test_a_verdict_needs_a_reviewer_a_known_verdict_and_a_real_claim(demo):
    four = claim_id_of(demo, "four")
    with pytest.raises(ReviewError, match="reviewer name is required"):
        save_verdict(demo, four, "  ", "supported")
    with pytest.raises(ReviewError, match="unknown verdict"):
        save_verdict(demo, four, "ana", "true")
    with pytest.raises(ReviewError, match="does not exist"):
        save_verdict(demo, 9999, "ana", "supported")
    with pytest.raises(ReviewError, match="http"):
        save_verdict(demo, four, "ana", "supported", evidence=Evidence(url="javascript:alert(1)"))
    with pytest.raises(ReviewError, match="passage 9999 does not exist"):
        save_verdict(demo, four, "ana", "supported", evidence=Evidence(passages=(9999,)))
    with pytest.raises(ReviewError, match=f"passage {sentence_of(demo, four)} does not exist"):  # a sentence
        save_verdict(demo, four, "ana", "supported", evidence=Evidence(passages=(sentence_of(demo, four),)))
    with demo.read() as con:
        assert con.execute("SELECT count(*) FROM reviews").fetchone()[0] == 0


def test_corrections_change_the_reading_and_keep_the_original(demo):
    four = claim_id_of(demo, "four")
    assert correct(demo, four, "ana", {"value": "5", "unit": "soldier", "qualifier": "at_least",
                                       "hedged": "true", "subject": "Chinese troops"}) == 4
    with demo.read() as con:
        corrected = con.execute("SELECT value, unit, qualifier, hedged, corrected FROM claims_v WHERE claim_id = ?",
                                [four]).fetchone()
        original = con.execute("SELECT value, unit FROM quantities WHERE claim_id = ?", [four]).fetchone()
    assert corrected == (5.0, "soldier", "at_least", True, True)
    assert original == (4.0, "troop")
    assert [c["field"] for c in claim_detail(demo, four).corrections] == ["hedged", "qualifier", "unit", "value"]
    assert correct(demo, four, "ana", {"qualifier": ""}) == 1
    with demo.read() as con:
        assert con.execute("SELECT qualifier FROM claims_v WHERE claim_id = ?", [four]).fetchone() == (None,)
    for bad in ({"value": "many"}, {"kind": "amount"}, {"qualifier": "lots"}, {"hedged": "maybe"}, {"colour": "x"}):
        with pytest.raises(ReviewError):
            correct(demo, four, "ana", bad)


def test_manual_claims_for_what_the_extractor_missed(demo):
    with demo.read() as con:
        segment, sentence = con.execute("SELECT id, text FROM segments WHERE text LIKE 'China and India are also%'"
                                        ).fetchone()
    claim = add_manual_claim(demo, segment, "ana", "next month", kind="date", value=2025, unit="year",
                             subject="direct flights")
    with demo.read() as con:
        row = con.execute("SELECT c.origin, c.kind, c.quantity, c.quantity_start, c.value, c.subject, c.sentence, d.text "
                          "FROM claims_v c JOIN documents d ON d.id = c.document_id WHERE claim_id = ?", [claim]).fetchone()
    assert row[:3] == ("manual", "date", "next month") and row[5] == "direct flights" and row[6] == sentence
    assert row[7][row[3]:row[3] + len("next month")] == "next month"
    statement = add_manual_claim(demo, segment, "ana")
    assert status_of(demo, statement)[0] == "unreviewed"
    with pytest.raises(ReviewError, match="not in the sentence"):
        add_manual_claim(demo, segment, "ana", "twelve", kind="count", value=12)
    with pytest.raises(ReviewError, match="kind and value"):
        add_manual_claim(demo, segment, "ana", "next month")


def test_queue_position_follows_the_filters(demo):
    everything = queue(demo, QueueFilter("all"), limit=100)
    third = everything[2]["claim_id"]
    assert queue_position(demo, QueueFilter("all"), third) == 2
    save_verdict(demo, everything[0]["claim_id"], "ana", "supported")
    assert queue_position(demo, QueueFilter(), third) == 1          # the reviewed one left the queue
    assert queue_position(demo, QueueFilter("supported"), third) is None


# -- workbench review ---------------------------------------------------------------------------------

def test_the_review_command_stores_a_verdict_as_the_review_page_does(cli):
    cli("demo")
    store = Store(cli.db)
    four = claim_id_of(store, "four")
    tass, ministry = (store.value("SELECT passage_id FROM matches_v WHERE claim_id = ? AND source = ?", [four, source])
                      for source in ("tass-report", "china-acknowledges-losses"))
    result = cli("review", str(four), "--verdict", "refuted", "--reviewer", "ana", "--evidence", str(tass),
                 "--evidence", str(ministry), "--note", "TASS reported 45")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"claim {four}: Refuted (review 1, 2 evidence passages)\n"
    assert status_of(store, four) == ("refuted", "ana", "TASS reported 45")
    [entry] = claim_detail(store, four).history
    assert json.loads(entry["evidence"]) == {"passages": [tass, ministry], "quote": None, "url": None}
    assert "Example:" in cli("review", "--help", db=False).stdout


@pytest.mark.parametrize(("args", "message"), [
    (["9999", "--verdict", "refuted"], "error: claim 9999 does not exist"),
    (["{four}", "--verdict", "refuted", "--evidence", "9999"], "error: passage 9999 does not exist"),
    (["{four}", "--verdict", "false"], ("error: unknown verdict 'false' (one of supported, refuted, misleading, "
                                        "unverifiable, not_a_claim)")),
])
def test_the_review_command_refuses_in_one_line_and_stores_nothing(cli, args, message):
    cli("demo")
    store = Store(cli.db)
    args = [arg.format(four=claim_id_of(store, "four")) for arg in args]
    result = cli("review", *args, "--reviewer", "ana", "--wording", "China lost four soldiers")
    assert result.exit_code == 2 and result.stderr.splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith(message)
    assert store.value("SELECT count(*) FROM reviews") == store.value("SELECT count(*) FROM corrections") == 0
