"""Review page latency at scale: the Streamlit Review page driven by AppTest over a 100,000-claim database.

Product requirement: with 100,000 claims in the database, the Review page renders in under a second.

**The database** (``--claims N``, default 100,000) is synthesised without spaCy: ``AnalysedDocument``
objects are built directly (articles of ``--sentences`` sentences, default 25, so 4,000 articles for
100,000 claims; one claim per sentence, almost all with a figure whose ``Quantity`` offsets index the
article text; kinds count, percent, money, duration, date, measure and rank plus a few statements;
varied subjects; check-worthiness drawn from a Beta distribution) and stored with
``write_documents(con, batch, run_id=None)`` inside ``Store(path).write()``, 200 documents per
transaction. ``--sources`` source documents (default 300, ten sentences each, same vocabulary) give
the evidence passages. Evidence: the ``--match-claims`` most check-worthy claims (default 1,000, the
first 40 pages of the default queue) are matched for real by ``workbench.match.engine.match_stored``
(the others get a ``match_state`` row first, so it leaves them alone), and every other claim gets 0-5
synthetic ``matches`` rows (bulk insert), so the table has its full size. ``--reviews`` verdicts
(default 5,000, on ~4,400 claims, six reviewers, some claims twice, a few undo rows) and
``--corrections`` corrections (default 300) are bulk-inserted, so ``claims_v``'s window functions
have work, and the review queue is rebuilt after them, as a migration does. ``--db PATH`` keeps the
database there and reuses it on the next run (it is only built when the file does not exist yet); without
it the database is a temporary file, removed afterwards.

**The timings** (``WORKBENCH_DB`` set to the database; ``st.cache_data.clear()`` before every cold
sample; ``--repeat`` samples each, default 10), all in wall milliseconds around ``AppTest.run()``:

1. first render: a fresh ``AppTest.from_file(review.py)`` with a reviewer set, cold cache;
2. warm rerun: the same AppTest, ``at.run()`` again (the cached reads are still fresh);
3. save & next: ``at.button(key="verdict_supported").click().run()`` (writes a verdict, clears the
   cache, finds the next claim); afterwards the same number of ``undo`` clicks are timed too, which
   puts the claims back to unreviewed (the append-only ``reviews`` table keeps both rows);
4. skip: ``at.button(key="skip").click().run()``;
5. filtered first renders: ``f_text`` (``--text``, default "flood") and ``f_kinds`` (``--kind``,
   default percent), cold.

Then the library calls behind the page, directly (from ``workbench.store``): ``reviews.queue`` (one page of
25), ``reviews.queue_count`` (the three counts the page shows), ``reviews.queue_position``,
``reviews.claim_detail`` and ``documents.article_titles``, each with a fresh ``Store(path)`` as the UI's
cached reads use, and with one reused, already-migrated ``Store``; plus the cost of opening the file
(``Store(path).ensure()``, a read-only open). One process's first AppTest run (imports) is reported
separately and not counted. ``--profile`` prints a cProfile of one cold render (the script thread);
it is printed anyway when the first render misses the target.

    .venv/bin/python bench/ui_bench.py                                  # 100,000 claims (~2-3 min)
    .venv/bin/python bench/ui_bench.py --claims 20000 --repeat 5
    .venv/bin/python bench/ui_bench.py --db /tmp/ui100k.duckdb           # build once, then reuse
    .venv/bin/python bench/ui_bench.py --db /tmp/ui100k.duckdb --profile

p50/p95 are linear-interpolated percentiles (with 10 samples, p95 lies between the two slowest).
CPU ms is this process's CPU time (all threads, DuckDB's included) over the same interval. The
machine may be shared: the load average is printed before and after. Nothing is downloaded; no
assertions.
"""
from __future__ import annotations

import argparse
import cProfile
import dataclasses
import datetime as dt
import io
import json
import math
import os
import pstats
import random
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


from workbench import review
from workbench.claims import Claim, Quantity, Sentence
from workbench.ingest.passages import segments_of
from workbench.match.engine import match_stored
from workbench.match.index import PassageIndex
from workbench.nlp.extract import ScoredSentence
from workbench.store.db import Store, insert_rows
from workbench.store.documents import AnalysedDocument, article_titles, content_hash, write_documents
from workbench.store.queue import rebuild as rebuild_queue
from workbench.store.reviews import QueueFilter, claim_detail, queue, queue_count, queue_position

REVIEW_PAGE = ROOT / "workbench" / "ui" / "views" / "review.py"
TARGET_MS = 1000.0
PAGE_SIZE = 25
BATCH_DOCS = 200
CLAIM_HAS_ENTITIES = "entities" in {f.name for f in dataclasses.fields(Claim)}
SYNTHETIC = "synthetic candidate (ui_bench)"
REVIEWERS = ["ana", "ben", "chitra", "dmitri", "eve", "farid"]

# -- synthetic text ---------------------------------------------------------------------------------

_PREFIXES = ["Ram", "Shiv", "Kal", "Bel", "Mar", "San", "Ash", "Har", "Dun", "Kir", "Vel", "Tor", "Lin", "Mon",
             "Bar", "Chan", "Dev", "Gor", "Jal", "Kot"]
_SUFFIXES = ["pur", "garh", "bad", "ford", "ton", "ville", "nagar", "kot", "dale", "field", "gaon"]
PLACES = [p + s for p in _PREFIXES for s in _SUFFIXES]  # 220 places: sources and articles overlap
EVENTS = ["flood", "landslide", "fire", "explosion", "earthquake", "storm", "bus crash", "building collapse",
          "stampede", "boat capsizing", "train derailment", "cyclone"]
AGENCIES = ["the district administration", "police", "the disaster management authority", "the fire service",
            "officials", "the health ministry", "local authorities", "rescue workers", "the state government"]
STATS = ["the statistics office", "the central bank", "the labour ministry", "the census bureau"]
INDICATORS = ["inflation", "unemployment", "youth unemployment", "turnout", "the literacy rate", "GDP growth",
              "the poverty rate", "vaccination coverage", "forest cover", "food inflation", "retail sales"]
INDUSTRY = ["Steel", "Telecom", "Motors", "Pharma", "Textiles", "Cement", "Power", "Foods", "Airways", "Bank"]
METRICS = ["revenue", "net profit", "operating profit", "sales", "exports", "capital spending", "debt"]
PROJECTS = ["metro line", "water treatment plant", "ring road", "cancer hospital", "solar park",
            "airport terminal", "flyover", "irrigation canal", "sports complex", "rail corridor", "dam"]
HOMES = [("homes", "home"), ("schools", "school"), ("bridges", "bridge"), ("shops", "shop"), ("farms", "farm")]
PARTIES = ["the Congress", "the BJP", "Labour", "the Greens", "the Liberals", "the Socialists", "the Left Front"]
ROADS = ["expressway", "highway", "railway line", "pipeline", "power line", "canal", "tunnel"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
PEOPLE = ["Rahul Sharma", "Priya Patel", "Omar Khan", "Mary Smith", "Kenji Tanaka", "Olga Ivanova",
          "Kwame Mensah", "Giulia Rossi", "Samir Haddad", "Zofia Nowak"]
NAMES = set(PLACES) | set(PEOPLE)


@dataclass(frozen=True)
class Made:
    """One generated sentence: its text and, when it states one, its figure."""

    text: str
    kind: str
    subject: str | None
    predicate: str | None
    figure: tuple[int, str, float, str | None, str | None, str | None] | None = None
    # figure = (offset in text, figure text, value, unit, qualifier, iso)


def _count(rng: random.Random, low: int, high: int) -> int:
    return round(low * (high / low) ** rng.random())


def _with_figure(before: str, figure: str, after: str, kind: str, value: float, unit: str | None,
                 subject: str | None, predicate: str | None, qualifier: str | None = None,
                 iso: str | None = None) -> Made:
    return Made(before + figure + after, kind, subject, predicate, (len(before), figure, float(value), unit,
                                                                     qualifier, iso))


def make_sentence(rng: random.Random) -> Made:
    place, roll = rng.choice(PLACES), rng.random()
    if roll < 0.25:
        n = _count(rng, 2, 5000)
        qualifier, words = rng.choice([(None, ""), ("at_least", "at least "), ("about", "about "),
                                       ("more_than", "more than ")])
        event = rng.choice(EVENTS)
        return _with_figure(f"In {place}, ", f"{words}{n:,}",
                            f" people were killed when a {event} struck on {rng.choice(WEEKDAYS)}, "
                            f"{rng.choice(AGENCIES)} said.", "count", n, "person", "people", "kill", qualifier)
    if roll < 0.38:
        n, (plural, unit) = _count(rng, 3, 20000), rng.choice(HOMES)
        event = rng.choice(EVENTS)
        return _with_figure(f"The {event} in {place} destroyed ", f"{n:,}", f" {plural}, {rng.choice(AGENCIES)} said.",
                            "count", n, unit, plural, "destroy")
    if roll < 0.48:
        total = rng.choice([60, 90, 120, 175, 224, 243, 288, 403])
        won, party = rng.randint(1, total // 2 + 20), rng.choice(PARTIES)
        return _with_figure(f"{party[0].upper() + party[1:]} won ", str(won),
                            f" of the {total} seats in the {place} assembly election in {rng.randint(1995, 2025)}.",
                            "count", won, "seat", f"seats in the {place} assembly", "win")
    if roll < 0.62:
        value, indicator = round(rng.uniform(0.5, 80), 1), rng.choice(INDICATORS)
        verb, lemma = rng.choice([("rose", "rise"), ("fell", "fall"), ("reached", "reach")])
        return _with_figure(f"{indicator[0].upper() + indicator[1:]} in {place} {verb} to ", f"{value}%",
                            f" in {rng.choice(MONTHS)} {rng.randint(2005, 2025)}, {rng.choice(STATS)} said.",
                            "percent", value, "percent", f"{indicator} in {place}", lemma)
    if roll < 0.72:
        value, metric = round(_count(rng, 10, 9000) / 10, 1), rng.choice(METRICS)
        company = f"{place} {rng.choice(INDUSTRY)}"
        return _with_figure(f"{company} reported {metric} of ", f"${value}bn",
                            f" for the {rng.choice(ORDINALS[:4])} quarter of {rng.randint(2010, 2025)}.",
                            "money", value * 1e9, "USD", metric, "report")
    if roll < 0.79:
        crore, project = _count(rng, 5, 50000), rng.choice(PROJECTS)
        return _with_figure(f"The {place} government approved ", f"Rs {crore:,} crore",
                            f" for a new {project}, officials said.", "money", crore * 1e7, "INR", "government",
                            "approve")
    if roll < 0.85:
        years, project = rng.randint(2, 25), rng.choice(PROJECTS)
        return _with_figure(f"The {project} in {place} took ", f"{years} years", " to build, officials said.",
                            "duration", years, "year", project, "take")
    if roll < 0.90:
        month, year, project = rng.randint(1, 12), rng.randint(2000, 2030), rng.choice(PROJECTS)
        return _with_figure(f"The {project} in {place} opened in ", f"{MONTHS[month - 1]} {year}",
                            ", the minister said.", "date", year, None, project, "open",
                            iso=f"{year}-{month:02d}")
    if roll < 0.94:
        km, road, other = _count(rng, 2, 1500), rng.choice(ROADS), rng.choice(PLACES)
        return _with_figure(f"The new {road} linking {place} and {other} is ", f"{km:,} km", " long.",
                            "measure", km, "km", road, "be")
    if roll < 0.97:
        rank, indicator = rng.randint(1, 10), rng.choice(INDICATORS)
        return _with_figure(f"{place} ranked ", ORDINALS[rank - 1],
                            f" among districts on {indicator} in the {rng.randint(2010, 2025)} survey.",
                            "rank", rank, None, place, "rank")
    person, event = rng.choice(PEOPLE), rng.choice(EVENTS)
    return Made(f"{person} said the response to the {event} in {place} had been a failure.", "statement",
                "response", "be")


def make_document(rng: random.Random, kind: str, number: int, sentences: int,
                  score: callable) -> AnalysedDocument:
    """A document of ``sentences`` generated sentences, paragraphs of five, one claim per sentence."""
    parts: list[str] = []
    offset = 0
    scored: list[ScoredSentence] = []
    claims: list[Claim] = []
    for i in range(sentences):
        if i:
            separator = "\n\n" if i % 5 == 0 else " "
            parts.append(separator)
            offset += len(separator)
        made = make_sentence(rng)
        checkworthiness = score()
        start, end = offset, offset + len(made.text)
        parts.append(made.text)
        offset = end
        scored.append(ScoredSentence(made.text, start, end, checkworthiness))
        quantity = None
        if made.figure is not None:
            at, text, value, unit, qualifier, iso = made.figure
            quantity = Quantity(text, start + at, start + at + len(text), value, unit, made.kind,
                                qualifier=qualifier, iso=iso)
        extra = {}
        if CLAIM_HAS_ENTITIES:  # the package's Claim gained ``entities`` (places and people in the sentence)
            extra["entities"] = tuple(dict.fromkeys(w for w in re.findall(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", made.text)
                                                    if w in NAMES))
        claims.append(Claim(Sentence(made.text, start, end), made.kind, quantity, subject=made.subject,
                            predicate=made.predicate, checkworthiness=checkworthiness, **extra))
    text = "".join(parts)
    for claim in claims:  # the offsets index the document's text, as the pipeline's do
        assert text[claim.sentence.start:claim.sentence.end] == claim.sentence.text
        if claim.quantity is not None:
            assert text[claim.quantity.start:claim.quantity.end] == claim.quantity.text
    place = rng.choice(PLACES)
    title = (f"{place}: {rng.choice(EVENTS)} report #{number}" if kind == "article"
             else f"source {number}: {rng.choice(AGENCIES)} on {place}")
    published = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(600))
    return AnalysedDocument(kind=kind, text=text, sha256=content_hash(text), origin=f"ui-bench:{kind}:{number}",
                            segments=segments_of(kind, text, scored), claims=claims, title=title,
                            url=f"https://bench.example/{kind}/{number}", published=published.isoformat())


# -- building the database ----------------------------------------------------------------------------

def build(path: Path, claims: int, sentences: int, sources: int, match_claims: int, reviews: int,
          corrections: int, seed: int) -> dict[str, float]:
    """Fill a new database; returns seconds per step."""
    rng = random.Random(seed)
    store = Store(path)
    seconds: dict[str, float] = {}

    started = time.perf_counter()
    articles = math.ceil(claims / sentences)
    made = 0
    for first in range(0, articles, BATCH_DOCS):
        batch = []
        for number in range(first, min(first + BATCH_DOCS, articles)):
            count = min(sentences, claims - made)
            batch.append(make_document(rng, "article", number + 1, count,
                                       lambda: round(rng.betavariate(2.0, 3.0), 4)))
            made += count
        with store.write() as con:
            write_documents(con, batch, run_id=None)
    batch = [make_document(rng, "source", number + 1, 10, lambda: round(rng.random(), 4))
             for number in range(sources)]
    with store.write() as con:
        write_documents(con, batch, run_id=None)
    seconds["articles and sources"] = time.perf_counter() - started

    # Evidence: the most check-worthy claims for real, the rest synthetic.
    started = time.perf_counter()
    index = PassageIndex.for_store(store)
    index.sync(store)
    upto = index.upto
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with store.write() as con:
        con.execute("CREATE TEMP TABLE bench_real AS SELECT id AS claim_id FROM claims "
                    "ORDER BY checkworthiness DESC, id LIMIT ?", [match_claims])
        con.execute("INSERT INTO match_state SELECT id, ?, ? FROM claims "
                    "WHERE id NOT IN (SELECT claim_id FROM bench_real)", [now, upto])
    matched = match_stored(store).full
    seconds["match_stored (real matches)"] = time.perf_counter() - started

    started = time.perf_counter()
    with store.read() as con:
        others = [row[0] for row in con.execute(
            "SELECT id FROM claims WHERE id NOT IN (SELECT claim_id FROM matches) ORDER BY id").fetchall()]
        passages = [row[0] for row in con.execute("SELECT id FROM segments WHERE kind = 'passage'").fetchall()]
    filler: dict[str, list] = {name: [] for name in ("claim_id", "segment_id", "rank", "score", "text_score",
                                                     "fuzz_score", "figure_score", "relation", "why",
                                                     "computed_at", "run_id")}
    for claim_id in others:
        scores = sorted((round(rng.uniform(0.2, 0.9), 3) for _ in range(rng.randint(0, 5))), reverse=True)
        for rank, (score, passage) in enumerate(zip(scores, rng.sample(passages, len(scores))), start=1):
            for name, value in (("claim_id", claim_id), ("segment_id", passage), ("rank", rank), ("score", score),
                                ("text_score", score), ("fuzz_score", score), ("figure_score", 0.0),
                                ("relation", rng.choice(["supports", "contradicts", "related", "related"])),
                                ("why", SYNTHETIC), ("computed_at", now),
                                ("run_id", None)):
                filler[name].append(value)
    with store.write() as con:
        if filler["claim_id"]:
            insert_rows(con, "matches", filler)
    seconds["synthetic matches"] = time.perf_counter() - started

    started = time.perf_counter()
    with store.read() as con:
        all_claims = [row[0] for row in con.execute("SELECT id FROM claims ORDER BY id").fetchall()]
    rows: dict[str, list] = {name: [] for name in ("id", "claim_id", "reviewer", "action", "verdict", "note",
                                                   "evidence", "undoes", "created_at")}
    when = now - dt.timedelta(days=30)
    reviewed = rng.sample(all_claims, min(len(all_claims), int(reviews * 0.88)))
    targets = reviewed + rng.sample(reviewed, min(len(reviewed), reviews - len(reviewed)))
    rng.shuffle(targets)
    history: dict[int, list[tuple[int, str, str | None]]] = {}  # claim -> verdicts in force (id, reviewer, verdict)
    for claim_id in targets:
        when += dt.timedelta(seconds=rng.randint(1, 400))
        review_id = len(rows["id"]) + 1
        reviewer, verdict = rng.choice(REVIEWERS), rng.choice(review.VERDICTS)
        in_force = history.setdefault(claim_id, [])
        if in_force and rng.random() < 0.15:  # an undo of the newest verdict: restores the one before
            undone_id, reviewer, _ = in_force.pop()
            action, undoes, verdict = "undo", undone_id, in_force[-1][2] if in_force else None
        else:
            action, undoes = "verdict", None
            in_force.append((review_id, reviewer, verdict))
        for name, value in (("id", review_id), ("claim_id", claim_id), ("reviewer", reviewer), ("action", action),
                            ("verdict", verdict), ("note", "checked" if rng.random() < 0.3 else None),
                            ("evidence", json.dumps({"passages": [], "quote": None, "url": None})),
                            ("undoes", undoes), ("created_at", when)):
            rows[name].append(value)
    fixes: dict[str, list] = {name: [] for name in ("id", "claim_id", "field", "old_value", "new_value",
                                                    "reviewer", "created_at")}
    for number, claim_id in enumerate(rng.sample(all_claims, min(len(all_claims), corrections)), start=1):
        name, value = rng.choice([("subject", "corrected subject"), ("qualifier", "about"), ("unit", "person"),
                                  ("time", "last year"), ("hedged", "true")])
        for column, cell in (("id", number), ("claim_id", claim_id), ("field", name), ("old_value", None),
                             ("new_value", value), ("reviewer", rng.choice(REVIEWERS)), ("created_at", now)):
            fixes[column].append(cell)
    with store.write() as con:
        if rows["id"]:
            insert_rows(con, "reviews", rows)
        if fixes["id"]:
            insert_rows(con, "corrections", fixes)
        rebuild_queue(con)  # the rows went in behind the store's writers, which keep the review queue in step
    seconds["reviews and corrections"] = time.perf_counter() - started
    seconds["_real_matched"] = matched
    return seconds


def describe(path: Path) -> dict[str, int]:
    with Store(path).read() as con:
        return {name: con.execute(sql).fetchone()[0] for name, sql in (
            ("claims", "SELECT count(*) FROM claims"),
            ("articles", "SELECT count(*) FROM documents WHERE kind = 'article'"),
            ("passages", "SELECT count(*) FROM segments WHERE kind = 'passage'"),
            ("matches", "SELECT count(*) FROM matches"),
            ("claims with matcher candidates", f"SELECT count(DISTINCT claim_id) FROM matches WHERE why <> '{SYNTHETIC}'"),
            ("reviews", "SELECT count(*) FROM reviews"),
            ("reviewed claims", "SELECT count(*) FROM claims_v WHERE status <> 'unreviewed'"),
            ("corrections", "SELECT count(*) FROM corrections"),
        )}


# -- measuring ---------------------------------------------------------------------------------------

def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * q
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass
class Series:
    name: str
    wall: list[float] = field(default_factory=list)  # ms
    cpu: list[float] = field(default_factory=list)  # ms
    note: str = ""
    page: bool = True  # a full render of the Review page (the target applies)

    def p(self, q: float) -> float:
        return percentile(self.wall, q)


class Timer:
    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall_ms = (time.perf_counter() - self.wall) * 1000
        self.cpu_ms = (time.process_time() - self.cpu) * 1000


def timed(series: Series, action) -> object:
    with Timer() as timer:
        result = action()
    series.wall.append(timer.wall_ms)
    series.cpu.append(timer.cpu_ms)
    return result


def new_page(**state):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(REVIEW_PAGE), default_timeout=120)
    at.session_state["reviewer"] = "bench"
    for key, value in state.items():
        at.session_state[key] = value
    return at


def check(at, what: str, problems: list[str]) -> None:
    if at.exception:
        problems.append(f"{what}: {at.exception[0].value}")


def clear_cache() -> None:
    import streamlit as st
    import streamlit.logger

    streamlit.logger.set_log_level("error")  # outside a server: "missing ScriptRunContext" on every clear
    st.cache_data.clear()


def measure_page(repeat: int, text: str, kind: str, problems: list[str]) -> tuple[list[Series], float]:
    clear_cache()
    with Timer() as first:  # the process's first run: imports of streamlit's and our modules
        at = new_page()
        at.run()
    check(at, "warm-up", problems)

    cold = Series("first render (fresh AppTest, cold cache)")
    for _ in range(repeat):
        clear_cache()
        at = new_page()
        timed(cold, at.run)
        check(at, "first render", problems)

    warm = Series("warm rerun (same AppTest, cached reads)")
    clear_cache()
    at = new_page()
    at.run()
    for _ in range(repeat):
        timed(warm, at.run)
        check(at, "rerun", problems)

    def moving_clicks(series: Series, key: str, what: str):
        """Click a button that moves to the next claim ``repeat`` times on a fresh page; check it moved."""
        clear_cache()
        page = new_page()
        page.run()
        seen = [page.session_state["current_claim"]]
        for _ in range(repeat):
            timed(series, page.button(key=key).click().run)
            check(page, what, problems)
            seen.append(page.session_state["current_claim"])
        if len(set(seen)) != len(seen):
            problems.append(f"{what} did not move on every time: {seen}")
        return page

    save = Series("save & next (verdict_supported click)")
    undo = Series("undo (undo click)")
    at = moving_clicks(save, "verdict_supported", "save & next")
    for _ in range(repeat):
        timed(undo, at.button(key="undo").click().run)
        check(at, "undo", problems)

    skip = Series("skip (skip click)")
    moving_clicks(skip, "skip", "skip")

    filtered = []
    for label, state in ((f"first render, text filter {text!r}", {"f_text": text}),
                         (f"first render, kind filter [{kind}]", {"f_kinds": [kind]})):
        series = Series(label)
        for _ in range(repeat):
            clear_cache()
            at = new_page(**state)
            timed(series, at.run)
            check(at, label, problems)
        series.note = at.get("progress")[0].proto.text if at.get("progress") else ""
        filtered.append(series)
    return [cold, warm, save, skip, undo] + filtered, first.wall_ms


def measure_library(path: Path, repeat: int, text: str, kind: str) -> list[Series]:
    """The reads behind one render, as the UI makes them (fresh Store) and on a reused Store."""
    plain, filtered_text, filtered_kind = QueueFilter(), QueueFilter(text=text), QueueFilter(kinds=(kind,))
    reused = Store(path)
    reused.ensure()
    page = queue(reused, plain, PAGE_SIZE, 0)
    top, tenth = page[0]["claim_id"], page[min(9, len(page) - 1)]["claim_id"]

    def read_open(store: Store):
        with store.read():
            pass

    calls = [
        ("Store(path).ensure(): read-write open, migration check, close", lambda s: s.ensure(), False),
        ("read-only open + close", read_open, True),
        ("queue page: reviews.queue(25, offset 0)", lambda s: queue(s, plain, PAGE_SIZE, 0), True),
        ("queue_count(unreviewed)", lambda s: queue_count(s, plain), True),
        ("queue_count(all)", lambda s: queue_count(s, QueueFilter(status="all")), True),
        ("queue_count(reviewed)", lambda s: queue_count(s, QueueFilter(status="reviewed")), True),
        ("queue_position(10th claim)", lambda s: queue_position(s, plain, tenth), True),
        ("claim_detail(top claim)", lambda s: claim_detail(s, top), True),
        ("article titles (documents.article_titles)", article_titles, True),
        (f"queue page, text filter {text!r}", lambda s: queue(s, filtered_text, PAGE_SIZE, 0), True),
        (f"queue_count, text filter {text!r}", lambda s: queue_count(s, filtered_text), True),
        (f"queue page, kind filter [{kind}]", lambda s: queue(s, filtered_kind, PAGE_SIZE, 0), True),
    ]
    result = []
    for name, call, both in calls:
        fresh = Series(name, page=False)
        for _ in range(repeat):
            timed(fresh, lambda call=call: call(Store(path)))
        result.append(fresh)
        if both:
            again = Series(name, page=False, note="reused Store")
            for _ in range(repeat):
                timed(again, lambda call=call: call(reused))
            result.append(again)
    return result


def profile_cold_render(limit: int) -> str:
    """cProfile of one cold render, taken inside the script thread (cProfile sees one thread)."""
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    profiler = cProfile.Profile()
    original = LocalScriptRunner._run_script_thread

    def profiled(self):
        profiler.enable()
        try:
            original(self)
        finally:
            profiler.disable()

    LocalScriptRunner._run_script_thread = profiled
    try:
        clear_cache()
        at = new_page()
        with Timer() as timer:
            at.run()
    finally:
        LocalScriptRunner._run_script_thread = original
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    out.write(f"cProfile of one cold first render ({timer.wall_ms:.0f} ms wall, profiled)\n")
    stats.sort_stats("cumulative").print_stats(limit)
    stats.sort_stats("tottime").print_stats(limit)
    return out.getvalue()


# -- report -------------------------------------------------------------------------------------------

def table(series: list[Series]) -> str:
    lines = ["| what | n | p50 ms | p95 ms | max ms | min ms | CPU p50 ms | note |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]
    for s in series:
        lines.append(f"| {s.name} | {len(s.wall)} | {s.p(0.5):.0f} | {s.p(0.95):.0f} | {max(s.wall):.0f} | "
                     f"{min(s.wall):.0f} | {percentile(s.cpu, 0.5):.0f} | {s.note} |")
    return "\n".join(lines)


def library_table(series: list[Series]) -> str:
    lines = ["| call | fresh Store (as the UI) p50 / p95 ms | reused Store p50 / p95 ms |", "|---|---:|---:|"]
    by_name: dict[str, dict[str, Series]] = {}
    for s in series:
        by_name.setdefault(s.name, {})["reused" if s.note else "fresh"] = s
    for name, pair in by_name.items():
        cells = []
        for key in ("fresh", "reused"):
            s = pair.get(key)
            cells.append(f"{s.p(0.5):.1f} / {s.p(0.95):.1f}" if s else "—")
        lines.append(f"| {name} | {cells[0]} | {cells[1]} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=100_000, help="claims to build (default 100,000)")
    parser.add_argument("--sentences", type=int, default=25, help="sentences (claims) per article (default 25)")
    parser.add_argument("--sources", type=int, default=300, help="source documents, 10 passages each")
    parser.add_argument("--match-claims", type=int, default=1000,
                        help="most check-worthy claims matched by match_stored (default 1,000)")
    parser.add_argument("--reviews", type=int, default=5000, help="review rows to insert (default 5,000)")
    parser.add_argument("--corrections", type=int, default=300, help="corrections to insert (default 300)")
    parser.add_argument("--db", type=Path, help="database file: built if missing, reused if present")
    parser.add_argument("--repeat", type=int, default=10, help="samples per timing (default 10)")
    parser.add_argument("--text", default="flood", help="text filter (default 'flood')")
    parser.add_argument("--kind", default="percent", help="kind filter (default percent)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one cold render")
    parser.add_argument("--profile-lines", type=int, default=30)
    args = parser.parse_args(argv)

    workdir = None
    if args.db is None:
        workdir = Path(tempfile.mkdtemp(prefix="ui-bench-"))
        path = workdir / "ui.duckdb"
    else:
        path = args.db.resolve()
    load_before = os.getloadavg()
    try:
        if path.exists():
            print(f"reusing {path} (not rebuilt)")
            built = None
        else:
            started = time.perf_counter()
            built = build(path, args.claims, args.sentences, args.sources, args.match_claims, args.reviews,
                          args.corrections, args.seed)
            built["total"] = time.perf_counter() - started
        facts = describe(path)
        os.environ["WORKBENCH_DB"] = str(path)

        problems: list[str] = []
        page_series, first_ms = measure_page(args.repeat, args.text, args.kind, problems)
        library = measure_library(path, args.repeat, args.text, args.kind)
        cold = page_series[0]
        profile = profile_cold_render(args.profile_lines) if args.profile or cold.p(0.5) >= TARGET_MS else None
        load_after = os.getloadavg()
        size_mb = path.stat().st_size / 1e6
    finally:
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)

    print(f"\n## Review page at {facts['claims']:,} claims\n")
    print(f"database: {path}{' (temporary, removed)' if workdir else ''}, {size_mb:.0f} MB; "
          + ", ".join(f"{name} {value:,}" for name, value in facts.items()))
    if built is not None:
        print("build: " + ", ".join(f"{name} {value:.1f} s" for name, value in built.items()
                                    if not name.startswith("_"))
              + f" ({built['_real_matched']:,.0f} claims matched by match_stored)")
    print(f"machine: {os.cpu_count()} cores, load average {load_before[0]:.2f} before, {load_after[0]:.2f} after; "
          f"the process's first AppTest run (imports) {first_ms:.0f} ms, not counted\n")
    print("AppTest, wall ms around at.run() / click().run():\n")
    print(table(page_series))
    print("\nThe library calls behind the page, called directly (ms):\n")
    print(library_table(library))
    print("\nA cold render makes 6 cached reads (article titles, 3 queue counts, the queue page, claim_detail), "
          "each through a fresh Store(path); save & next and skip add queue_position (uncached).")

    renders = [s for s in page_series if s.page and not s.name.startswith("undo")]
    missed = [s.name for s in renders if s.p(0.95) >= TARGET_MS]
    verdict = "PASS" if not missed else "FAIL"
    save, warm = page_series[2], page_series[1]
    if problems:
        print("\nproblems:\n" + "\n".join(f"- {p}" for p in problems))
    if missed:
        print("\nover the target at p95: " + "; ".join(missed))
    print("\nREADME:\n")
    print(f"| Review page | {facts['claims']:,} claims | first render p50 {cold.p(0.5):.0f} ms, "
          f"p95 {cold.p(0.95):.0f} ms | rerun p50 {warm.p(0.5):.0f} ms | save & next p50 {save.p(0.5):.0f} ms, "
          f"p95 {save.p(0.95):.0f} ms | target < 1 s | {verdict} |")
    if profile:
        print("\n" + profile)


if __name__ == "__main__":
    main()
