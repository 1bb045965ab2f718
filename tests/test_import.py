"""``workbench import``: every format into the store, whole documents only, errors named, re-runs safe."""
from __future__ import annotations

import json

import pytest
from conftest import database_at_schema

from workbench.ingest import importer
from workbench.ingest.importer import import_paths
from workbench.ingest.readers import Record
from workbench.nlp.pipeline import MODEL_PACKAGES
from workbench.store import documents

GALWAN = ("That year, a violent confrontation resulted in the deaths of at least 20 Indian soldiers "
          "and four Chinese troops.")
TARIFF = "President Donald Trump has imposed tariffs of 50% on Indian imports."


def rows(store, sql, params=None):
    with store.read() as con:
        return con.execute(sql, params or []).fetchall()


def test_every_format_imports_with_its_claims(cli, store, write):
    write("a.txt", GALWAN)
    write("b.md", "# Tariffs\n\n" + TARIFF)
    write("c.html", f"<html><head><title>Flights</title></head><body><p>{GALWAN.replace('20', '21')}</p>"
                    "<script>document.write('50%')</script></body></html>")
    write("d.jsonl", json.dumps({"text": "Trade had been ongoing for over 30 years.", "title": "Trade"}) + "\n")
    write("e.json", json.dumps([{"text": "Unemployment fell to 3.5% in June 2020."}]))
    write("f.csv", "text,title\n\"The deficit widened to $99.2 billion, officials said.\",Deficit\n")
    result = cli("import", str(write("a.txt", GALWAN).parent))
    assert result.exit_code == 0, result.output
    assert "imported 6 documents" in result.stderr and "0 failed" in result.stderr
    titles = {title for (title,) in rows(store, "SELECT title FROM documents_v")}
    assert titles == {"a", "Tariffs", "Flights", "Trade", None, "Deficit"}
    figures = {(q, v) for q, v in rows(store, "SELECT quantity, value FROM claims_v WHERE quantity IS NOT NULL")}
    assert {("at least 20", 20.0), ("four", 4.0), ("50%", 50.0), ("over 30 years", 30.0), ("3.5%", 3.5),
            ("$99.2 billion", 99.2e9), ("at least 21", 21.0)} <= figures
    # the HTML's script never reached the text, so its "50%" is not a claim of that document
    html_text = rows(store, "SELECT text FROM documents WHERE title = 'Flights'")[0][0]
    assert "document.write" not in html_text


def test_reimport_is_skipped_by_content_hash(cli, store, write):
    path = write("a.txt", GALWAN)
    assert cli("import", str(path)).exit_code == 0
    again = cli("import", str(path))
    assert again.exit_code == 0
    assert "imported 0 documents" in again.stderr and "skipped 1 already imported" in again.stderr
    assert rows(store, "SELECT count(*) FROM documents")[0][0] == 1
    assert rows(store, "SELECT count(*) FROM claims")[0][0] == 2


def test_same_text_twice_in_one_input_is_stored_once(store, write):
    path = write("dup.jsonl", "\n".join(json.dumps({"text": TARIFF, "title": t}) for t in ("x", "y")))
    report = import_paths(store, [str(path)])
    assert (report.documents, report.skipped) == (1, 1)


def test_bad_inputs_are_named_good_records_kept_and_exit_status_is_1(cli, store, write):
    write("good.txt", GALWAN)
    write("empty.txt", "")
    write("binary.txt", b"\x00\x01\x02\x03binary")
    write("latin.txt", "Caf\u00e9 prices rose 5%.".encode("latin-1"))
    jsonl = write("mixed.jsonl", "\n".join([json.dumps({"text": TARIFF}), "{oops", json.dumps({"text": "Ok 12 km."})]))
    csv_path = write("mixed.csv", "text,published\nTen people died.,2020-01-01\nFive people died.,someday\n")
    result = cli("import", str(jsonl.parent))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    named = {line.split(": ", 2)[1] for line in errors}
    assert named == {str(jsonl.parent / "empty.txt"), str(jsonl.parent / "binary.txt"),
                     str(jsonl.parent / "latin.txt"), f"{jsonl}:2", f"{csv_path}:3"}
    assert any("not valid UTF-8" in line and "--encoding" in line for line in errors)
    assert "imported 4 documents" in result.stderr and "5 failed" in result.stderr
    texts = {t for (t,) in rows(store, "SELECT text FROM documents")}
    assert texts == {GALWAN, TARIFF, "Ok 12 km.", "Ten people died."}


def test_a_missing_text_field_is_explained_with_the_option_that_fixes_it(cli, write):
    path = write("items.jsonl", json.dumps({"body": GALWAN}) + "\n")
    result = cli("import", str(path))
    assert result.exit_code == 1
    assert f"error: {path}:1: no 'text' field (fields here: body); choose the field that holds the text with " \
           "--text-field" in result.stderr
    assert cli("import", str(path), "--text-field", "body").exit_code == 0


def test_encoding_option_imports_a_latin1_file(cli, store, write):
    path = write("latin.txt", "Caf\u00e9 prices rose 5% in 2020.".encode("latin-1"))
    assert cli("import", str(path), "--encoding", "latin-1").exit_code == 0
    assert rows(store, "SELECT text FROM documents")[0][0] == "Caf\u00e9 prices rose 5% in 2020."


def test_sources_become_passages_with_their_figures(cli, store, write):
    path = write("galwan-clash.txt", "The Indian Army said 20 of its soldiers were killed.\n"
                                     "China later named four soldiers who died.")
    result = cli("import", str(path), "--as", "source")
    assert result.exit_code == 0, result.stderr
    assert "2 passages" in result.stderr
    assert rows(store, "SELECT kind, title, claims, passages FROM documents_v") == [("source", "galwan-clash", 0, 2)]
    passages = rows(store, "SELECT char_start, char_end, text FROM segments WHERE kind = 'passage' ORDER BY seq")
    text = rows(store, "SELECT text FROM documents")[0][0]
    assert all(text[start:end] == passage for start, end, passage in passages)
    figures = rows(store, "SELECT text, value, unit FROM quantities WHERE claim_id IS NULL ORDER BY char_start")
    assert figures == [("20", 20.0, "soldier"), ("four", 4.0, "soldier")]


def test_the_same_text_may_be_both_an_article_and_a_source(cli, store, write):
    path = write("a.txt", GALWAN)
    cli("import", str(path))
    cli("import", str(path), "--as", "source")
    assert sorted(k for (k,) in rows(store, "SELECT kind FROM documents")) == ["article", "source"]


def test_import_run_is_recorded_with_model_counts_and_errors(cli, store, write):
    write("good.txt", GALWAN)
    bad = write("bad.txt", "")
    cli("import", str(bad.parent))
    run = rows(store, "SELECT kind, model, model_version, documents, claims, failed, errors, finished_at IS NOT NULL "
                      "FROM runs")[0]
    assert run[0] == "import" and run[1] in MODEL_PACKAGES and run[2].startswith("3.8")
    assert run[3:6] == (1, 2, 1)
    assert json.loads(run[6]) == [{"origin": str(bad), "reason": "empty file"}]
    assert run[7] is True


def test_a_failing_document_rolls_back_alone_and_is_reported(store, monkeypatch):
    records = [Record(text=f"{n} people were hurt in the {n}th incident.", origin=f"rec:{n}") for n in range(1, 5)]
    failing = documents.content_hash(records[1].text)
    real = documents.BatchRows.load

    def load_failing_one(rows, con, run_id, now=None, only=None):
        written = real(rows, con, run_id, now, only)
        if any(digest == failing for _, digest in (rows.keys if only is None else [rows.keys[only]])):
            raise RuntimeError("disk full")
        return written

    monkeypatch.setattr(documents.BatchRows, "load", load_failing_one)
    report = importer.import_records(store, records, batch_docs=10)
    assert [str(p) for p in report.problems] == ["rec:2: could not be stored (disk full)"]
    stored = rows(store, "SELECT origin FROM documents ORDER BY origin")
    assert stored == [("rec:1",), ("rec:3",), ("rec:4",)]
    # nothing of the failed document is left behind, and the others' ids leave no gap for it
    orphans = rows(store, "SELECT count(*) FROM segments WHERE document_id NOT IN (SELECT id FROM documents)")
    assert orphans == [(0,)]
    assert rows(store, "SELECT id, origin FROM documents ORDER BY id") == [(1, "rec:1"), (2, "rec:3"), (3, "rec:4")]
    assert rows(store, "SELECT min(id), max(id), count(*) FROM segments") == [(1, 3, 3)]


def test_unknown_paths_fail_with_exit_status_1(cli, tmp_path):
    result = cli("import", str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    assert f"error: {tmp_path / 'missing.txt'}: no such file or directory" in result.stderr


@pytest.mark.parametrize("kind", ["article", "source"])
def test_progress_counts_every_character_analysed(store, kind):
    seen, totals = [], []
    records = [Record(text=f"Sentence number {n} mentions {n} km.", origin=f"r{n}") for n in range(5)]
    importer.import_records(store, records, kind=kind, on_total=totals.append, progress=seen.append, batch_docs=2)
    characters = sum(len(record.text) for record in records)
    assert totals == [characters] and sum(seen) == characters


def test_one_huge_text_shows_progress_as_it_is_analysed(store):
    from workbench.nlp.extract import MAX_CHUNK_CHARS

    text = "Officials said 12 people were hurt in the blast on Monday.\n" * 800  # about 47,000 characters
    seen = []
    importer.import_records(store, [Record(text=text, origin="huge")], on_total=lambda total: None,
                            progress=seen.append, match=False)
    assert len(seen) >= len(text) // MAX_CHUNK_CHARS and sum(seen) == len(text)


def test_workers_report_progress_too():
    from workbench.nlp.extract import analyse

    items = [(f"Report {n}: {n + 20} people died.", None) for n in range(70)]
    seen = []
    assert len(list(analyse(items, workers=2, progress=seen.append))) == 70
    assert sum(seen) == sum(len(text) for text, _ in items) and len(seen) >= 2


def test_workers_give_the_same_analysis_as_one_process():
    from workbench.nlp.extract import analyse

    items = [((f"Report {n}: at least {n + 20} people died and trade rose {n % 9 + 1}% to ${n + 2} billion in "
               f"2024. The minister said relief of Rs {n + 5} crore was approved."), f"2024-07-0{n % 9 + 1}")
             for n in range(70)]
    alone = list(analyse(items))
    shared = list(analyse(items, workers=2))
    assert len(shared) == len(alone) == 70
    assert shared == alone
    assert sum(len(a.claims) for a in alone) >= 280


def test_a_copy_differing_only_in_line_ends_and_surrounding_whitespace_is_skipped(store, write):
    jsonl = write("a.jsonl", json.dumps({"text": f"{TARIFF}\n{GALWAN}", "title": "Tariffs"}) + "\n")
    txt = write("a.txt", f"\n{TARIFF} \t\r\n{GALWAN}  \r\n\r\n")
    assert import_paths(store, [str(jsonl)]).documents == 1
    again = import_paths(store, [str(txt)])
    assert (again.documents, again.skipped) == (0, 1)
    assert rows(store, "SELECT count(*) FROM documents")[0][0] == 1


def test_documents_stored_with_raw_text_hashes_are_rehashed_by_the_migration(store, db_path, write):
    con = database_at_schema(db_path, 11)
    old = {1: TARIFF + "\n", 2: GALWAN + " \r\n", 3: GALWAN, 4: "Ten people died.\r\n", 5: " Ten people died."}
    for doc_id, text in old.items():  # 2 and 3, 4 and 5: copies an older workbench stored twice
        con.execute("INSERT INTO documents (id, kind, sha256, text, imported_at) VALUES (?, 'article', ?, ?, now())",
                    [doc_id, documents.hashlib.sha256(text.encode()).hexdigest(), text])
    con.close()
    hashes = dict(rows(store, "SELECT id, sha256 FROM documents"))
    assert hashes[1] == hashes_of(TARIFF) and hashes[3] == hashes_of(GALWAN) and hashes[4] == hashes_of(old[4])
    assert len(set(hashes.values())) == 5
    for name, text in (("a.txt", TARIFF), ("b.txt", GALWAN + "\n"), ("c.txt", "Ten people died.")):
        report = import_paths(store, [str(write(name, text))])
        assert (report.documents, report.skipped) == (0, 1), name


def hashes_of(text: str) -> str:
    return documents.content_hash(text)


def test_uploads_record_the_uploaded_files_name_as_their_origin(store):
    report = importer.import_uploads(store, [("articles.jsonl", (json.dumps({"text": TARIFF}) + "\n{oops\n").encode()),
                                             ("galwan.txt", GALWAN.encode())])
    assert report.documents == 2
    assert sorted(rows(store, "SELECT origin FROM documents")) == [("articles.jsonl:1",), ("galwan.txt",)]
    assert [problem.origin for problem in report.problems] == ["articles.jsonl:2"]


def test_a_huge_document_is_inserted_in_pieces_in_one_transaction(store, monkeypatch):
    """Rows wait at most FLUSH_ROWS at a time (bounded memory for a claim-dense huge file), yet the document
    is stored whole or not at all: a failure after some pieces went in leaves nothing of it."""
    text = "".join(f"Officials said {n} people were hurt and {n + 1} homes were damaged on Monday.\n"
                   for n in range(1, 61))
    monkeypatch.setattr(documents, "FLUSH_ROWS", 7)
    inserted = []
    real_insert = documents.insert_rows

    def counting(con, table, columns, **options):
        inserted.append((table, len(columns["id"])))
        return real_insert(con, table, columns, **options)

    monkeypatch.setattr(documents, "insert_rows", counting)
    report = importer.import_records(store, [Record(text=text, origin="huge")], match=False)
    claims = rows(store, "SELECT count(*) FROM claims")[0][0]
    assert report.claims == claims == 120 and rows(store, "SELECT count(*) FROM quantities")[0][0] == 120
    assert max(count for _, count in inserted) <= 7 and sum(1 for table, n in inserted if table == "claims" and n) > 10
    assert rows(store, "SELECT count(*) FROM claims c JOIN segments s ON s.id = c.segment_id "
                       "JOIN quantities q ON q.claim_id = c.id WHERE q.char_start BETWEEN s.char_start AND s.char_end") \
        == [(120,)]

    def failing_late(con, table, columns, **options):
        if table == "quantities" and columns["id"][0].as_py() > 2 * 120 - 10:
            raise RuntimeError("disk full")
        return real_insert(con, table, columns, **options)

    monkeypatch.setattr(documents, "insert_rows", failing_late)
    again = Record(text=text + "One more line: 5 people left.", origin="again")
    report = importer.import_records(store, [again], match=False)
    assert [str(p) for p in report.problems] == ["again: could not be stored (disk full)"]
    assert rows(store, "SELECT count(*) FROM documents")[0][0] == 1
    assert [rows(store, f"SELECT count(*) FROM {table}")[0][0] for table in ("segments", "claims")] == [60, 120]
    # a re-run completes it exactly: its rows follow the first document's without a gap
    monkeypatch.setattr(documents, "insert_rows", real_insert)
    assert importer.import_records(store, [again], match=False).claims == 121
    assert rows(store, "SELECT count(*), max(id) FROM claims") == [(241, 241)]
    assert rows(store, "SELECT count(*), max(id) FROM quantities") == [(241, 241)]


#: Sentences that lean back on the one before (a source joins them into one passage), with figures, so that
#: passages and claims straddle the pieces a text is cut into.
STRADDLING = "".join(f"Officials said {n} people were hurt in district {n}. It was the {n}th blast since 2019, "
                     f"and it cost Rs {n + 4} crore. " + ("\n\n" if n % 7 == 0 else "") for n in range(1, 90))


@pytest.mark.parametrize("kind", ["article", "source"])
def test_a_document_stored_piece_by_piece_is_stored_as_it_is_whole(store, tmp_path, monkeypatch, kind):
    """Each piece's rows are made as it is analysed (and spilled to files past FLUSH_ROWS), never the whole
    document's at once; yet every stored row is the one the whole document, analysed and written at once,
    gives: the same ids, segments (passages joined across pieces), claims, figures and frames."""
    from workbench.nlp import extract
    from workbench.store.db import Store

    monkeypatch.setattr(extract, "MAX_CHUNK_CHARS", 300)
    monkeypatch.setattr(documents, "FLUSH_ROWS", 25)
    records = [Record(text=STRADDLING, origin="huge", title="Huge"), Record(text=GALWAN, origin="small")]
    extended, spilled = [], []
    real_extend, real_spill = documents.BatchRows.extend, documents.feather.write_feather
    monkeypatch.setattr(documents.BatchRows, "extend",
                        lambda rows, segments, claims: extended.append(len(segments)) or
                        real_extend(rows, segments, claims))
    monkeypatch.setattr(documents.feather, "write_feather",
                        lambda table, path, **options: spilled.append(path.name) or real_spill(table, path, **options))
    report = importer.import_records(store, records, kind=kind, match=False)
    assert report.ok and report.documents == 2
    assert len(extended) > len(STRADDLING) // 300 and max(extended) < 10 and spilled

    whole = Store(tmp_path / "whole.duckdb")
    analyses = extract.analyse((record.text, record.published) for record in records)
    with whole.write() as con:
        documents.write_documents(con, [importer.analysed_document(kind, record, analysis)
                                        for record, analysis in zip(records, analyses)], run_id=None)
    stamps = {"imported_at", "created_at", "run_id"}
    for table, columns in documents.COLUMNS.items():
        select = f"SELECT {', '.join(c for c in columns if c not in stamps)} FROM {table} ORDER BY id"
        assert rows(store, select) == rows(whole, select), table
    passages = rows(store, "SELECT count(*) FROM segments WHERE kind = 'passage'")[0][0]
    assert passages == report.passages and (kind == "article" or 0 < passages < STRADDLING.count(". "))
    assert rows(store, "SELECT count(*) FROM quantities")[0][0] > 2 * 89
