"""A database read before figures had frames: matching cannot rely on it until `workbench reanalyse`.

The migration to schema 7 leaves the figures it finds without frames and marks the documents stored so
far; the test puts a freshly loaded demo database in exactly that state (frames and names emptied, the mark
set), then reads it again and checks that every id a reviewer relies on survived.
"""
from __future__ import annotations

from conftest import database_at_schema

from workbench.demo import load_demo
from workbench.ingest.reanalyse import pending
from workbench.match.engine import match_stored, stored_matches
from workbench.review import Evidence, save_verdict
from workbench.store.db import Store
from workbench.store.reviews import claim_detail


def tass_relation(store: Store) -> str:
    four = next(m for m in stored_matches(store) if m["quantity"] and m["quantity"]["text"] == "four")
    return next(c["relation"] for c in four["candidates"] if c["source"] == "tass-report")


def as_before_frames(store: Store) -> None:
    """What the migration leaves behind for documents imported by an older version."""
    with store.write() as con:
        con.execute("UPDATE quantities SET direction = NULL, role = NULL, time = NULL, step = NULL, measure = NULL, "
                    "actors = NULL, places = NULL, hedged = NULL")
        con.execute("UPDATE segments SET actors = NULL, places = NULL")
        con.execute("INSERT INTO meta SELECT 'reanalyse_through', CAST(max(id) AS VARCHAR) FROM documents")


def test_reanalyse_restores_frames_and_keeps_every_id(tmp_path, cli):
    store = Store(cli.db)
    load_demo(store)
    four = next(m for m in stored_matches(store) if m["quantity"] and m["quantity"]["text"] == "four")
    tass = next(c for c in four["candidates"] if c["source"] == "tass-report")
    save_verdict(store, four["claim_id"], "tester", "refuted", "TASS says 45", Evidence(passages=(tass["passage_id"],)))
    with store.read() as con:
        ids_before = con.execute("SELECT list(id ORDER BY id) FROM claims").fetchone()[0]

    as_before_frames(store)
    match_stored(store, all_claims=True)
    assert pending(store) == 14  # the demo article and its 13 sources
    assert tass_relation(store) == "related"  # without frames, no figure can be relied on
    noted = cli("match", "--top", "1", "--format", "jsonl")
    assert "run `workbench reanalyse`" in noted.stderr

    result = cli("reanalyse")
    assert result.exit_code == 0, result.stderr
    assert "read 14 documents again" in result.stderr
    assert pending(store) == 0
    assert tass_relation(store) == "contradicts"
    with store.read() as con:
        assert con.execute("SELECT list(id ORDER BY id) FROM claims").fetchone()[0] == ids_before
    detail = claim_detail(store, four["claim_id"])
    assert detail.claim["status"] == "refuted" and str(tass["passage_id"]) in detail.claim["evidence"]
    assert "nothing to read again" in cli("reanalyse").stderr



BRACKLEY = "Brackley Components plc: Final results for the year ended 31 December 2024"


def title_names(store: Store) -> list[tuple]:
    with store.read() as con:
        return con.execute("SELECT d.kind, t.actors, t.places FROM documents d "
                           "LEFT JOIN title_names t ON t.document_id = d.id ORDER BY d.id").fetchall()


def test_a_sources_title_is_read_for_its_names_at_import(store):
    """A source's title names the organisation its passages often do not (migration 0023); an article's is not
    read for them."""
    from workbench.ingest.importer import import_records
    from workbench.ingest.readers import Record

    import_records(store, [Record(text="Revenue rose 8% to £212.0m.", origin="a", title=BRACKLEY)], kind="source",
                   match=False)
    import_records(store, [Record(text="Profit rose to £9m at Harrowgate Foods.", origin="b",
                                  title="Harrowgate Foods: results")], kind="article", match=False)
    assert title_names(store) == [("source", ["Brackley Components"], []), ("article", None, None)]


def test_titles_stored_before_are_read_by_reanalysis(db_path):
    """Migration 0023 leaves the titles of documents stored before unread and marks them for reanalysis."""
    from workbench.ingest.reanalyse import reanalyse

    con = database_at_schema(db_path, 22)
    for doc_id, kind, title in ((1, "source", BRACKLEY), (2, "article", "Harrowgate Foods: results")):
        con.execute("INSERT INTO documents (id, kind, title, sha256, text, imported_at) VALUES (?, ?, ?, ?, ?, now())",
                    [doc_id, kind, title, f"hash{doc_id}", "Revenue rose 8% to £212.0m."])
    con.close()
    store = Store(db_path)
    assert title_names(store) == [("source", None, None), ("article", None, None)]
    assert pending(store) == 2
    reanalyse(store)
    assert pending(store) == 0
    assert title_names(store) == [("source", ["Brackley Components"], []), ("article", None, None)]
