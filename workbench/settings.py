"""Where things live and the tunable numbers, in one place.

Every command resolves its database the same way (``--db``, then ``$WORKBENCH_DB``, then
``./claims.duckdb``) and reads thresholds from here, so the CLI, the UI and the library agree.
"""
from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, fields
from functools import lru_cache
from importlib import resources
from pathlib import Path

DEFAULT_DB = "claims.duckdb"
DB_ENV = "WORKBENCH_DB"
#: ``--db quack:HOST:PORT`` names a database that ``workbench serve`` serves, not a file.
QUACK_PREFIX = "quack:"
#: The server's token, read from the environment by the server and its clients alike, never from arguments.
TOKEN_ENV = "WORKBENCH_TOKEN"

#: How long a command waits for another process to release the database file.
LOCK_TIMEOUT_S = float(os.environ.get("WORKBENCH_LOCK_TIMEOUT", "30"))

#: Documents per write transaction during import: one transaction per batch, rolled back whole.
IMPORT_BATCH_DOCS = 64

#: A read-only query is stopped after this many seconds (``workbench query --timeout``), and returns at most
#: this many rows (``--max-rows``; ``-o FILE`` writes them all). The UI's SQL page allows less time: a query
#: there must never hold the file longer than an import or a verdict is prepared to wait for it.
QUERY_TIMEOUT_S = 30.0
QUERY_MAX_ROWS = 100_000
UI_QUERY_TIMEOUT_S = 10.0

#: A sentence with no figure becomes a ``statement`` claim at or above this check-worthiness.
STATEMENT_THRESHOLD = 0.5


def resolve_db_path(db: str | os.PathLike | None = None) -> Path:
    """The database path a command uses: explicit, else ``$WORKBENCH_DB``, else ``./claims.duckdb``."""
    return Path(db or os.environ.get(DB_ENV) or DEFAULT_DB)


def resolve_db(db: str | os.PathLike | None = None) -> str:
    """The database a command uses, found as :func:`resolve_db_path` finds it: a file's path, or the
    ``quack:HOST:PORT`` of a served one."""
    return str(resolve_db_path(db))


def cache_dir() -> Path:
    """Where derived data of a served database (its passage index) is kept on this machine."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "workbench"


@dataclass(frozen=True)
class MatchThresholds:
    """Scores (0..1) above which a candidate is suggested, and pre-selected when its figure agrees."""

    suggest: float = 0.35
    auto: float = 0.70


@dataclass(frozen=True)
class MatchWeights:
    """A candidate's score (0..1): how likely the passage is evidence for the claim, by a logistic model over
    the parts documented in workbench.match.rank (text, fuzz and topic in 0..1; one weight for what the
    passage's figures do to the claim's). ``bm25_half`` is the BM25 score that counts as half a text match.

    The weights are not set by hand: ``bench/fit_weights.py`` fits them on the tuning part of the relations
    evaluation set (cross-validated) and writes ``workbench/match/weights.json``, which :meth:`fitted` reads.
    """

    intercept: float
    text: float
    fuzz: float
    topic: float
    figure_agrees: float
    figure_conflicts: float
    figure_compatible: float
    figure_elsewhere: float
    figure_nothing: float
    bm25_half: float

    @classmethod
    @lru_cache(maxsize=1)
    def fitted(cls) -> MatchWeights:
        """The shipped weights."""
        return cls(**_shipped("weights", cls))

    def figure(self, outcome: str) -> float:
        return getattr(self, f"figure_{outcome}")

    def score(self, text: float, fuzz: float, topic: float, outcome: str) -> float:
        logit = self.intercept + self.text * text + self.fuzz * fuzz + self.topic * topic + self.figure(outcome)
        return 1.0 / (1.0 + math.exp(-logit))


def _fitted(section: str) -> dict:
    """A section of the fitted ``workbench/match/weights.json``."""
    return json.loads((resources.files("workbench.match") / "weights.json").read_text(encoding="utf-8"))[section]


def _shipped(section: str, kind: type) -> dict[str, float]:
    """The fields of ``kind`` from a section of the fitted ``workbench/match/weights.json``."""
    fitted = _fitted(section)
    return {field.name: float(fitted[field.name]) for field in fields(kind)}


@dataclass(frozen=True)
class FusionWeights:
    """How the reranked candidates and the passages nearest by meaning are fused (reciprocal-rank fusion):
    a candidate's place is by 1/(k + its rank by score) + vectors/(k + its rank by meaning), where only
    passages at least ``floor`` similar (cosine) have a rank by meaning: below it, nearness is noise.
    Fitted on the tuning part of the retrieval evaluation (``bench/retrieval_eval.py --fit write``), shipped
    in ``workbench/match/weights.json``."""

    k: float
    vectors: float
    floor: float

    @classmethod
    @lru_cache(maxsize=1)
    def fitted(cls) -> FusionWeights:
        """The shipped fusion."""
        return cls(**_shipped("fusion", cls))


@dataclass(frozen=True)
class ContradictionModel:
    """When a passage's conflicting figure contradicts the claim's: a logistic model over named features
    (:func:`workbench.match.evidence.features`) and the probability from which it does. Fitted by
    ``bench/fit_relations.py`` on the tuning part of the relations set (cross-validated), shipped in
    ``workbench/match/weights.json`` (section ``contradicts``)."""

    intercept: float
    weights: dict[str, float]
    threshold: float

    @classmethod
    @lru_cache(maxsize=1)
    def fitted(cls) -> ContradictionModel:
        """The shipped model."""
        model = _fitted("contradicts")["model"]
        return cls(float(model["intercept"]), {name: float(w) for name, w in model["weights"].items()},
                   float(model["threshold"]))

    def probability(self, features: dict[str, float]) -> float:
        logit = self.intercept + sum(weight * features[name] for name, weight in self.weights.items())
        return 1.0 / (1.0 + math.exp(-logit))


#: Passages retrieved per claim by its words, and again by its figures' terms, before reranking. 20 rather
#: than 30: on bench/retrieval_eval.py's tuning part the fusion's recall@5 is the same (0.707) and its MRR
#: 0.481 -> 0.485, while a claim's first match at 1M passages costs 30% less (bench/match_bench.py); at 15,
#: recall@1 and MRR fall.
MATCH_POOL = 20
MATCH_TOP = 5
#: Passages nearest by meaning added to a claim's candidates (as many as 30 find no more evidence in
#: bench/retrieval_eval.py's tuning part, and cost twice the reranking).
MEANING_POOL = 10
