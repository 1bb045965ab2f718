"""The review queue table (``review_queue``, migration 0022): every queue filter the Review page and the command line
use gives exactly the rows, in the order, that the query over ``claims_v`` gave before the table existed, on a
database in every review state; and each write that changes a claim's queue row keeps the table in step."""
from __future__ import annotations

from collections import Counter
from itertools import pairwise
from pathlib import Path

import duckdb
import pytest

from workbench import review, team
from workbench.export.profile import set_profile
from workbench.ingest.importer import analysed_document
from workbench.ingest.readers import Record
from workbench.ingest.reanalyse import reanalyse
from workbench.nlp.extract import analyse
from workbench.store import documents
from workbench.store import queue as queue_table
from workbench.store.db import SCHEMA_VERSION, Store
from workbench.store.reviews import (
    QUEUE_ORDER,
    QueueFilter,
    add_corrections,
    add_manual_claim,
    queue,
    queue_count,
    queue_position,
)

PASSWORD = "correct horse battery"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"


def old_where(filters: QueueFilter) -> tuple[str, list]:
    """The queue's condition on ``claims_v`` as it was before the queue table (schema 21): the reference."""
    clauses, params = ["priority >= ?"], [filters.min_checkworthiness]
    if filters.assignee is not None:
        clauses.append("claim_id IN (SELECT claim_id FROM assignments_v WHERE reviewer = ? AND pending)")
        params.append(filters.assignee)
    if filters.pool:
        clauses.append("claim_id NOT IN (SELECT claim_id FROM assignments)")
    if filters.second_for is not None:
        clauses.append("claim_id IN (SELECT claim_id FROM review_rounds_v WHERE second_due "
                       "AND NOT list_contains(reviewers, ?))")
        params.append(filters.second_for)
    awaiting = filters.assignee is not None or filters.second_for is not None
    if filters.status == "reviewed":
        clauses.append("status <> 'unreviewed'")
    elif filters.status not in ("all", "unreviewed" if awaiting else "all"):
        clauses.append("status = ?")
        params.append(filters.status)
    if filters.kinds:
        clauses.append("list_contains(?, kind)")
        params.append(list(filters.kinds))
    if filters.document_id is not None:
        clauses.append("document_id = ?")
        params.append(filters.document_id)
    if filters.reviewer:
        clauses.append("reviewer = ?")
        params.append(filters.reviewer)
    if filters.text.strip():
        clauses.append("(sentence ILIKE ? OR coalesce(subject, '') ILIKE ? OR coalesce(quantity, '') ILIKE ?)")
        pattern = f"%{filters.text.strip()}%"
        params += [pattern, pattern, pattern]
    return " AND ".join(clauses), params


def old_queue(store: Store, filters: QueueFilter, limit: int) -> list[dict]:
    where, params = old_where(filters)
    return store.records("SELECT claim_id, document, kind, quantity, sentence, checkworthiness, priority, status, "
                         f"reviewer FROM claims_v WHERE {where} ORDER BY {QUEUE_ORDER} LIMIT ?", params + [limit])


def every_filter(store: Store) -> list[QueueFilter]:
    """The filters the Review page offers (each queue, status, kind, document, reviewer, check-worthiness, text,
    alone and combined) and those the command line and the benchmarks use."""
    names = ["ana", "ben", "eve", "nobody", ""]
    article = store.value("SELECT min(id) FROM documents WHERE kind = 'article'")
    filters = [QueueFilter(status=status) for status in review.STATUSES]
    filters += [QueueFilter(status=status, assignee=name) for status in ("unreviewed", "all") for name in names]
    filters += [QueueFilter(status=status, second_for=name) for status in ("unreviewed", "all") for name in names]
    filters += [QueueFilter(status=status, pool=True) for status in ("unreviewed", "all", "reviewed")]
    filters += [QueueFilter(status="all", kinds=("count", "money")), QueueFilter(status="all", kinds=("date",)),
                QueueFilter(document_id=article), QueueFilter(status="all", document_id=article),
                QueueFilter(status="reviewed", reviewer="ana"), QueueFilter(status="all", reviewer="ben"),
                QueueFilter(status="all", min_checkworthiness=0.5), QueueFilter(min_checkworthiness=0.9),
                QueueFilter(status="all", text="crore"), QueueFilter(status="all", text="Corrected subject"),
                QueueFilter(status="all", text=" 20 "), QueueFilter(text="soldiers", assignee="ana"),
                QueueFilter(status="all", kinds=("count",), document_id=article, min_checkworthiness=0.3,
                            text="a")]
    return filters


def assert_in_step(store: Store, step: str) -> None:
    """The table holds a row for every claim, each what ``queue_of`` computes now."""
    stored = store.records("SELECT * FROM review_queue ORDER BY claim_id")
    assert stored == store.records("SELECT * FROM queue_of(NULL) ORDER BY claim_id"), step
    assert len(stored) == store.value("SELECT count(*) FROM claims"), step


def assert_same_queue(store: Store, step: str) -> None:
    """The table is in step, and every filter gives the old query's rows, order, count, pages and positions."""
    assert_in_step(store, step)
    for filters in every_filter(store):
        everything = old_queue(store, filters, 10_000)
        assert queue(store, filters, 10_000) == everything, (step, filters)
        assert queue_count(store, filters) == len(everything), (step, filters)
        assert queue(store, filters, 3, 2) == everything[2:5], (step, filters)  # the old query's page, in order
        if everything:
            position = len(everything) // 2
            assert queue_position(store, filters, everything[position]["claim_id"]) == position, (step, filters)


def claim_ids(store: Store) -> list[int]:
    return [row["claim_id"] for row in store.records("SELECT claim_id FROM claims_v ORDER BY claim_id")]


@pytest.fixture
def desk(demo_database) -> Store:
    """The demo with two reviewers and an editor."""
    for name, role in (("ana", "reviewer"), ("ben", "reviewer"), ("eve", "editor")):
        team.add_user(demo_database, name, role, PASSWORD)
    return demo_database


def test_every_filter_gives_the_old_queue_through_each_writer(desk):
    """Assigned, unassigned, decided, undone, sent back, blind second review, a dispute and its adjudication, a
    correction that moves a sentence's priority, a manual claim, a new share of second reviews: after each write,
    the table is what ``queue_of`` computes and every filter gives the old query's answer."""
    assert_same_queue(desk, "imported")  # the demo's import wrote the rows
    ids = claim_ids(desk)
    article = desk.value("SELECT min(id) FROM documents WHERE kind = 'article'")
    dated = desk.records("SELECT claim_id, segment_id FROM claims_v WHERE kind = 'date' AND dates ORDER BY claim_id")
    steps = [
        ("assign an article", lambda: team.assign(desk, "eve", "ana", document_id=article)),
        ("assign by filter", lambda: team.assign(desk, "eve", "ben", where=f"claim_id IN ({ids[1]}, {ids[2]}, "
                                                                              f"{ids[3]})")),
        ("verdicts", lambda: [review.save_verdict(desk, claim, name, verdict) for claim, name, verdict in (
            (ids[0], "ana", "supported"), (ids[1], "ben", "refuted"), (ids[2], "ben", "misleading"),
            (ids[4], "ana", "unverifiable"), (ids[5], "ana", "supported"))]),
        ("undo", lambda: review.undo_last(desk, "ana")),
        ("send back", lambda: team.send_back(desk, ids[1], "eve", "check the figure")),
        ("flag for a second review", lambda: team.flag_second_review(desk, [ids[0], ids[1], ids[2]], "eve")),
        ("second reviewer agrees", lambda: review.save_verdict(desk, ids[0], "ben", "supported")),
        ("second reviewer disagrees", lambda: review.save_verdict(desk, ids[2], "ana", "supported")),
        ("adjudicate", lambda: team.adjudicate(desk, ids[2], "eve", "refuted", "the source says so")),
        ("sign off", lambda: team.sign_off(desk, [ids[0]], "eve")),
        ("share of second reviews", lambda: set_profile(desk, {"second_review": "50"})),
        ("correct a date's kind, so that its sentence has a figure more",
         lambda: add_corrections(desk, dated[0]["claim_id"], "ana", {"kind": "count", "subject": "Corrected subject"})),
        ("manual claim", lambda: add_manual_claim(desk, dated[-1]["segment_id"], "ana", "statement", "a claim")),
        ("assign a claim sent back, which is left alone", lambda: team.assign(desk, "eve", "ana",
                                                                                where=f"claim_id = {ids[1]}")),
        ("no share", lambda: set_profile(desk, {"second_review": None})),
    ]
    assert dated, "the demo has a date that times another figure"
    for step, write in steps:
        write()
        assert_in_step(desk, step)
        # every filter after the writes that make a new kind of state (a dispute settled, a share of second
        # reviews); after the others the table alone (each filter costs DuckDB's connection set-up several times)
        if step in ("adjudicate", "share of second reviews"):
            assert_same_queue(desk, step)
    assert_same_queue(desk, "at the end")
    assert queue_count(desk, QueueFilter(status="all", second_for="ben")) == 0  # the profile's share is gone
    assert queue_count(desk, QueueFilter(status="all", assignee="ben")) == 2  # ids[3], and ids[1] sent back


def test_imports_in_bulk_and_reanalysis_keep_the_queue(desk, monkeypatch):
    """A batch file's bulk load (the Ray and multi-process import) adds its claims' rows, a few sentences at a
    time, and reading documents again (which rewrites their figures' frames) leaves every row as ``queue_of``
    computes it."""
    monkeypatch.setattr(queue_table, "REFRESH_CLAIMS", 3)
    text = (EXAMPLES / "assam-floods.txt").read_text(encoding="utf-8")
    records = [Record(text + "\n\nAt least 12 people were missing on Tuesday.", "extra.txt", "Extra"),
               Record("The 2024 budget gave ₹900 crore to flood relief, up 30% on 2023.", "budget.txt", "Budget")]
    analysed = [analysed_document("article", record, analysis)
                for record, analysis in zip(records, analyse((record.text, None) for record in records))]
    before = desk.value("SELECT count(*) FROM claims")
    with desk.write() as con:
        documents.load_batch(con, "extra", documents.batch_tables(analysed), None)
    assert desk.value("SELECT count(*) FROM claims") > before
    assert_same_queue(desk, "bulk load")
    review.save_verdict(desk, claim_ids(desk)[-1], "ana", "supported")
    with desk.write() as con:
        con.execute("INSERT INTO meta SELECT 'reanalyse_through', CAST(max(id) AS VARCHAR) FROM documents")
    reanalyse(desk)
    assert_same_queue(desk, "reanalysis")


def test_a_bulk_load_rewrites_the_queue_a_slice_of_whole_sentences_at_a_time(desk, monkeypatch):
    """A range of new claims is cut into slices of about ``REFRESH_CLAIMS``, never inside a sentence (a claim's
    priority needs its sentence's other claims), covering every claim of those sentences once."""
    monkeypatch.setattr(queue_table, "REFRESH_CLAIMS", 4)
    first, last = desk.value("SELECT min(id) FROM claims"), desk.value("SELECT max(id) FROM claims")
    with desk.read() as con:
        slices = list(queue_table.sentence_slices(con, first + 1, last))
        everything = queue_table.sentence_claims(con, range(first + 1, last + 1))
    sentence_of = {row["id"]: row["segment_id"] for row in desk.records("SELECT id, segment_id FROM claims")}
    assert len(slices) > 3
    assert sorted(claim for piece in slices for claim in piece) == everything
    for piece, after in pairwise(slices):
        assert len(piece) >= 4  # only the last slice may be short
        assert sentence_of[piece[-1]] != sentence_of[after[0]]
    largest = max(Counter(sentence_of.values()).values())
    assert max(len(piece) for piece in slices) < 4 + largest


def test_a_database_of_schema_21_gets_its_queue_from_the_migration(desk):
    """Migration 0022 on an existing database: the table appears with a row for every claim."""
    review.save_verdict(desk, claim_ids(desk)[0], "ana", "refuted")
    team.assign(desk, "eve", "ben", where="kind = 'count'")
    con = duckdb.connect(str(desk.path))  # behind the store's back, as schema 21 left the file
    con.execute("DROP TABLE review_queue")
    con.execute("DROP TABLE title_names")  # migration 0023's
    con.execute("DELETE FROM schema_version WHERE version >= 22")
    con.close()
    assert desk.schema_version() == SCHEMA_VERSION >= 22  # the changed file is checked, and migrated, again
    assert_same_queue(desk, "migrated")
