"""The review queue as a table: ``review_queue`` holds each claim's row of ``queue_of`` (views.sql), what the queue
filters on and orders by, so that a page of the queue and its count read narrow rows instead of computing
``claims_v`` over every claim (see migration 0022).

It is derived data, kept in step inside the transaction of every write that changes a row: a verdict, an undo or
an adjudication (the claim's status, whether its assignment still awaits, whether a second review is due), an
assignment or a claim sent back, a claim flagged for a second review, a correction or a manual claim (the reading,
and the priority of the sentence's other claims), an import (new claims) and a change of the profile's
``second_review`` share (every claim's). Each rewrite is the claims' rows from ``queue_of``, the one definition, so
a row always equals what the views say; after every migration the whole table is rebuilt the same way.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

import duckdb
import numpy as np

#: Claims whose queue rows one statement of a bulk load rewrites (whole sentences, so a few more): ``queue_of``
#: joins and orders every claim it is given at once. Measured on a batch of 783,000 claims (a 50 MB article):
#: the process peaked at 2.7 GB rewriting them in one statement, 1.7-1.9 GB in slices of 50,000 or 100,000 (no
#: slower); smaller slices gain no memory and each scans the tables again.
REFRESH_CLAIMS = 100_000


def sentence_claims(con: duckdb.DuckDBPyConnection, claim_ids: Iterable[int]) -> list[int]:
    """The claims ``claim_ids`` with every other claim of their sentences, in id order: a claim's queue priority
    depends on its sentence's other claims, so ``claims_of`` and ``queue_of`` need them all."""
    return con.execute("SELECT coalesce(list(id ORDER BY id), []) FROM claims WHERE segment_id IN "
                       "(SELECT segment_id FROM claims WHERE id IN (SELECT unnest(?::BIGINT[])))",
                       [list(claim_ids)]).fetchone()[0]


def sentence_slices(con: duckdb.DuckDBPyConnection, first: int, last: int) -> Iterator[list[int]]:
    """The claims with ids ``first`` to ``last`` with every other claim of their sentences, in slices of about
    :data:`REFRESH_CLAIMS` that never split a sentence."""
    found = con.execute("SELECT id, segment_id FROM claims WHERE segment_id IN "
                        "(SELECT segment_id FROM claims WHERE id BETWEEN ? AND ?) ORDER BY segment_id, id",
                        [first, last]).fetchnumpy()
    ids, segments = found["id"], found["segment_id"]
    starts = np.flatnonzero(np.diff(segments, prepend=-1))  # where each sentence's claims begin
    cuts = [0]
    while (following := np.searchsorted(starts, cuts[-1] + REFRESH_CLAIMS)) < len(starts):
        cuts.append(int(starts[following]))  # the first sentence that begins once the slice is full
    for begin, end in zip(cuts, [*cuts[1:], len(ids)]):
        if end > begin:
            yield ids[begin:end].tolist()


def refresh(con: duckdb.DuckDBPyConnection, claim_ids: Iterable[int]) -> None:
    """Rewrite the queue rows of ``claim_ids`` and of the other claims of their sentences, in the caller's
    transaction, after a write that changed what they show. A ``range`` (a bulk load's new claims) is rewritten
    a slice of sentences at a time."""
    slices = sentence_slices(con, claim_ids.start, claim_ids.stop - 1) if isinstance(claim_ids, range) \
        else [sentence_claims(con, claim_ids)]
    for ids in slices:
        if ids:
            con.execute("DELETE FROM review_queue WHERE claim_id IN (SELECT unnest(?::BIGINT[]))", [ids])
            con.execute("INSERT INTO review_queue BY NAME SELECT * FROM queue_of(?::BIGINT[])", [ids])


def rebuild(con: duckdb.DuckDBPyConnection) -> None:
    """Rewrite every row, in the caller's transaction: after a migration, or a change that concerns every claim."""
    con.execute("DELETE FROM review_queue")
    con.execute("INSERT INTO review_queue BY NAME SELECT * FROM queue_of(NULL)")
