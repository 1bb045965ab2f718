"""Where things live and the tunable numbers, in one place.

Every command resolves its database the same way (``--db``, then ``$WORKBENCH_DB``, then
``./claims.duckdb``) and reads thresholds from here, so the CLI, the UI and the library agree.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DB = "claims.duckdb"
DB_ENV = "WORKBENCH_DB"

#: How long a command waits for another process to release the database file.
LOCK_TIMEOUT_S = float(os.environ.get("WORKBENCH_LOCK_TIMEOUT", "30"))

#: Documents per write transaction during import: one transaction per batch, rolled back whole.
IMPORT_BATCH_DOCS = 64

#: A sentence with no figure becomes a ``statement`` claim at or above this check-worthiness.
STATEMENT_THRESHOLD = 0.5


def resolve_db_path(db: str | os.PathLike | None = None) -> Path:
    """The database path a command uses: explicit, else ``$WORKBENCH_DB``, else ``./claims.duckdb``."""
    return Path(db or os.environ.get(DB_ENV) or DEFAULT_DB)


@dataclass(frozen=True)
class MatchThresholds:
    """Scores (0..1) above which a candidate is suggested, and pre-selected when its figure agrees."""

    suggest: float = 0.35
    auto: float = 0.70


@dataclass(frozen=True)
class MatchWeights:
    """How a candidate's score (0..1) blends its parts; the parts are documented in workbench.match.rank.

    ``figure_*`` weigh what the passage's figures do to the claim's (one applies per candidate).
    ``bm25_half`` is the BM25 score that counts as half a text match.
    """

    text: float = 0.35
    fuzz: float = 0.15
    topic: float = 0.15
    figure_agrees: float = 0.35
    figure_conflicts: float = 0.21
    figure_compatible: float = 0.14
    figure_elsewhere: float = 0.07
    figure_nothing: float = 0.07
    bm25_half: float = 6.0

    def figure(self, outcome: str) -> float:
        return getattr(self, f"figure_{outcome}")


#: Candidates retrieved per claim before reranking, and kept after.
MATCH_POOL = 30
MATCH_TOP = 5
