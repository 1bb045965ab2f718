"""``workbench score``: check-worthiness of any list of sentences, in input order."""
from __future__ import annotations

import json
from pathlib import Path

FACTUAL = "Unemployment fell to 3.5 percent last year, the lowest level in 50 years."
OPINION = "I think we should all be nicer to each other."


def scored(cli, text):
    result = cli("score", "--input", "-", input=text, db=False)
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_jsonl_input_keeps_ids_and_order(cli):
    lines = [json.dumps({"id": "a", "text": FACTUAL}), json.dumps({"text": OPINION}), json.dumps({"id": 7, "text": FACTUAL})]
    out = scored(cli, "\n".join(lines))
    assert [o["id"] for o in out] == ["a", 2, 7]
    assert [o["text"] for o in out] == [FACTUAL, OPINION, FACTUAL]
    assert out[0]["checkworthiness"] == out[2]["checkworthiness"]
    assert out[0]["checkworthiness"] >= 0.5 > out[1]["checkworthiness"]
    assert all(0.0 <= o["checkworthiness"] <= 1.0 for o in out)


def test_plain_text_is_one_sentence_per_line(cli):
    out = scored(cli, f"{FACTUAL}\n\n{OPINION}\n")
    assert [(o["id"], o["text"]) for o in out] == [(1, FACTUAL), (3, OPINION)]


def test_a_malformed_jsonl_line_is_named(cli):
    result = cli("score", input='{"text": "ok"}\n{broken\n', db=False)
    assert result.exit_code == 2 and result.stderr.startswith("error: <stdin>:2: invalid JSON")


def test_training_writes_its_own_folder_and_leaves_the_shipped_model_alone(cli, tmp_path, monkeypatch):
    from workbench.nlp.checkworthiness import DEFAULT_MODEL

    shipped = [path for path in Path(str(DEFAULT_MODEL)).rglob("*") if path.is_file()]
    before = {path: path.stat().st_mtime_ns for path in shipped}
    data = tmp_path / "train.csv"
    rows = [f'"{FACTUAL.replace("3.5", str(n))}",1' for n in range(30)] + [f'"{OPINION} Really, {n}.",0'
                                                                         for n in range(30)]
    data.write_text("text,label\n" + "\n".join(rows) + "\n")
    monkeypatch.chdir(tmp_path)
    result = cli("train-checkworthiness", "--data", str(data), "--epochs", "1", db=False)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "checkworthiness-model" / "config.cfg").is_file()
    assert shipped and {path: path.stat().st_mtime_ns for path in shipped} == before
