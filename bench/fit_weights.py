"""Fit the reranker's weights on the tuning part of the relations set, cross-validated, and ship them.

The candidates are what matching really retrieves: every tuning pair's passage is a source in one pool
(as ``bench/relations_eval.py`` builds it), and each claim is searched against the whole pool with the
product's retrieval (BM25 over its words plus its figures' terms, ``MATCH_POOL`` hits). A candidate is
evidence (1) when it is a passage of the claim's own source and the pair's label is ``supports`` or
``contradicts``; anything else is not (0): other stories, and the traps' own passages.

A logistic regression over the candidate's parts (``workbench.match.rank.Parts``: text, fuzz, topic and
one indicator per figure outcome, "nothing to compare" being the reference) is fitted with 5-fold
cross-validation grouped by claim, over a small grid of ``bm25_half`` and the regularisation strength.
The script prints, per setting and for the weights set by hand before, the cross-validated log-loss and
how often the evidence is ranked first (recall@1) and in the top 5, then fits the chosen setting on
every tuning pair and writes ``workbench/match/weights.json`` (with ``--write``).

    .venv/bin/python bench/fit_weights.py            # report only
    .venv/bin/python bench/fit_weights.py --write    # and ship the fitted weights

The held-out part is never read. Nothing is downloaded.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
import tempfile
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from relations_eval import figure_claim, load_pairs, source_records

from workbench.ingest.importer import import_records
from workbench.match.engine import claim_query
from workbench.match.index import PassageIndex, figure_terms, query_terms
from workbench.match.rank import NOTHING, OUTCOMES, parts
from workbench.nlp.extract import analyse
from workbench.settings import MATCH_POOL
from workbench.store.db import Store

WEIGHTS = ROOT / "workbench" / "match" / "weights.json"
BM25_HALVES = (2.0, 4.0, 6.0, 10.0)
STRENGTHS = (0.1, 1.0, 10.0)
INDICATORS = [outcome for outcome in OUTCOMES if outcome != NOTHING]
#: The blend used before the weights were fitted: linear, each part's weight set by hand.
HAND_SET = {"text": 0.35, "fuzz": 0.15, "topic": 0.15, "bm25_half": 6.0,
            "figure": {"agrees": 0.35, "conflicts": 0.21, "compatible": 0.14, "elsewhere": 0.07, "nothing": 0.07}}


def candidates(workdir: Path) -> list[dict]:
    """Every retrieved candidate of every tuning claim: its raw parts, its claim and whether it is evidence."""
    pairs = load_pairs(("tuning",))
    store = Store(workdir / "fit.duckdb")
    import_records(store, source_records(pairs), kind="source", match=False)
    index = PassageIndex.for_store(store)
    index.sync(store)
    rows = []
    for number, (pair, analysis) in enumerate(zip(pairs, analyse((p["claim"], p["claim_published"]) for p in pairs))):
        claim = figure_claim(analysis.claims, pair)
        if claim is None:
            continue
        query = claim_query(claim, pair["claim_published"])
        tokens = list(dict.fromkeys(term for c in query.compared for term in figure_terms(c.quantity)))
        evidence = pair["label"] in ("supports", "contradicts")
        for hit in index.search(query_terms(query.text), tokens, MATCH_POOL):
            found = parts(query, hit)
            rows.append({"claim": number, "bm25": found.bm25, "fuzz": found.fuzz, "topic": found.topic,
                         "outcome": found.outcome,
                         "evidence": int(evidence and hit.source == pair["source_title"] and hit.text in pair["passage"])})
    return rows


def features(rows: list[dict], bm25_half: float) -> np.ndarray:
    return np.array([[r["bm25"] / (r["bm25"] + bm25_half) if r["bm25"] > 0 else 0.0, r["fuzz"], r["topic"],
                      *(1.0 if r["outcome"] == outcome else 0.0 for outcome in INDICATORS)] for r in rows])


def hand_set_scores(rows: list[dict]) -> np.ndarray:
    w = HAND_SET
    return np.array([w["text"] * (r["bm25"] / (r["bm25"] + w["bm25_half"]) if r["bm25"] > 0 else 0.0)
                     + w["fuzz"] * r["fuzz"] + w["topic"] * r["topic"] + w["figure"][r["outcome"]] for r in rows])


def ranking(rows: list[dict], scores: np.ndarray) -> dict[str, float]:
    """Recall@1 and recall@5 of the evidence among each claim's candidates, over claims that have evidence."""
    by_claim: dict[int, list[tuple[float, int]]] = {}
    for row, score in zip(rows, scores):
        by_claim.setdefault(row["claim"], []).append((score, row["evidence"]))
    ranks = []
    for scored in by_claim.values():
        if any(evidence for _, evidence in scored):
            ordered = sorted(scored, key=lambda item: -item[0])
            ranks.append(next(k for k, (_, evidence) in enumerate(ordered, start=1) if evidence))
    return {"recall@1": sum(r == 1 for r in ranks) / len(ranks), "recall@5": sum(r <= 5 for r in ranks) / len(ranks),
            "claims": len(ranks)}


def cross_validate(rows: list[dict], bm25_half: float, strength: float) -> dict[str, float]:
    x, y = features(rows, bm25_half), np.array([r["evidence"] for r in rows])
    groups = np.array([r["claim"] for r in rows])
    predicted = np.zeros(len(rows))
    for train, test in GroupKFold(n_splits=5).split(x, y, groups):
        model = LogisticRegression(C=strength, max_iter=1000).fit(x[train], y[train])
        predicted[test] = model.predict_proba(x[test])[:, 1]
    return {"log_loss": log_loss(y, predicted), **ranking(rows, predicted)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help=f"write the fitted weights to {WEIGHTS.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="fit-weights-") as tmp:
        rows = candidates(Path(tmp))
    positives = sum(r["evidence"] for r in rows)
    print(f"{len(rows)} candidates of {len({r['claim'] for r in rows})} tuning claims, {positives} of them evidence")
    hand = ranking(rows, hand_set_scores(rows))
    print(f"\n  hand-set blend (before):            recall@1 {hand['recall@1']:.3f}  recall@5 {hand['recall@5']:.3f}")
    results = {}
    for bm25_half in BM25_HALVES:
        for strength in STRENGTHS:
            results[(bm25_half, strength)] = cross_validate(rows, bm25_half, strength)
            r = results[(bm25_half, strength)]
            print(f"  bm25_half {bm25_half:>4g}  C {strength:>5g}:  log-loss {r['log_loss']:.4f}  "
                  f"recall@1 {r['recall@1']:.3f}  recall@5 {r['recall@5']:.3f}  (5-fold, grouped by claim)")
    (bm25_half, strength), best = min(results.items(), key=lambda item: item[1]["log_loss"])
    x, y = features(rows, bm25_half), np.array([r["evidence"] for r in rows])
    model = LogisticRegression(C=strength, max_iter=1000).fit(x, y)
    coefficients = dict(zip(["text", "fuzz", "topic", *(f"figure_{o}" for o in INDICATORS)], model.coef_[0]))
    weights = {"intercept": float(model.intercept_[0]), **{k: float(v) for k, v in coefficients.items()},
               "figure_nothing": 0.0, "bm25_half": bm25_half}
    print(f"\n  chosen: bm25_half {bm25_half:g}, C {strength:g} (lowest cross-validated log-loss)")
    print("  weights: " + ", ".join(f"{k} {v:+.3f}" for k, v in weights.items()))
    if args.write:
        WEIGHTS.write_text(json.dumps({
            "about": "Reranker weights fitted by bench/fit_weights.py on the tuning part of the relations set "
                     "(bench/data/relations/tuning-*.jsonl); never on the held-out part.",
            "fitted": dt.date.today().isoformat(), "candidates": len(rows), "evidence": positives,
            "cross_validated": {"folds": 5, "grouped_by": "claim", "C": strength,
                                **{k: round(v, 4) for k, v in best.items() if not isinstance(v, int)}},
            "hand_set_before": {k: round(v, 4) for k, v in hand.items() if not isinstance(v, int)},
            "weights": {k: round(v, 4) if not math.isclose(v, 0.0) else 0.0 for k, v in weights.items()},
        }, indent=2) + "\n", encoding="utf-8")
        print(f"  written to {WEIGHTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
