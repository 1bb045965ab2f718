"""What matching reads and writes: claims to match, passages to index, candidates and match state.

Records come back as plain data (:class:`workbench.claims.Claim` with its :class:`Quantity` and
:class:`Frame`) or as dicts keyed by column name: matching itself names no table.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from workbench.claims import Claim, Frame, Quantity, Sentence
from workbench.store.db import Store, insert_rows, records


def figure_from_record(record: dict) -> Quantity:
    """A Quantity from a mapping with its fields (missing ones, as in rows older than a field, are None)."""
    value = record.get("value")
    return Quantity(
        text=record.get("text") or "", start=record.get("start") or 0, end=record.get("end") or 0,
        value=float(value) if value is not None else 0.0, unit=record.get("unit"), kind=record.get("kind"),
        value_max=None if record.get("value_max") is None else float(record["value_max"]),
        qualifier=record.get("qualifier"), iso=record.get("iso"), implied=record.get("implied"),
        implied_qualifier=record.get("implied_qualifier"), implied_start=bool(record.get("implied_start")),
        direction=record.get("direction"), role=record.get("role"), time=record.get("time"),
        step=record.get("step"))


def claim_from_record(record: dict, sentence: Sentence, entities: Iterable[str] = ()) -> Claim:
    """A figure with its frame, subject and predicate (a claim's, or a source passage's figure), and who the
    sentence says reported it (a claim's; a passage's figures are stored without)."""
    quantity = figure_from_record(record) if record.get("kind") not in (None, "statement") and \
        record.get("value") is not None else None
    return Claim(
        sentence=sentence, kind=record.get("kind") or "statement", quantity=quantity,
        frame=Frame(record.get("measure"), tuple(record.get("actors") or ()), tuple(record.get("places") or ()),
                    bool(record.get("figure_hedged", record.get("hedged")))),
        subject=record.get("subject"), predicate=record.get("predicate"), time=record.get("time"),
        attribution=record.get("attribution"), attribution_kind=record.get("attribution_kind"),
        hedged=bool(record.get("hedged")), entities=tuple(entities))


# -- passages, for the derived index ------------------------------------------------------------------------

PASSAGES_SQL = """
WITH said_times AS (  -- the times each passage's figures say, in order, for the next passage's to inherit
    SELECT segment_id, list({'time': time, 'role': role} ORDER BY char_start) AS times FROM quantities
    WHERE claim_id IS NULL AND time IS NOT NULL AND kind <> 'date' GROUP BY segment_id
)
SELECT s.id AS passage_id, s.document_id, d.title AS source, CAST(d.published AS VARCHAR) AS published,
       s.text, s.char_start AS "start", s.char_end AS "end",
       CASE WHEN len(s.actors) > 0 THEN s.actors ELSE coalesce(lead.actors, []) END AS actors,
       CASE WHEN len(s.places) > 0 THEN s.places ELSE coalesce(lead.places, []) END AS places,
       lead.text AS lead, coalesce(t.actors, []) AS title_actors, coalesce(before.times, []) AS times_before,
       coalesce(list({'text': q.text, 'kind': q.kind, 'unit': q.unit, 'value': q.value, 'value_max': q.value_max,
                      'qualifier': q.qualifier, 'iso': q.iso, 'implied': q.implied,
                      'implied_qualifier': q.implied_qualifier, 'implied_start': q.implied_start,
                      'direction': q.direction, 'role': q.role, 'time': q.time, 'step': q.step,
                      'measure': q.measure, 'actors': q.actors, 'places': q.places, 'hedged': q.hedged,
                      'subject': q.subject, 'predicate': q.predicate, 'start': q.char_start, 'end': q.char_end}
                     ORDER BY q.char_start)
                FILTER (WHERE q.id IS NOT NULL), []) AS figures
FROM segments s
JOIN documents d ON d.id = s.document_id
LEFT JOIN segments lead ON lead.document_id = s.document_id AND lead.seq = 0
LEFT JOIN title_names t ON t.document_id = s.document_id
LEFT JOIN segments previous ON previous.document_id = s.document_id AND previous.seq = s.seq - 1
LEFT JOIN said_times before ON before.segment_id = previous.id
LEFT JOIN quantities q ON q.segment_id = s.id AND q.claim_id IS NULL
WHERE s.kind = 'passage' AND s.id > ?
GROUP BY ALL
ORDER BY s.id
"""


@dataclass(frozen=True)
class IndexState:
    """What a derived index of passages checks against: which database, and the last passage id."""

    database_id: str
    latest_passage: int


def index_state(store: Store) -> IndexState:
    with store.read() as con:
        database_id = con.execute("SELECT value FROM meta WHERE key = 'database_id'").fetchone()[0]
        latest = con.execute("SELECT coalesce(max(id), 0) FROM segments WHERE kind = 'passage'").fetchone()[0]
    return IndexState(database_id, latest)


def passages_after(store: Store, passage_id: int) -> Iterator[dict]:
    """Every source passage with an id above ``passage_id``, in id order, with its figures (as mappings),
    its names (or its source's opening passage's), its source's title, the actors the title names, its date
    and opening passage, and the times the figures of the passage before it say (``times_before``)."""
    with store.read() as con:
        yield from records(con.execute(PASSAGES_SQL, [passage_id]))


# -- claims to match -------------------------------------------------------------------------------------

CLAIMS_SQL = """
SELECT c.claim_id, c.document, c.sentence, c.sentence_start, c.sentence_end, c.kind, c.quantity AS text,
       c.quantity_start AS "start", c.quantity_end AS "end", c.value, c.value_max, c.unit, c.qualifier, c.iso,
       c.implied, c.implied_qualifier, c.implied_start, c.direction, c.role, c.step, c.measure, c.actors,
       c.places, c.subject, c.predicate, c.attribution, c.attribution_kind, c.hedged,
       q.hedged AS figure_hedged,
       coalesce(c.entities, []) AS entities,
       CASE WHEN EXISTS (SELECT 1 FROM corrections k WHERE k.claim_id = c.claim_id AND k.field = 'time')
            THEN c.time ELSE q.time END AS time,
       c.time AS claim_time, CAST(c.published AS VARCHAR) AS published, s.passages_upto,
       (s.claim_id IS NULL OR (SELECT max(created_at) FROM corrections k WHERE k.claim_id = c.claim_id)
                               > s.matched_at) AS changed
FROM claims_v c
LEFT JOIN quantities q ON q.claim_id = c.claim_id
LEFT JOIN match_state s ON s.claim_id = c.claim_id
ORDER BY c.claim_id
"""


@dataclass(frozen=True)
class StoredClaim:
    """A stored claim as matching needs it: the claim read back, its document's date, and its match state."""

    id: int
    document: str
    claim: Claim
    published: str | None
    passages_upto: int | None
    changed: bool


def claims_to_match(store: Store) -> list[StoredClaim]:
    """Every claim with its corrections applied, in id order. A statement's ``time`` is the claim's time."""
    with store.read() as con:
        found = list(records(con.execute(CLAIMS_SQL)))
    stored = []
    for record in found:
        if record["kind"] == "statement":
            record["time"] = record["claim_time"]
        sentence = Sentence(record["sentence"], record["sentence_start"], record["sentence_end"])
        stored.append(StoredClaim(record["claim_id"], record["document"],
                                  claim_from_record(record, sentence, record["entities"]),
                                  record["published"], record["passages_upto"], bool(record["changed"])))
    return stored


# -- candidates ------------------------------------------------------------------------------------------

MATCH_COLUMNS = ("claim_id", "segment_id", "rank", "score", "text_score", "fuzz_score", "figure_score", "relation",
                 "why", "computed_at", "run_id")
CANDIDATE_FIELDS = ("passage_id", "score", "text_score", "fuzz_score", "figure_score", "relation", "why")


def replace_matches(store: Store, results: dict[int, list[dict]], incremental: set[int], upto: int, top: int,
                    run_id: int, now: dt.datetime) -> None:
    """Store each claim's candidates (mappings with :data:`CANDIDATE_FIELDS`), best first, in one transaction:
    a claim matched in full loses its old ones; one matched against new passages only (``incremental``) keeps
    the best ``top`` of old and new. Records the passages each claim has now been matched against."""
    ids = list(results)
    with store.write() as con:
        old: dict[int, list[dict]] = {}
        if incremental:
            for record in records(con.execute(
                    "SELECT claim_id, segment_id AS passage_id, score, text_score, fuzz_score, figure_score, relation,"
                    " why FROM matches WHERE list_contains(?, claim_id)", [sorted(incremental)])):
                old.setdefault(record.pop("claim_id"), []).append(record)
        con.execute("DELETE FROM matches WHERE list_contains(?, claim_id)", [ids])
        rows: dict[str, list] = {name: [] for name in MATCH_COLUMNS}
        for claim_id, candidates in results.items():
            merged = {record["passage_id"]: record for record in old.get(claim_id, [])}
            merged.update((candidate["passage_id"], candidate) for candidate in candidates)
            best = sorted(merged.values(), key=lambda r: (-r["score"], r["passage_id"]))[:top]
            for rank, record in enumerate(best, start=1):
                row = {**record, "claim_id": claim_id, "segment_id": record["passage_id"], "rank": rank,
                       "computed_at": now, "run_id": run_id}
                for name in MATCH_COLUMNS:
                    rows[name].append(row[name])
        insert_rows(con, "matches", rows)
        insert_rows(con, "match_state", {"claim_id": ids, "matched_at": [now] * len(ids),
                                         "passages_upto": [upto] * len(ids)}, or_replace=True)


def count_matches(store: Store) -> int:
    with store.read() as con:
        return con.execute("SELECT count(*) FROM matches").fetchone()[0]


OUTPUT_SQL = """
SELECT m.claim_id, m.passage_id, m.source_id, m.source, m.passage, m.passage_start, m.passage_end, m.score,
       m.text_score, m.fuzz_score, m.figure_score, m.relation, m.why
FROM matches_v m
ORDER BY m.claim_id, m.rank
"""


def stored_candidates(store: Store) -> Iterator[dict]:
    """Every stored candidate, by claim id, best first."""
    with store.read() as con:
        yield from records(con.execute(OUTPUT_SQL))
