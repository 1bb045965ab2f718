"""Can a reviewer trust the relation labels? Precision and recall of supports / contradicts / related.

The set is ``bench/data/relations/``: claim–passage pairs written by hand across news desks (see its
README). ``tuning-*.jsonl`` is what the matching rules were developed and fitted on; ``heldout-*.jsonl``
was written before the rules changed, blind to them, and is only ever scored.

Every pair's passage is imported as a source of its own (title and date from the pair) into one
temporary database, so the passages carry their figures and frames exactly as a real import stores
them. Each claim sentence is read by the extraction pipeline with its article's date; the pair's
``figure`` picks which of the sentence's claims it is. The claim is then related to its own source's
passages by the product's matcher (``Matcher.match(..., within=...)``); the label shown for the source
is the decisive one (``contradicts`` or ``supports`` when its passages say so, the better-scored one
when they disagree), else ``related``.

The same pairs are also run through earlier rules, each read with ``git archive`` into a temporary folder
and run in a subprocess, so all are printed side by side in one run (``BASELINES``): the rules before
issue 8 ("old"), those at the end of its first round ("round1", the rules round 2's held-out part was
written blind to), of its second ("round2", round 3's), of its third ("round3", round 4's), of its fourth ("round4", round
5's), of its fifth ("round5", round 6's), of its sixth ("round6", round 7's), of its seventh ("round7",
round 8's), of its eighth ("round8", round 9's), of its ninth ("round9", round 10's), of its tenth
("round10", round 11's) and of its eleventh ("round11", round 12's).
``--no-baseline`` skips them (e.g. in a copy without git history); ``--baseline NAME`` runs only those named.

The set grows in rounds: each round's held-out part is scored, never tuned on, and becomes tuning data once
the next round's held-out part has been written, blind, before any of that round's rules changed. Round 1's
(ids ``ha-``/``hb-``) is now ``tuning-c``/``-d``; round 2's (``hc-``/``hd-``) is ``tuning-e``/``-f``; round
3's (``he-``/``hf-``) is ``tuning-g``/``-h``; round 4's (``hg-``/``hh-``) is ``tuning-i``/``-j``; round 5's
(``hi-``/``hj-``) is ``tuning-k``/``-l``; round 6's (``hk-``/``hl-``) is ``tuning-m``/``-n``; round 7's
(``hm-``/``hn-``) is ``tuning-o``/``-p``; round 8's (``ho-``/``hp-``) is ``tuning-q``/``-r``; round 9's
(``hq-``/``hr-``) is ``tuning-s``/``-t``; round 10's (``hs-``/``ht-``) is ``tuning-u``/``-v``; round 11's
(``hu-``/``hv-``) is ``tuning-w``/``-x``; round 12's (``hw-``/``hx-``, in ``heldout-w``/``-x``) is the held-out
part. Its first score is the "round11" column: the rules it was written against.

    .venv/bin/python bench/relations_eval.py
    .venv/bin/python bench/relations_eval.py --part tuning --errors 40   # the mistakes, to work on
    .venv/bin/python bench/relations_eval.py --no-baseline
    .venv/bin/python bench/relations_eval.py --baseline round11 --part heldout   # first score against now

No assertions; nothing is downloaded. About twelve minutes on 2 cores with every earlier set of rules (a spaCy
load and an import per set), a minute for the current rules alone.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAIRS_DIR = ROOT / "bench" / "data" / "relations"
PARTS = ("tuning", "heldout")
LABELS = ("supports", "contradicts", "related")
#: Earlier rules printed beside the current ones: the last commit before issue 8 changed the rules (run by
#: :data:`BASELINE_DRIVER`, for its older interfaces), and the ends of rounds 1 to 4 (run by :func:`predict`).
BASELINES = {"old": "4c1cf99", "round1": "5116f8e", "round2": "3287371", "round3": "1cf5c14",
             "round4": "a243de5", "round5": "bf5461f", "round6": "cc20b58", "round7": "992f308",
             "round8": "2c952ed", "round9": "befb2a7", "round10": "7ead1b5", "round11": "e83db16"}


def load_pairs(parts: Iterable[str] = PARTS) -> list[dict]:
    pairs = []
    for part in parts:
        for path in sorted(PAIRS_DIR.glob(f"{part}-*.jsonl")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if line.strip():
                    pair = json.loads(line)
                    pair["part"] = part
                    pairs.append(pair)
    return pairs


def _stored_pairs(pairs: list[dict]) -> dict[str, dict]:
    """Each passage with the pair whose source is stored for it: an import keeps one document per text, so a
    passage two pairs give under two titles is stored under the first's."""
    first: dict[str, dict] = {}
    for pair in pairs:
        first.setdefault(pair["passage"], pair)
    return first


def stored_title(pairs: list[dict]) -> dict[str, str]:
    """Each passage's title as stored (:func:`_stored_pairs`)."""
    return {passage: pair["source_title"] for passage, pair in _stored_pairs(pairs).items()}


def source_records(pairs: list[dict]):
    """One source document per distinct passage: what an import of the sources would store."""
    from workbench.ingest.readers import Record

    return [Record(text=passage, origin=pair["source_title"], title=pair["source_title"],
                   published=pair["source_published"]) for passage, pair in _stored_pairs(pairs).items()]


def figure_claim(claims: list, pair: dict):
    """The claim of the sentence whose figure is the pair's (by offsets), or None when extraction missed it."""
    start = pair["claim"].find(pair["figure"])
    end = start + len(pair["figure"])
    overlapping = [c for c in claims if c.quantity is not None and c.quantity.start < end and start < c.quantity.end]
    return min(overlapping, key=lambda c: abs(c.quantity.start - start), default=None)


def decisive(labelled: list[tuple[str, float]]) -> str:
    """The label a reviewer sees for a source: the one its passages agree on, else the best-scored one's."""
    labels = {label for label, _ in labelled}
    if "supports" in labels and "contradicts" in labels:
        return max(labelled, key=lambda item: item[1])[0]
    for label in ("contradicts", "supports"):
        if label in labels:
            return label
    return "related"


# -- the current rules, in this process ----------------------------------------------------------------

def matched(pairs: list[dict], workdir: Path):
    """Each pair with the claim it is about (None when extraction missed its figure), the matcher, and the
    passages of its own source: what the product's matcher relates, as a real import stores them."""
    from workbench.ingest.importer import import_records
    from workbench.match.engine import Matcher
    from workbench.match.index import PassageIndex
    from workbench.nlp.extract import analyse
    from workbench.store.db import Store

    store = Store(workdir / "relations.duckdb")
    import_records(store, source_records(pairs), kind="source", match=False)
    index = PassageIndex.for_store(store)
    index.sync(store)
    passages = index.passages_by_source()
    matcher = Matcher(index)
    analyses = analyse((pair["claim"], pair["claim_published"]) for pair in pairs)
    titles = stored_title(pairs)
    for pair, analysis in zip(pairs, analyses):
        hits = [hit for hit in passages[titles[pair["passage"]]] if hit.text in pair["passage"]]
        yield pair, figure_claim(analysis.claims, pair), matcher, hits


def predict(pairs: list[dict], workdir: Path) -> dict[str, dict]:
    """Each pair's predicted label and why, with the current package."""
    from workbench.match.engine import claim_query

    predictions = {}
    for pair, claim, matcher, hits in matched(pairs, workdir):
        if claim is None:
            predictions[pair["id"]] = {"label": "related", "why": "(figure not extracted)", "extracted": False}
            continue
        candidates = matcher.match(claim_query(claim, pair["claim_published"]), top=len(hits),
                                   within=[hit.passage_id for hit in hits])
        best = max(candidates, key=lambda c: c.score, default=None)
        predictions[pair["id"]] = {"label": decisive([(c.relation, c.score) for c in candidates]),
                                   "why": best.why if best else "(no passage)", "extracted": True,
                                   "frames": [frame_line(claim)] + [frame_line(f) for h in hits for f in h.figures]}
    return predictions


def frame_line(claim) -> str:
    """One figure's frame as the matcher sees it, for ``--explain``."""
    from workbench.match.frames import measure_of

    q, frame, measure = claim.quantity, claim.frame, measure_of(claim)
    return (f"{q.text!r} {q.kind}/{q.unit} {q.direction or ''}{'/' + q.role if q.role else ''} time={q.time} "
            f"measure={frame.measure!r} head={measure.head} event={measure.event} words={sorted(measure.words)} "
            f"actors={frame.actors} places={frame.places} pred={claim.predicate!r} subj={claim.subject!r}"
            f"{' hedged' if frame.hedged else ''}")


# -- the rules before issue 8, in a subprocess on their own code ---------------------------------------

BASELINE_DRIVER = r'''
import json, sys
from pathlib import Path
import tantivy
sys.path.insert(0, sys.argv[1])
from relations_eval import decisive, figure_claim, source_records, stored_title
from workbench.ingest.importer import import_records
from workbench.match.engine import query_from_extraction
from workbench.match.index import PassageIndex
from workbench.match.rank import score_hit
from workbench.match.relation import relate
from workbench.nlp.extract import analyse
from workbench.settings import MatchWeights
from workbench.store.db import Store

pairs = json.loads(Path(sys.argv[2]).read_text())
store = Store(Path(sys.argv[3]) / "relations.duckdb")
import_records(store, source_records(pairs), kind="source", match=False)
index = PassageIndex.for_store(store)
index.sync(store)
searcher = index.index.searcher()
by_source = {}
for _, address in searcher.search(tantivy.Query.all_query(), index.count()).hits:
    hit = PassageIndex._hit(searcher, address, 0.0)
    by_source.setdefault(hit.source, []).append(hit)
out, titles = {}, stored_title(pairs)
for pair, analysis in zip(pairs, analyse((p["claim"], p["claim_published"]) for p in pairs)):
    claim = figure_claim(analysis.claims, pair)
    if claim is None:
        out[pair["id"]] = {"label": "related", "why": "(figure not extracted)", "extracted": False}
        continue
    query = query_from_extraction(pair["claim"], [claim])
    hits = [h for h in by_source[titles[pair["passage"]]] if h.text in pair["passage"]]
    labelled = [(relate(query, scored)[0], scored.score) for scored in (score_hit(query, h, MatchWeights()) for h in hits)]
    why = [relate(query, score_hit(query, h, MatchWeights()))[1] for h in hits]
    out[pair["id"]] = {"label": decisive(labelled), "why": why[0] if why else "", "extracted": True}
print(json.dumps(out))
'''


CURRENT_DRIVER = r'''
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from relations_eval import predict
print(json.dumps(predict(json.loads(Path(sys.argv[2]).read_text()), Path(sys.argv[3]))))
'''


def predict_baseline(pairs: list[dict], workdir: Path, name: str) -> dict[str, dict]:
    """Each pair's label under the rules of ``BASELINES[name]``: its ``workbench/`` package, run in a fresh
    interpreter (the oldest through its own interfaces, later ones through :func:`predict`)."""
    ref = BASELINES[name]
    code = workdir / f"code-{name}"
    code.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", ref, "workbench"],
                             check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(code, filter="data")
    pairs_file = workdir / "pairs.json"
    pairs_file.write_text(json.dumps(pairs))
    run_dir = workdir / f"run-{name}"
    run_dir.mkdir()
    driver = BASELINE_DRIVER if name == "old" else CURRENT_DRIVER
    env = {**os.environ, "PYTHONPATH": str(code)}
    result = subprocess.run([sys.executable, "-c", driver, str(Path(__file__).parent), str(pairs_file),
                             str(run_dir)], check=False, cwd=run_dir, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"rules at {ref} failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.splitlines()[-1])


# -- scores --------------------------------------------------------------------------------------------

def per_label(pairs: list[dict], predictions: dict[str, dict]) -> dict[str, tuple[float, float, int, int]]:
    """label → (precision, recall, predicted, gold)."""
    scores = {}
    for label in LABELS:
        gold = [p for p in pairs if p["label"] == label]
        predicted = [p for p in pairs if predictions[p["id"]]["label"] == label]
        hits = sum(1 for p in predicted if p["label"] == label)
        precision = hits / len(predicted) if predicted else float("nan")
        recall = hits / len(gold) if gold else float("nan")
        scores[label] = (precision, recall, len(predicted), len(gold))
    return scores


def print_scores(title: str, pairs: list[dict], runs: dict[str, dict[str, dict]]) -> None:
    print(f"\n{title}: {len(pairs)} pairs ({', '.join(f'{n} {k}' for k, n in Counter(p['label'] for p in pairs).items())})")
    print(f"  {'label':<12}" + "".join(f"{name + ' P':>14}{name + ' R':>14}{'n':>6}" for name in runs))
    tables = {name: per_label(pairs, predictions) for name, predictions in runs.items()}
    for label in LABELS:
        row = f"  {label:<12}"
        for name in runs:
            precision, recall, predicted, _ = tables[name][label]
            row += f"{precision:>14.3f}{recall:>14.3f}{predicted:>6}"
        print(row)
    for name, predictions in runs.items():
        accuracy = sum(1 for p in pairs if predictions[p["id"]]["label"] == p["label"]) / len(pairs)
        missed = sum(1 for p in pairs if not predictions[p["id"]]["extracted"])
        print(f"  {name}: accuracy {accuracy:.3f}; figure not extracted for {missed} pairs")


def print_confusion(pairs: list[dict], predictions: dict[str, dict], by: str) -> None:
    counts = Counter((p[by], predictions[p["id"]]["label"]) for p in pairs)
    print(f"\n  predicted label by {by} (current rules):")
    for value in sorted({p[by] for p in pairs}):
        row = ", ".join(f"{label} {counts[(value, label)]}" for label in LABELS if counts[(value, label)])
        print(f"    {value:<14} {row}")


def print_errors(pairs: list[dict], predictions: dict[str, dict], limit: int, explain: bool = False) -> None:
    wrong = [p for p in pairs if predictions[p["id"]]["label"] != p["label"]]
    worst_first = sorted(wrong, key=lambda p: (predictions[p["id"]]["label"] == "related", p["id"]))
    print(f"\n  {len(wrong)} mistakes; {min(limit, len(wrong))} shown, wrong supports/contradicts first:")
    for pair in worst_first[:limit]:
        prediction = predictions[pair["id"]]
        print(f"  {pair['id']} [{pair['type']}] gold {pair['label']}, said {prediction['label']}: {prediction['why']}")
        print(f"      claim ({pair['figure']}): {pair['claim']}")
        print(f"      passage: {pair['passage']}")
        if explain:
            for line in prediction.get("frames", []):
                print(f"        · {line}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--part", choices=("all", *PARTS), default="all")
    parser.add_argument("--no-baseline", action="store_true", help="skip the earlier rules")
    parser.add_argument("--baseline", action="append", choices=BASELINES, metavar="NAME",
                        help="run only these earlier rules (repeat for more): " + ", ".join(BASELINES))
    parser.add_argument("--errors", type=int, default=0, help="print this many tuning-part mistakes")
    parser.add_argument("--explain", action="store_true", help="with --errors: each figure's frame as compared")
    args = parser.parse_args(argv)
    pairs = load_pairs(PARTS if args.part == "all" else (args.part,))
    with tempfile.TemporaryDirectory(prefix="relations-eval-") as tmp:
        workdir = Path(tmp)
        runs: dict[str, dict[str, dict]] = {}
        if not args.no_baseline:
            for name in args.baseline or BASELINES:
                runs[name] = predict_baseline(pairs, workdir, name)
        (workdir / "current").mkdir()
        runs["new"] = predict(pairs, workdir / "current")
    for part in PARTS:
        part_pairs = [p for p in pairs if p["part"] == part]
        if part_pairs:
            print_scores(f"{part} part", part_pairs, runs)
            print_confusion(part_pairs, runs["new"], "type")
    if args.errors:
        print_errors([p for p in pairs if p["part"] == "tuning"], runs["new"], args.errors, args.explain)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
