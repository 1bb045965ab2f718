"""Training the check-worthiness classifier: a reproducible script, not a notebook.

``workbench train-checkworthiness`` reads the labelled ClaimBuster sentences, holds out a fixed,
stratified 20% that it never trains on, and analyses every sentence once with the base spaCy
pipeline (the features the component will see). It then trains the two bag-of-n-grams members
of the classifier (``textcat`` on words and feature tokens, ``textcat_syntax`` on lemmas, the
root and the tag sequence; see :mod:`workbench.nlp.checkworthiness`), whose averaged probability
is the score, and reports precision, recall and F1 of the positive class on the held-out part.

How the settings were chosen (by 5-fold cross-validation on the training part only; the held-out
part was scored once, for the final choice): bag of unigrams and bigrams (trigrams overfit), the
standard ``textcat`` squared-error loss with every check-worthy sentence weighted
``POSITIVE_WEIGHT`` times (the threshold is fixed at 0.5, and unweighted training leaves recall
well below precision), Adam at 0.001 with batches of 32, and few epochs: F1 peaks after two or
three passes and then falls as the model memorises the training sentences. ``train`` does not
take the number of epochs on trust: ``epochs`` is the maximum, and a 5-fold cross-validation on
the training part (never the held-out part) picks the count with the best mean F1, stopping
``PATIENCE`` epochs after the best. The final model is then trained on the whole training part
for that many epochs. Everything is seeded: the same data and seed give the same model.

The trained pipeline is written where the ``checkworthiness`` component loads it from.
"""
from __future__ import annotations

import csv
import json
import random
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy
import spacy
from spacy.tokens import Doc
from spacy.training import Example
from thinc.api import Adam

from workbench.nlp.checkworthiness import (
    EMPTY,
    MEMBERS,
    POSITIVE,
    member_features,
    predict,
)
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
POSITIVE_WEIGHT = 2.5
LEARN_RATE = 0.001
BATCH_SIZE = 32
CV_FOLDS = 5
PATIENCE = 3



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
    cv_f1: float | None = None
    cv_curve: list[float] = field(default_factory=list)
    settings: dict = field(default_factory=dict)

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
        cut = round(len(group) * heldout)
        test += group[:cut]
        train += group[cut:]
    rng.shuffle(train)
    return train, test


def stratified_folds(labels: list[int], k: int, seed: int) -> list[list[int]]:
    """``k`` disjoint lists of indices, each with about the same share of positives."""
    rng = random.Random(seed)
    folds: list[list[int]] = [[] for _ in range(k)]
    for label in (0, 1):
        indices = [i for i, value in enumerate(labels) if value == label]
        rng.shuffle(indices)
        for position, index in enumerate(indices):
            folds[position % k].append(index)
    return [sorted(fold) for fold in folds]


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


def _features(texts: list[str]) -> list[tuple[list[str], list[str]]]:
    """Every member's input for each text, analysed as one sentence by the base pipeline."""
    base = load_base()
    return [member_features(doc) for doc in base.pipe(texts, batch_size=256)]


class _Ensemble:
    """The classifier pipeline under training: one bag-of-n-grams textcat per member, each with its
    own optimizer and its own seeded shuffling."""

    def __init__(self, rows: list[tuple[list[str], ...]], labels: list[int], seed: int, positive_weight: float):
        spacy.util.fix_random_seed(seed)
        self.nlp = spacy.blank("en")
        self.labels = numpy.asarray(labels, dtype="f")
        self.weights = numpy.where(self.labels == 1, positive_weight, 1.0).astype("f")[:, None]
        self.truths = numpy.stack([self.labels, 1 - self.labels], axis=1)  # columns: POSITIVE, NEGATIVE
        self.members = []
        for index, name in enumerate(MEMBERS):
            textcat = self.nlp.add_pipe("textcat", name=name, config=TEXTCAT_CONFIG)
            textcat.add_label(POSITIVE)
            textcat.add_label(NEGATIVE)
            docs = [Doc(self.nlp.vocab, words=row[index] or [EMPTY]) for row in rows]
            optimizer = Adam(learn_rate=LEARN_RATE, L2=0.0, grad_clip=1.0, use_averages=False)
            self.members.append((textcat, docs, optimizer, random.Random(seed + index)))
        first = Doc(self.nlp.vocab, words=[EMPTY])
        self.nlp.initialize(lambda: [Example.from_dict(first, {"cats": {POSITIVE: 1.0, NEGATIVE: 0.0}})])

    def epoch(self) -> list[float]:
        """One pass over the training sentences for every member; their summed weighted losses."""
        losses = []
        for textcat, docs, optimizer, rng in self.members:
            order = list(range(len(docs)))
            rng.shuffle(order)
            loss = 0.0
            for start in range(0, len(order), BATCH_SIZE):
                batch = order[start:start + BATCH_SIZE]
                scores, backprop = textcat.model.begin_update([docs[i] for i in batch])
                d_scores = ((scores - self.truths[batch]) * self.weights[batch]).astype("f")
                loss += float((d_scores ** 2).sum())
                backprop(d_scores)
                textcat.model.finish_update(optimizer)
            losses.append(loss)
        return losses

    def predict(self, rows: list[tuple[list[str], ...]]) -> list[float]:
        return predict(self.nlp, rows)


def _select_epochs(rows, labels, max_epochs: int, seed: int, positive_weight: float, log) -> tuple[int, list[float]]:
    """The epoch count with the best mean F1 over a k-fold cross-validation of the training part."""
    folds = stratified_folds(labels, CV_FOLDS, seed)
    runs = []
    for fold in folds:
        held = set(fold)
        inside = [i for i in range(len(rows)) if i not in held]
        runs.append((_Ensemble([rows[i] for i in inside], [labels[i] for i in inside], seed, positive_weight),
                     [rows[i] for i in fold], [labels[i] for i in fold]))
    curve: list[float] = []
    for epoch in range(1, max_epochs + 1):
        f1s = []
        for ensemble, val_rows, val_labels in runs:
            ensemble.epoch()
            f1s.append(score(val_labels, ensemble.predict(val_rows)).f1)
        curve.append(round(sum(f1s) / len(f1s), 4))
        log(f"cross-validation epoch {epoch:2d}  mean F1 {curve[-1]:.4f}  (folds {' '.join(f'{f:.3f}' for f in f1s)})")
        best = curve.index(max(curve)) + 1
        if epoch - best >= PATIENCE:
            break
    return curve.index(max(curve)) + 1, curve


def _can_cross_validate(labels: list[int]) -> bool:
    return len(labels) >= CV_FOLDS * 20 and min(labels.count(0), labels.count(1)) >= CV_FOLDS * 2


def train(data: Path, out_dir: Path, *, epochs: int = 12, heldout: float = 0.2,
          seed: int = 13, log=print, positive_weight: float = POSITIVE_WEIGHT,
          select_epochs: bool = True) -> TrainingReport:
    """Train, evaluate on the held-out part and write the classifier to ``out_dir``.

    ``epochs`` is the most passes over the data; with ``select_epochs`` (and enough data) a
    cross-validation on the training part picks the count, else all ``epochs`` are run.
    """
    started = time.perf_counter()
    rows = read_labelled(data)
    train_rows, test_rows = stratified_split(rows, heldout, seed)
    log(f"analysing {len(rows)} sentences with the base pipeline")
    train_features = _features([text for text, _ in train_rows])
    test_features = _features([text for text, _ in test_rows])
    train_labels = [label for _, label in train_rows]

    curve: list[float] = []
    chosen = epochs
    if select_epochs and epochs > 1 and _can_cross_validate(train_labels):
        log(f"choosing the number of epochs (at most {epochs}) by {CV_FOLDS}-fold cross-validation "
            f"on the {len(train_rows)} training sentences")
        chosen, curve = _select_epochs(train_features, train_labels, epochs, seed, positive_weight, log)
        log(f"chosen: {chosen} epochs (cross-validated F1 {curve[chosen - 1]:.4f})")

    ensemble = _Ensemble(train_features, train_labels, seed, positive_weight)
    for epoch in range(1, chosen + 1):
        losses = ensemble.epoch()
        log(f"epoch {epoch:2d}  loss " + "  ".join(f"{name} {loss:8.3f}" for name, loss in zip(MEMBERS, losses)))
    gold = [label for _, label in test_rows]
    heldout_scores = score(gold, ensemble.predict(test_features)) if test_rows else Scores(0.0, 0.0, 0.0, 0.0, 0)
    out_dir.mkdir(parents=True, exist_ok=True)
    ensemble.nlp.to_disk(out_dir)
    settings = {"members": list(MEMBERS), "ngram_size": TEXTCAT_CONFIG["model"]["ngram_size"],
                "length": TEXTCAT_CONFIG["model"]["length"], "positive_weight": positive_weight,
                "learn_rate": LEARN_RATE, "batch_size": BATCH_SIZE, "max_epochs": epochs,
                "cv_folds": CV_FOLDS if curve else 0, "seed": seed}
    report = TrainingReport(len(train_rows), len(test_rows), chosen, heldout_scores,
                            round(time.perf_counter() - started, 1), str(out_dir),
                            cv_f1=curve[chosen - 1] if curve else None, cv_curve=curve, settings=settings)
    (out_dir / "training-report.json").write_text(json.dumps(report.as_dict(), indent=2) + "\n")
    return report
