"""Passage vectors: which passages lack one, writing them, and reading them back for the vector index.

A vector belongs to a model (``model``): passages embedded by another model count as lacking one, and the
vector index reads only the current model's.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from workbench.store.db import Store

#: Passages read or written per batch: bounded memory whatever the database's size.
BATCH = 10_000


@dataclass(frozen=True)
class PassageText:
    passage_id: int
    text: str


def passages_without_vectors(store: Store, model: str, after: int = 0, limit: int = BATCH) -> list[PassageText]:
    """Up to ``limit`` source passages (id above ``after``, in id order) that have no vector of ``model``."""
    with store.read() as con:
        rows = con.execute(
            "SELECT s.id, s.text FROM segments s WHERE s.kind = 'passage' AND s.id > ? AND NOT EXISTS "
            "(SELECT 1 FROM passage_vectors v WHERE v.segment_id = s.id AND v.model = ?) ORDER BY s.id LIMIT ?",
            [after, model, limit]).fetchall()
    return [PassageText(passage_id, text) for passage_id, text in rows]


def write_vectors(store: Store, model: str, passage_ids: list[int], vectors: np.ndarray) -> None:
    """Store one vector per passage, replacing any other model's for the same passages, in one transaction."""
    if not passage_ids:
        return
    table = pa.table({"segment_id": pa.array(passage_ids, pa.int64()),
                      "model": pa.array([model] * len(passage_ids)),
                      "vector": pa.FixedSizeListArray.from_arrays(
                          pa.array(np.ascontiguousarray(vectors, dtype=np.float32).ravel()), vectors.shape[1])})
    with store.write() as con:
        con.register("_vectors", table)
        try:
            con.execute("DELETE FROM passage_vectors WHERE segment_id IN (SELECT segment_id FROM _vectors)")
            con.execute("INSERT INTO passage_vectors BY NAME SELECT * FROM _vectors")
        finally:
            con.unregister("_vectors")


def vectors_after(store: Store, model: str, after: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Batches of (passage ids, vectors as a float32 matrix) of ``model``, ids above ``after``, in id order."""
    with store.read() as con:
        reader = con.execute("SELECT segment_id, vector FROM passage_vectors WHERE model = ? AND segment_id > ? "
                             "ORDER BY segment_id", [model, after]).to_arrow_reader(BATCH)
        for batch in reader:
            if batch.num_rows:
                vectors = batch.column(1)
                yield (batch.column(0).to_numpy().astype(np.uint64),
                       vectors.values.to_numpy().astype(np.float32).reshape(batch.num_rows, vectors.type.list_size))


def count_vectors(store: Store, model: str, through: int | None = None) -> int:
    """How many passages have a vector of ``model`` (with an id up to ``through``, when given)."""
    with store.read() as con:
        return con.execute("SELECT count(*) FROM passage_vectors WHERE model = ? AND segment_id <= ?",
                           [model, through if through is not None else 2 ** 62]).fetchone()[0]
