"""``workbench extract``: the contract's JSON lines, offsets that reproduce spans, clear input errors."""
from __future__ import annotations

import json

from workbench.demo import article_text

CONTRACT_KEYS = {"sentence", "kind", "quantity", "subject", "time", "attribution", "hedged", "checkworthiness"}
QUANTITY_KEYS = {"text", "start", "end", "value", "value_max", "unit", "qualifier"}


def claims_of(cli, text):
    result = cli("extract", "--format", "jsonl", "-", input=text, db=False)
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_jsonl_follows_the_contract_and_offsets_reproduce_spans(cli):
    text = article_text()
    claims = claims_of(cli, text)
    assert claims
    for claim in claims:
        assert CONTRACT_KEYS <= set(claim)
        sentence = claim["sentence"]
        assert text[sentence["start"]:sentence["end"]] == sentence["text"]
        if claim["quantity"]:
            quantity = claim["quantity"]
            assert QUANTITY_KEYS <= set(quantity)
            assert text[quantity["start"]:quantity["end"]] == quantity["text"]
            assert sentence["start"] <= quantity["start"] < quantity["end"] <= sentence["end"]
        else:
            assert claim["kind"] == "statement"
    starts = [c["quantity"]["start"] if c["quantity"] else c["sentence"]["start"] for c in claims]
    galwan = next(c for c in claims if c["quantity"] and c["quantity"]["text"] == "at least 20")
    assert galwan["kind"] == "count" and galwan["quantity"]["qualifier"] == "at_least"
    assert galwan["subject"] == "Indian soldiers" and galwan["time"] == "2020"
    sentence_order = [c["sentence"]["start"] for c in claims]
    assert sentence_order == sorted(sentence_order) and len(starts) == len(claims)


def test_offsets_hold_for_non_ascii_text(cli):
    text = "Le café — “au moins” ünïcödé: prices rose 12% in 2021 and 😀 four people left."
    figures = [claim["quantity"] for claim in claims_of(cli, text) if claim["quantity"]]
    assert {q["text"] for q in figures} >= {"12%", "2021", "four"}
    for q in figures:
        assert text[q["start"]:q["end"]] == q["text"]


def test_empty_input_gives_no_claims_and_exit_0(cli):
    result = cli("extract", "--format", "jsonl", "-", input="", db=False)
    assert result.exit_code == 0 and result.stdout == ""


def test_non_utf8_input_is_one_line_and_exit_2(cli, write):
    path = write("latin.txt", "Caf\u00e9 prices rose 5%.".encode("latin-1"))
    result = cli("extract", str(path), db=False)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}: not valid UTF-8") and result.stderr.count("\n") == 1


def test_missing_file_is_exit_2(cli, tmp_path):
    result = cli("extract", str(tmp_path / "nope.txt"), db=False)
    assert result.exit_code == 2 and "cannot read" in result.stderr


def test_table_format_is_readable(cli):
    result = cli("extract", "--format", "table", "-", input="Tariffs of 50% were imposed.", db=False)
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["kind", "figure", "value"] and "50%" in lines[2]


def test_long_texts_are_cut_at_line_breaks_into_bounded_chunks():
    from workbench.nlp.extract import MAX_CHUNK_CHARS, chunks

    paragraph = "Officials said 12 people were hurt in the blast on Monday. " * 20
    text = "\n".join([paragraph] * 200) + "\n" + "x" * (3 * MAX_CHUNK_CHARS)  # and one huge line
    parts = list(chunks(text))
    assert "".join(part for _, part in parts) == text
    assert all(len(part) <= MAX_CHUNK_CHARS for _, part in parts)
    assert all(text[offset:offset + len(part)] == part for offset, part in parts)
    assert all(part.endswith("\n") for _, part in parts[:-4])  # paragraphs are never split mid-line


def test_claims_stream_before_the_whole_text_is_analysed(monkeypatch):
    from workbench.nlp import extract

    monkeypatch.setattr(extract, "MAX_CHUNK_CHARS", 600)
    seen = []
    real_make_doc = extract.load_pipeline().make_doc
    monkeypatch.setattr(extract.load_pipeline(), "make_doc", lambda text: seen.append(len(text)) or real_make_doc(text))
    text = ("Officials said 12 people were hurt in the blast on Monday.\n" * 400)
    first = next(extract.iter_claims(text))
    assert first.quantity.text == "12"
    assert sum(seen) < len(text)  # the first claim came out before every chunk had been read
