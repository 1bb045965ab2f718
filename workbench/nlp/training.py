"""Training the check-worthiness classifier: a reproducible script, not a notebook.

``workbench train-checkworthiness`` reads the labelled ClaimBuster sentences, holds out a fixed,
stratified 20% that it never trains on, analyses every sentence once with the base spaCy
pipeline (the features the component will see), trains a bag-of-n-grams ``textcat`` and reports
precision, recall and F1 of the positive class on the held-out part. The trained pipeline is
written where the ``checkworthiness`` component loads it from.
"""
from __future__ import annotations

import csv
import json
import random
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import spacy
from spacy.training import Example
from spacy.util import minibatch

from workbench.nlp.checkworthiness import DEFAULT_MODEL, POSITIVE, sentence_features
from workbench.nlp.pipeline import load_base

NEGATIVE = "OTHER"
TEXTCAT_CONFIG = {
    "model": {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": True,
        "ngram_size": 2,
        "no_output_layer": False,
        "length": 262144,
    }
}


@dataclass
class Scores:
    precision: float
    recall: float
    f1: float
    accuracy: float
    support: int


@dataclass
class TrainingReport:
    train_sentences: int
    heldout_sentences: int
    epochs: int
    heldout: Scores
    seconds: float
    model_dir: str

    def as_dict(self) -> dict:
        return asdict(self)


def read_labelled(path: Path) -> list[tuple[str, int]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return [(row["text"], int(row["label"])) for row in csv.DictReader(handle) if row["text"].strip()]


def stratified_split(rows: list[tuple[str, int]], heldout: float, seed: int):
    rng = random.Random(seed)
    train, test = [], []
    for label in (0, 1):
        group = [row for row in rows if row[1] == label]
        rng.shuffle(group)
        cut = int(round(len(group) * heldout))
        test += group[:cut]
        train += group[cut:]
    rng.shuffle(train)
    return train, test


def score(gold: list[int], predicted: list[float], threshold: float = 0.5) -> Scores:
    tp = sum(1 for g, p in zip(gold, predicted) if g == 1 and p >= threshold)
    fp = sum(1 for g, p in zip(gold, predicted) if g == 0 and p >= threshold)
    fn = sum(1 for g, p in zip(gold, predicted) if g == 1 and p < threshold)
    correct = sum(1 for g, p in zip(gold, predicted) if (p >= threshold) == (g == 1))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(round(precision, 4), round(recall, 4), round(f1, 4), round(correct / len(gold), 4),
                  sum(gold))


def _features(texts: list[str]) -> list[list[str]]:
    base = load_base()
    return [sentence_features(doc) or ["<empty>"] for doc in base.pipe(texts, batch_size=256)]


def _predict(nlp, features: list[list[str]]) -> list[float]:
    docs = [spacy.tokens.Doc(nlp.vocab, words=words) for words in features]
    return [doc.cats[POSITIVE] for doc in nlp.get_pipe("textcat").pipe(docs, batch_size=256)]


def train(data: Path, out_dir: Path = Path(str(DEFAULT_MODEL)), *, epochs: int = 12, heldout: float = 0.2,
          seed: int = 13, log=print) -> TrainingReport:
    started = time.perf_counter()
    spacy.util.fix_random_seed(seed)
    rows = read_labelled(data)
    train_rows, test_rows = stratified_split(rows, heldout, seed)
    log(f"analysing {len(rows)} sentences with the base pipeline")
    train_features = _features([text for text, _ in train_rows])
    test_features = _features([text for text, _ in test_rows])

    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat", config=TEXTCAT_CONFIG)
    textcat.add_label(POSITIVE)
    textcat.add_label(NEGATIVE)
    examples = []
    for words, (_, label) in zip(train_features, train_rows):
        doc = spacy.tokens.Doc(nlp.vocab, words=words)
        examples.append(Example.from_dict(doc, {"cats": {POSITIVE: float(label), NEGATIVE: float(1 - label)}}))
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for epoch in range(1, epochs + 1):
        rng.shuffle(examples)
        losses: dict = {}
        for batch in minibatch(examples, size=32):
            nlp.update(batch, sgd=optimizer, drop=0.2, losses=losses)
        log(f"epoch {epoch:2d}  loss {losses.get('textcat', 0.0):8.3f}")
    heldout_scores = score([label for _, label in test_rows], _predict(nlp, test_features))
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out_dir)
    report = TrainingReport(len(train_rows), len(test_rows), epochs, heldout_scores,
                            round(time.perf_counter() - started, 1), str(out_dir))
    (out_dir / "training-report.json").write_text(json.dumps(report.as_dict(), indent=2) + "\n")
    return report
