"""Retrieval quality of evidence matching: plain BM25, rapidfuzz alone and the hybrid matcher, side by side.

The claim/evidence set is ``bench/data/retrieval/pairs.jsonl``: hand-written pairs across news desks
(economy, elections, conflict, disasters, health, science, sport, courts, South Asia, Europe). Each
claim is a sentence with a figure as an article would put it (``published`` is the article's date, so
"seven years ago" can be read as a year); its evidence is one sentence as a source would put it, with
other words and often another way of writing the figure ("four" / "4", "$2.5bn" / "2.5 billion
dollars", "half" / "50%", "1 lakh" / "100,000"). About a fifth of the pairs have evidence that
contradicts the claim's figure (``relation: contradicts``): still the evidence to find.

The pool the evidence hides in (a few thousand passages, more than 9,000 by default):

* the evidence sentences, each its own source titled with the pair's ``source_title``;
* every sentence of ``data/claimbuster/train.csv`` (real US debate sentences, many with figures);
* generated near misses, up to three per pair (seeded): the claim and the evidence with a named entity
  swapped for another of its kind (country, city, person, company, month...) and their numbers changed
  (same topic words, other figures, about something else: "Vietnam's war has forced nearly 5 million
  people from their homes"), and the claim's figure put into a sentence about another subject (same
  number, other topic). ``--near-misses`` picks which kinds join the pool (the reworked claims are the
  hardest: they share almost every word with the claim).

The pool is imported as sources into a temporary database (``import_records(..., kind="source",
match=False)``, the full spaCy analysis, so passages carry their figures) and indexed
(``PassageIndex.for_store(store).sync(store)``). Then each claim is ranked against the whole pool
three ways, and the rank of its evidence passage (found by its source title) is taken within the top 50:

* ``bm25``: ``index.search(query_terms(claim), [], 50)``, by BM25 score;
* ``rapidfuzz``: ``process.extract(claim, passages, scorer=fuzz.token_set_ratio,
  processor=utils.default_process, limit=50)`` over every passage;
* ``hybrid``: ``Matcher(index).match(claim_query(primary_claim(claim, extract_claims(claim, published)),
  published, id), top=50)``: the product's retrieval (BM25 plus figure terms) and reranking.

It prints recall@1, recall@5 and MRR (over the top 50) per method, recall@5 by relation label and by
desk, what kind of passage each method ranked first when it was not the evidence, the
hybrid's relation accuracy on the pairs whose evidence it puts in the top 5 (supports / contradicts
labelled as in ``pairs.jsonl``; ``related`` counts as wrong) and the 15 pairs the hybrid ranks worst,
with what it extracted from the claim and what it ranked first instead.

    .venv/bin/python bench/retrieval_eval.py
    .venv/bin/python bench/retrieval_eval.py --db /tmp/retrieval.duckdb   # keep the pool database; reused
    .venv/bin/python bench/retrieval_eval.py --no-claimbuster --worst 30  # smaller pool, more failures
    .venv/bin/python bench/retrieval_eval.py --near-misses evidence,figure  # without the reworked claims
    .venv/bin/python bench/retrieval_eval.py --dump-pool /tmp/pool.jsonl

The import (spaCy over ~9,500 short texts) takes a minute or two on 2 cores; with ``--db`` an existing
database built from the same pool is reused. Nothing is downloaded; no assertions.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process, utils

from workbench.ingest.importer import import_records
from workbench.ingest.readers import Record
from workbench.match.embed import embedder, fill_vectors
from workbench.match.engine import Matcher, claim_query, primary_claim
from workbench.match.index import PassageIndex, index_path, query_terms
from workbench.match.rank import fuse
from workbench.nlp.extract import extract_claims
from workbench.settings import FusionWeights
from workbench.store.db import Store

PAIRS = ROOT / "bench" / "data" / "retrieval" / "pairs.jsonl"
#: Claims without a figure (statements) and their evidence, in the same form.
STATEMENTS = PAIRS.parent / "statements.jsonl"
CLAIMBUSTER = ROOT / "data" / "claimbuster" / "train.csv"
DEPTH = 50
METHODS = ("bm25", "rapidfuzz", "vectors", "hybrid", "fusion")
PARTS = ("tuning", "heldout")

# -- the pairs ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    id: str
    domain: str
    claim: str
    published: str | None
    evidence: str
    source_title: str
    source_published: str | None
    relation: str


def load_pairs(path: Path) -> list[Pair]:
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            pairs.append(Pair(row["id"], row.get("domain", ""), row["claim"], row.get("published"), row["evidence"],
                              row["source_title"], row.get("source_published"), row.get("relation", "supports")))
    titles = [p.source_title for p in pairs]
    if len(set(titles)) != len(titles):
        raise SystemExit(f"{path}: source titles must be unique (they identify the evidence)")
    return pairs


def claimbuster_sentences(path: Path) -> list[str]:
    with open(path, newline="", encoding="utf-8") as handle:
        return [row["text"].strip() for row in csv.DictReader(handle) if row["text"].strip()]


# -- near-miss distractors ----------------------------------------------------------------------------

ENTITY_GROUPS = [
    # countries
    """India Pakistan Bangladesh Nepal China Japan Germany France Italy Spain Britain Ireland Poland Greece Hungary
    Sweden Norway Switzerland Turkey Syria Sudan Somalia Afghanistan Myanmar Haiti Libya Mexico Argentina Indonesia
    Brazil Canada Kenya Nigeria Egypt Ukraine Russia Israel Lebanon Yemen Bhutan Zambia Vietnam Ethiopia Portugal
    Austria Chile Peru Iran Iraq Colombia Ghana Malaysia Thailand""",
    # nationalities
    """Indian Pakistani Chinese Japanese German French Italian Spanish British Irish Polish Greek Hungarian Swedish
    Norwegian Swiss Dutch Turkish Russian Ukrainian Israeli Mexican Brazilian Canadian Kenyan Nigerian Afghan Nepali
    Bangladeshi Indonesian Argentine Vietnamese Egyptian Iranian""",
    # regions and cities
    """Assam Kerala Gujarat Bihar Odisha Punjab Maharashtra Karnataka Rajasthan Ladakh Sikkim Uttarakhand Wayanad
    Baghlan Sindh Balochistan Chittagong Sylhet Jaffna Kandy Lumbini""",
    """Delhi Mumbai Karachi Lahore Dhaka Kathmandu Pokhara Colombo Valencia Paris Berlin Madrid Rome Warsaw Athens
    London Chicago Tokyo Barbados Lahaina Derna Kyiv Islamabad Strasbourg Luxembourg Mariupol Manila Nairobi Lagos
    Cairo Lisbon Vienna Dublin Budapest Stockholm Oslo Mungeshpur Folkestone""",
    # organisations
    "UN WHO IMF NATO UNHCR WFP UNICEF OECD ASEAN IOM INPE NOAA NASA ISRO CERN FIFA ICC BCCI IUCN",
    # people
    """Kohli Messi Djokovic Bolt Phelps Nadeem Chopra Modi Starmer Sheinbaum Hasina Trump Pistorius Kiptum Biles
    Federer Nadal Ronaldo Tendulkar Dhoni Babar Macron Scholz Meloni Sunak Biden Putin Zelensky Erdogan""",
    # companies
    "Apple Tesla Meta Google Volkswagen Samsung Amazon Microsoft Toyota Nike Siemens Infosys Unilever Shell Boeing",
    # parties
    "BJP Labour AfD Congress Greens Conservatives Democrats Republicans",
    # months and weekdays
    "January February March April May June July August September October November December",
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
    # events and things that stand in the same place in a sentence
    "earthquake cyclone flood wildfire landslide hurricane heatwave drought",
    "measles malaria dengue cholera tuberculosis mpox Ebola polio",
]
ENTITY_GROUPS = [group.split() for group in ENTITY_GROUPS]
_ENTITY = re.compile(r"\b(" + "|".join(sorted({re.escape(n) for g in ENTITY_GROUPS for n in g}, key=len,
                                             reverse=True)) + r")\b")
_GROUP_OF = {name: group for group in ENTITY_GROUPS for name in group}

NUMBER_WORDS = """
one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty sixty
seventy eighty ninety hundred half third quarter twice threefold
""".split()
ONES, TENS = NUMBER_WORDS[:13], NUMBER_WORDS[13:20]
_NUMBER_WORD = re.compile(r"\b(" + "|".join(ONES + TENS) + r")\b", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?!st\b|nd\b|rd\b|th\b)")


def swap_entity(text: str, rng: random.Random) -> str | None:
    """The text with its first known named entity replaced (everywhere) by another of its kind; None if none."""
    found = _ENTITY.search(text)
    if not found:
        return None
    name = found.group(1)
    other = rng.choice([n for n in _GROUP_OF[name] if n != name])
    return re.sub(rf"\b{re.escape(name)}\b", other, text)


def _other_number(match: re.Match, rng: random.Random) -> str:
    whole, frac = match.group(1), match.group(2) or ""
    value = float(whole.replace(",", "") + frac)
    if not frac and "," not in whole and 1900 <= value <= 2100:
        return str(int(value) + rng.choice([-6, -5, -4, -3, -2, -1, 1, 2, 3]))
    if not frac and value < 10:
        return str(rng.choice([n for n in range(2, 13) if n != int(value)]))
    for _ in range(10):
        new = value * rng.choice([0.3, 0.45, 0.6, 0.7, 1.4, 1.6, 2.0, 2.5, 3.0])
        digits = len(frac) - 1 if frac else 0
        text = f"{new:,.{digits}f}" if "," in whole else f"{new:.{digits}f}"
        if text != whole + frac:
            return text
    return str(int(value) + 1)


def change_numbers(text: str, rng: random.Random) -> str:
    """Every number in the text replaced by a different one (years shifted a few years, words by other words)."""
    text = _NUMBER.sub(lambda m: _other_number(m, rng), text)

    def word(match: re.Match) -> str:
        original = match.group(1)
        kin = ONES if original.lower() in ONES else TENS
        new = rng.choice([w for w in kin if w != original.lower()])
        return new.capitalize() if original[0].isupper() else new

    return _NUMBER_WORD.sub(word, text)


_FIGURE_SHAPES = [
    ("money", re.compile(r"(?:[$€£₹]|Rs\.? ?)\s?\d[\d,]*(?:\.\d+)?\s?(?:bn|m|billion|million|trillion|crore|lakh)?")),
    ("percent", re.compile(r"\d[\d,]*(?:\.\d+)?\s?(?:%|per ?cent\b|percent\b)")),
    ("count", re.compile(r"\b\d[\d,]*(?:\.\d+)?\s(?:million|billion|trillion|lakh|crore)\b")),
    ("count", re.compile(r"\b(?!(?:19|20)\d\d\b)\d[\d,]*(?:\.\d+)?\b")),
    ("year", re.compile(r"\b(?:19|20)\d\d\b")),
    ("count", re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|twenty|fifty)\b", re.IGNORECASE)),
]
TEMPLATES = {
    "money": ["{company} reported quarterly revenue of {fig}, ahead of analysts' forecasts.",
              "The city council of {city} approved {fig} for a new {project}.",
              "A court in {city} froze assets worth {fig} belonging to the {organisation}.",
              "{company} said it would invest {fig} in a {project} near {city}."],
    "percent": ["Support for the {project} stood at {fig} in a poll of adults in {city}.",
                "Broadband coverage in rural {country} reached {fig} by the end of the year.",
                "Shares in {company} jumped {fig} after the results were published.",
                "The literacy rate among women in {country} was {fig}, the census showed."],
    "count": ["Officials in {city} said {fig} new {things} would be ready by {year}.",
              "The {festival} in {city} drew {fig} visitors on its opening weekend.",
              "{company} plans to cut {fig} jobs at its plants in {country}.",
              "Volunteers planted {fig} trees along the river in {city} this spring."],
    "year": ["The {organisation} in {city} was founded in {fig} by a group of teachers.",
             "The old railway bridge in {city} was first opened in {fig}."],
}
FILLERS = {
    "company": ["Siemens", "Infosys", "Unilever", "Boeing", "Nestle", "Maruti", "Tata", "Reliance", "Airbus", "Philips"],
    "city": ["Lyon", "Pune", "Chennai", "Leeds", "Porto", "Seville", "Bergen", "Gdansk", "Multan", "Kandy", "Rajshahi", "Bratislava"],
    "country": ["Portugal", "Chile", "Ghana", "Malaysia", "Peru", "Vietnam", "Austria", "Kenya", "Uruguay", "Estonia"],
    "project": ["metro line", "water treatment plant", "sports complex", "public library", "tram network",
                "solar park", "cancer hospital", "ring road"],
    "organisation": ["chess club", "cooperative bank", "music academy", "rowing club", "film society"],
    "things": ["schools", "bus shelters", "public toilets", "bicycle lanes", "playgrounds", "clinics"],
    "festival": ["book fair", "jazz festival", "flower show", "food festival", "kite festival"],
}


def transplant(claim: str, rng: random.Random) -> str | None:
    """The claim's (first) figure in a sentence about something else entirely."""
    for shape, pattern in _FIGURE_SHAPES:
        found = pattern.search(claim)
        if found:
            template = rng.choice(TEMPLATES[shape])
            values = {key: rng.choice(options) for key, options in FILLERS.items()}
            return template.format(fig=found.group(0).strip(), year=rng.randint(2020, 2028), **values)
    return None


@dataclass
class PoolItem:
    text: str
    title: str
    published: str | None = None
    kind: str = "distractor"


NEAR_MISSES = ("claim", "evidence", "figure")
KIND_NAMES = {"claim": "near-miss: claim reworked", "evidence": "near-miss: evidence reworked",
              "figure": "near-miss: same figure", "claimbuster": "claimbuster", "evidence-item": "evidence"}


def build_pool(pairs: list[Pair], claimbuster: list[str], seed: int,
               near_misses: tuple[str, ...] = NEAR_MISSES) -> list[PoolItem]:
    """Evidence first, then the distractors shuffled; the random draws do not depend on ``near_misses``."""
    rng = random.Random(seed)
    pool = [PoolItem(p.evidence, p.source_title, p.source_published, KIND_NAMES["evidence-item"]) for p in pairs]
    near: list[PoolItem] = []
    for pair in pairs:
        for kind, base in (("claim", pair.claim), ("evidence", pair.evidence)):
            swapped = swap_entity(base, rng)
            if swapped is not None:
                item = PoolItem(change_numbers(swapped, rng), "", pair.source_published, KIND_NAMES[kind])
                if kind in near_misses:
                    near.append(item)
        moved = transplant(pair.claim, rng)
        if moved is not None and "figure" in near_misses:
            near.append(PoolItem(moved, "", pair.source_published, KIND_NAMES["figure"]))
    others = [PoolItem(text, "", None, KIND_NAMES["claimbuster"]) for text in claimbuster]
    distractors = near + others
    rng.shuffle(distractors)
    for number, item in enumerate(distractors, start=1):
        item.title = f"distractor-{number}"
    return pool + distractors


# -- the database and the index -----------------------------------------------------------------------


def pool_fingerprint(pool: list[PoolItem]) -> str:
    digest = hashlib.sha256()
    for item in pool:
        digest.update(f"{item.title}\x1f{item.published}\x1f{item.text}\x1e".encode())
    return digest.hexdigest()


def prepare_database(db_path: Path, pool: list[PoolItem]) -> bool:
    """Remove a database (and its index) built from another pool; True when one built from this pool is there."""
    marker = Path(str(db_path) + ".pool-sha256")
    fingerprint = pool_fingerprint(pool)
    if db_path.exists() and marker.exists() and marker.read_text().strip() == fingerprint:
        return True
    for path in (db_path, Path(str(db_path) + ".wal"), marker):
        path.unlink(missing_ok=True)
    shutil.rmtree(index_path(db_path), ignore_errors=True)
    return False


def mark_database(db_path: Path, pool: list[PoolItem]) -> None:
    Path(str(db_path) + ".pool-sha256").write_text(pool_fingerprint(pool))


def import_pool(store: Store, pool: list[PoolItem]) -> tuple[int, float]:
    records = [Record(text=item.text, origin=f"pool:{n}", title=item.title, published=item.published)
               for n, item in enumerate(pool)]
    started = time.perf_counter()
    report = import_records(store, records, kind="source", match=False)
    if report.problems:
        print(f"  {len(report.problems)} pool items not imported, e.g. {report.problems[0]}")
    return report.passages, time.perf_counter() - started


def stored_passages(store: Store) -> list[tuple[int, str, str]]:
    with store.read() as con:
        return con.execute("SELECT s.id, s.text, d.title FROM segments s JOIN documents d ON d.id = s.document_id "
                           "WHERE s.kind = 'passage' ORDER BY s.id").fetchall()


# -- ranking ------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    pair: Pair
    ranks: dict[str, int | None] = field(default_factory=dict)
    hybrid_relation: str | None = None
    statement: bool = False  # the claim has no figure
    query: object = None
    top_hybrid: object = None
    first: dict[str, str | None] = field(default_factory=dict)  # title ranked first by each method


def rank_of(titles: list[str | None], target: str) -> int | None:
    for rank, title in enumerate(titles[:DEPTH], start=1):
        if title == target:
            return rank
    return None


def metrics(ranks: list[int | None]) -> dict[str, float]:
    n = len(ranks) or 1
    return {"recall@1": sum(1 for r in ranks if r is not None and r <= 1) / n,
            "recall@5": sum(1 for r in ranks if r is not None and r <= 5) / n,
            "MRR": sum(1 / r for r in ranks if r is not None) / n,
            f"found@{DEPTH}": sum(1 for r in ranks if r is not None) / n}


def part_of(pair_id: str) -> str:
    """Each pair's part, fixed by its id: half the pairs tune the fusion's weight, half are held out."""
    return PARTS[hashlib.sha256(pair_id.encode()).digest()[0] % 2]


def evaluate(pairs: list[Pair], index: PassageIndex, passages: list[tuple[int, str, str]],
             timings: dict[str, list[float]], fusion: FusionWeights | None = None) -> list[Outcome]:
    texts = [text for _, text, _ in passages]
    titles = [title for _, _, title in passages]
    title_of = {passage_id: title for passage_id, _, title in passages}
    matchers = {"hybrid": Matcher(index, by_meaning=False), "fusion": Matcher(index, fusion=fusion)}
    outcomes = []
    for pair in pairs:
        outcome = Outcome(pair)
        started = time.perf_counter()
        hits = index.search(query_terms(pair.claim), [], DEPTH)
        hits.sort(key=lambda h: -h.bm25)
        timings["bm25"].append(time.perf_counter() - started)
        outcome.ranks["bm25"] = rank_of([h.source for h in hits], pair.source_title)
        outcome.first["bm25"] = hits[0].source if hits else None

        started = time.perf_counter()
        found = process.extract(pair.claim, texts, scorer=fuzz.token_set_ratio, processor=utils.default_process,
                                limit=DEPTH)
        timings["rapidfuzz"].append(time.perf_counter() - started)
        outcome.ranks["rapidfuzz"] = rank_of([titles[i] for _, _, i in found], pair.source_title)
        outcome.first["rapidfuzz"] = titles[found[0][2]] if found else None

        started = time.perf_counter()
        nearest = index.nearest(embedder().embed([pair.claim])[0], DEPTH, None)
        timings["vectors"].append(time.perf_counter() - started)
        outcome.ranks["vectors"] = rank_of([title_of[i] for i in nearest], pair.source_title)
        outcome.first["vectors"] = title_of[next(iter(nearest))] if nearest else None

        started = time.perf_counter()
        claim = primary_claim(pair.claim, extract_claims(pair.claim, pair.published))
        query = claim_query(claim, pair.published, pair.id)
        extracted = time.perf_counter()
        outcome.query = query
        outcome.statement = claim.quantity is None
        for method, matcher in matchers.items():
            started_match = time.perf_counter()
            candidates = matcher.match(query, top=DEPTH)
            done = time.perf_counter()
            timings[method].append(done - started_match + extracted - started)
            timings[f"{method} (match only)"].append(done - started_match)
            outcome.ranks[method] = rank_of([c.source for c in candidates], pair.source_title)
            outcome.first[method] = candidates[0].source if candidates else None
            if method == "fusion":
                outcome.top_hybrid = candidates[0] if candidates else None
                if outcome.ranks[method] is not None:
                    outcome.hybrid_relation = candidates[outcome.ranks[method] - 1].relation
        outcomes.append(outcome)
    return outcomes


# -- fitting the fusion ------------------------------------------------------------------------------

WEIGHTS_FILE = Path(__file__).resolve().parent.parent / "workbench" / "match" / "weights.json"
FUSION_K = (5.0, 10.0, 20.0, 60.0)
FUSION_VECTORS = (0.25, 0.5, 0.75, 1.0, 1.5, 2.0)
FUSION_FLOORS = (0.0, 0.3, 0.4, 0.5, 0.6)


def fit_fusion(pairs: list[Pair], index: PassageIndex, write: bool) -> FusionWeights:
    """Choose the reciprocal-rank fusion's ``k`` and the weight of the ranking by meaning on the tuning
    part: the setting whose mean recall@5 over 5 folds of claims is highest (each fold scored with the
    setting chosen on the other four, to show how well the choice carries over), then chosen on all of
    them. ``write`` ships it in ``workbench/match/weights.json``."""
    matcher = Matcher(index)
    ranked = []  # per claim: its reranked candidates (before fusion), and the evidence's title
    for pair in pairs:
        query = claim_query(primary_claim(pair.claim, extract_claims(pair.claim, pair.published)), pair.published)
        ranked.append((matcher.reranked(query), pair.source_title))
    settings = [FusionWeights(k, vectors, floor) for k in FUSION_K for vectors in FUSION_VECTORS
                for floor in FUSION_FLOORS]

    def recall(fusion: FusionWeights, claims: list[int]) -> float:
        return sum(ranked[n][1] in [s.hit.source for s in fuse(ranked[n][0], fusion)[:5]] for n in claims) / len(claims)

    folds = [list(range(fold, len(ranked), 5)) for fold in range(5)]
    carried = []
    for fold in folds:
        rest = [n for n in range(len(ranked)) if n not in fold]
        carried.append(recall(max(settings, key=lambda f: recall(f, rest)), fold))
    everyone = list(range(len(ranked)))
    chosen = max(settings, key=lambda f: (recall(f, everyone), f.floor, -f.k))
    print(f"\nFitting the fusion on {len(pairs)} tuning claims: k in {FUSION_K}, weight of meaning in "
          f"{FUSION_VECTORS}, similarity floor in {FUSION_FLOORS}")
    print(f"  recall@5 of the setting chosen on four folds, on the fifth: {statistics.mean(carried):.3f} "
          f"({', '.join(f'{r:.2f}' for r in carried)})")
    print(f"  without vectors (reranked only): {recall(FusionWeights(chosen.k, 0.0, 1.0), everyone):.3f}; chosen "
          f"k {chosen.k:g}, weight {chosen.vectors:g}, floor {chosen.floor:g}: {recall(chosen, everyone):.3f}")
    if write:
        shipped = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
        shipped["fusion"] = {"k": chosen.k, "vectors": chosen.vectors, "floor": chosen.floor}
        shipped["fusion_fit"] = {
            "about": "chosen by bench/retrieval_eval.py --fit write on the tuning part of bench/data/retrieval",
            "claims": len(pairs), "folds": 5, "recall@5_carried_over": round(statistics.mean(carried), 4)}
        WEIGHTS_FILE.write_text(json.dumps(shipped, indent=2) + "\n", encoding="utf-8")
        FusionWeights.fitted.cache_clear()
        print("  written to workbench/match/weights.json")
    return chosen


# -- printing -----------------------------------------------------------------------------------------


def _rank_text(rank: int | None) -> str:
    return f">{DEPTH}" if rank is None else str(rank)


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def print_report(outcomes: list[Outcome], timings: dict[str, list[float]], worst: int,
                 kind_of: dict[str, str]) -> None:
    groups = [(f"all {len(outcomes)} claims", outcomes)]
    groups += [(f"{part} part", [o for o in outcomes if part_of(o.pair.id) == part]) for part in PARTS]
    groups.append(("claims without a figure", [o for o in outcomes if o.statement]))
    for title, group in groups:
        print()
        print(f"Retrieval over the pool, {title} ({len(group)}; evidence rank within the top {DEPTH})")
        header = f"{'method':<12}{'recall@1':>10}{'recall@5':>10}{'MRR':>8}{f'found@{DEPTH}':>10}"
        print(header)
        print("-" * len(header))
        for method in METHODS:
            m = metrics([o.ranks[method] for o in group])
            print(f"{method:<12}{m['recall@1']:>10.3f}{m['recall@5']:>10.3f}{m['MRR']:>8.3f}"
                  f"{m[f'found@{DEPTH}']:>10.3f}")
    print()
    print("ms per claim: " + ", ".join(f"{method} {statistics.mean(timings[method]) * 1000:.1f}" for method in METHODS)
          + f" (hybrid and fusion include spaCy extraction of the claim; the match alone: hybrid "
          f"{statistics.mean(timings['hybrid (match only)']) * 1000:.1f}, fusion "
          f"{statistics.mean(timings['fusion (match only)']) * 1000:.1f})")

    print()
    print_recall_by(outcomes, "relation label", "label", lambda o: o.pair.relation, sort=True)
    print()
    print_recall_by(outcomes, "desk", "desk", lambda o: o.pair.domain, sort=False)

    print()
    print("What each method ranked first when it was not the evidence (kind of passage)")
    kinds = sorted({kind_of.get(o.first[m] or "", "other") for o in outcomes for m in METHODS
                    if o.ranks[m] != 1 and o.first[m]})
    print(f"{'kind':<32}" + "".join(f"{m:>11}" for m in METHODS))
    for kind in kinds:
        counts = [sum(1 for o in outcomes if o.ranks[m] != 1 and o.first[m] and
                      kind_of.get(o.first[m], "other") == kind) for m in METHODS]
        label = "evidence of another pair" if kind == KIND_NAMES["evidence-item"] else kind
        print(f"{label:<32}" + "".join(f"{n:>11}" for n in counts))

    top5 = [o for o in outcomes if o.ranks["fusion"] is not None and o.ranks["fusion"] <= 5]
    correct = sum(1 for o in top5 if o.hybrid_relation == o.pair.relation)
    print()
    share = correct / len(top5) if top5 else 0.0
    print(f"Fusion relation accuracy on the {len(top5)} pairs with evidence in its top 5: "
          f"{correct}/{len(top5)} = {share:.3f}")
    predicted = ("supports", "contradicts", "related")
    print(f"{'label → predicted':<20}" + "".join(f"{p:>13}" for p in predicted))
    for label in sorted({o.pair.relation for o in outcomes}):
        row = [sum(1 for o in top5 if o.pair.relation == label and o.hybrid_relation == p) for p in predicted]
        print(f"{label:<20}" + "".join(f"{n:>13}" for n in row))

    print()
    print(f"The {worst} pairs the fusion ranks worst (rank of the evidence; other methods' ranks for comparison;\n"
          f"among equal fusion ranks, those plain BM25 found come first)")
    # worst fusion rank first; among equals, those plain BM25 did find (the most instructive) first
    ordered = sorted(outcomes, key=lambda o: (-(o.ranks["fusion"] or DEPTH + 1),
                                               o.ranks["bm25"] or DEPTH + 1, o.pair.id))
    for o in ordered[:worst]:
        if o.ranks["fusion"] == 1:
            break
        q = o.query
        fig = q.claim.quantity
        figure = "none" if fig is None else f"{fig.text!r} {fig.kind}/{fig.unit} {fig.value:g}" + \
            (f" q={fig.qualifier}" if fig.qualifier else "") + (f" implied={fig.implied}" if fig.implied else "")
        print(f"- {o.pair.id} fusion {_rank_text(o.ranks['fusion'])} | hybrid {_rank_text(o.ranks['hybrid'])} | "
              f"bm25 {_rank_text(o.ranks['bm25'])} | vectors {_rank_text(o.ranks['vectors'])} | label {o.pair.relation}"
              + (f", said {o.hybrid_relation}" if o.hybrid_relation else ""))
        print(f"    claim:    {o.pair.claim}")
        print(f"    evidence: {o.pair.evidence}")
        print(f"    read as:  subject={q.subject!r} predicate={q.claim.predicate!r} figure={figure} unit={q.unit!r} "
              f"measure={q.claim.frame.measure!r}")
        if o.top_hybrid is not None:
            top = o.top_hybrid
            print(f"    ranked 1st: [{top.source}, {kind_of.get(top.source or '', 'other')}] {_short(top.text, 100)} "
                  f"(score {top.score:.3f}: text {top.text_score:.2f}, fuzz {top.fuzz_score:.2f}, "
                  f"figure {top.figure_score:.2f}; {top.relation})")


def print_recall_by(outcomes, title: str, heading: str, group, sort: bool) -> None:
    """Recall@5 of every method, per group of pairs (their relation label, their desk)."""
    print(f"recall@5 by {title}")
    groups = [group(o) for o in outcomes]
    print(f"{heading:<14}{'pairs':>6}" + "".join(f"{m:>11}" for m in METHODS))
    for name in sorted(set(groups)) if sort else dict.fromkeys(groups):
        subset = [o for o in outcomes if group(o) == name]
        print(f"{name:<14}{len(subset):>6}" +
              "".join(f"{metrics([o.ranks[m] for o in subset])['recall@5']:>11.3f}" for m in METHODS))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=Path, nargs="+", default=[PAIRS, STATEMENTS],
                        help="claim/evidence pairs (JSONL files)")
    parser.add_argument("--claimbuster", type=Path, default=CLAIMBUSTER, help="distractor sentences (CSV, 'text')")
    parser.add_argument("--no-claimbuster", action="store_true", help="leave the ClaimBuster sentences out")
    parser.add_argument("--seed", type=int, default=13, help="seed of the generated near misses")
    parser.add_argument("--near-misses", default=",".join(NEAR_MISSES),
                        help="which generated near misses join the pool: claim (the claim reworked: other entity, "
                             "other numbers), evidence (the evidence reworked likewise), figure (the claim's figure "
                             "in a sentence about something else); comma-separated, '' for none")
    parser.add_argument("--db", type=Path, help="keep the pool database here (reused if it already holds the pool)")
    parser.add_argument("--worst", type=int, default=15, help="how many fusion failures to show")
    parser.add_argument("--fit", choices=("report", "write"),
                        help="choose the fusion's settings on the tuning part (cross-validated) first; "
                             "'write' ships them in workbench/match/weights.json")
    parser.add_argument("--dump-pool", type=Path, help="also write the pool (text, title, kind) as JSONL")
    args = parser.parse_args(argv)

    pairs = [pair for path in args.pairs for pair in load_pairs(path)]
    claimbuster = [] if args.no_claimbuster else claimbuster_sentences(args.claimbuster)
    near_misses = tuple(k for k in args.near_misses.split(",") if k)
    unknown = set(near_misses) - set(NEAR_MISSES)
    if unknown:
        parser.error(f"--near-misses: unknown kind(s) {', '.join(sorted(unknown))}")
    pool = build_pool(pairs, claimbuster, args.seed, near_misses)
    kind_of = {item.title: item.kind for item in pool}
    kinds: dict[str, int] = {}
    for item in pool:
        kinds[item.kind] = kinds.get(item.kind, 0) + 1
    print(f"{len(pairs)} pairs ({sum(1 for p in pairs if p.relation == 'contradicts')} contradicting), "
          f"pool of {len(pool)} texts: " + ", ".join(f"{n} {k}" for k, n in kinds.items()))
    if args.dump_pool:
        with open(args.dump_pool, "w", encoding="utf-8") as handle:
            for item in pool:
                handle.write(json.dumps(item.__dict__, ensure_ascii=False) + "\n")

    workdir = None
    if args.db:
        db_path = args.db
    else:
        workdir = Path(tempfile.mkdtemp(prefix="retrieval-eval-"))
        db_path = workdir / "pool.duckdb"
    try:
        reused = prepare_database(db_path, pool)
        store = Store(db_path)
        passages_added, import_s = import_pool(store, pool)
        mark_database(db_path, pool)
        index = PassageIndex.for_store(store)
        fill_vectors(store)  # a pool database from before vectors
        sync = index.sync(store)
        passages = stored_passages(store)
        how = "reused" if reused and not passages_added else "imported"
        print(f"{how} {len(passages)} passages in {import_s:.1f} s; indexed {sync.added} in {sync.seconds:.1f} s "
              f"(index holds {index.count()})")
        missing = {p.source_title for p in pairs} - {title for _, _, title in passages}
        if missing:
            print(f"  warning: {len(missing)} evidence texts have no passage, e.g. {min(missing)!r}")

        extract_claims("Warm-up: 3 people were hurt.", None)
        fusion = fit_fusion([p for p in pairs if part_of(p.id) == "tuning"], index, write=args.fit == "write") \
            if args.fit else None
        timings: dict[str, list[float]] = {m: [] for m in (*METHODS, "hybrid (match only)", "fusion (match only)")}
        outcomes = evaluate(pairs, index, passages, timings, fusion)
        print_report(outcomes, timings, args.worst, kind_of)
    finally:
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
