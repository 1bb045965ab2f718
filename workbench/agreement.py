"""How far reviewers agree on verdicts: Cohen's kappa per pair of reviewers and Krippendorff's alpha overall,
per verdict (how reliably reviewers tell that verdict from the others) and per relation of the claim's best
evidence (do reviewers agree more where matching said ``contradicts``?).

Each reviewer's own verdict on a claim counts (their newest that no undo reverted), so a claim reviewed twice,
blind or not, is a unit both reviewers rated. Kappa comes from scikit-learn (``cohen_kappa_score``) over the
claims a pair both decided; alpha from the ``krippendorff`` package, nominal, over every claim at least two
reviewers decided (a claim decided once is not pairable and counts for nothing). A figure that cannot be
computed (fewer than two claims, or one verdict given throughout, so that chance agreement is already
total) is None, never a made-up number. Per verdict, alpha is over the same claims with each verdict read
as "this verdict or another" (two values); per relation, over the claims whose best evidence matching
labelled so ("none": no evidence found).
"""
from __future__ import annotations

import itertools
import math
import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score

from workbench.review import VERDICTS
from workbench.store.agreement import reviewer_verdicts
from workbench.store.db import Store


@dataclass(frozen=True)
class PairAgreement:
    """Two reviewers over the claims both decided: how many, how many alike, kappa, and the confusion counts
    (``(verdict of first, verdict of second) → claims``)."""

    first: str
    second: str
    claims: int
    agreed: int
    kappa: float | None
    confusion: dict[tuple[str, str], int] = field(default_factory=dict)


@dataclass(frozen=True)
class Agreement:
    """Every pair that decided a claim in common, and alpha over the ``claims`` decided by two or more."""

    pairs: list[PairAgreement]
    alpha: float | None
    claims: int
    reviewers: int
    #: verdict → alpha of "this verdict or another", for every verdict given on a claim decided twice
    per_verdict: dict[str, float | None] = field(default_factory=dict)
    #: relation of the best evidence ("none" without any) → (claims decided twice, alpha over them)
    per_relation: dict[str, tuple[int, float | None]] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"alpha": self.alpha, "claims": self.claims, "reviewers": self.reviewers,
                "per_verdict": [{"verdict": v, "alpha": a} for v, a in self.per_verdict.items()],
                "per_relation": [{"relation": r, "claims": n, "alpha": a} for r, (n, a) in self.per_relation.items()],
                "pairs": [{"first": p.first, "second": p.second, "claims": p.claims, "agreed": p.agreed,
                           "kappa": p.kappa,
                           "confusion": [{"first": a, "second": b, "claims": n} for (a, b), n in p.confusion.items()]}
                          for p in self.pairs]}


def _figure(value: float) -> float | None:
    return None if value is None or math.isnan(value) else float(value)


def _kappa(first: list[str], second: list[str]) -> float | None:
    if len(first) < 2 or len(set(first) | set(second)) < 2:
        return None
    with warnings.catch_warnings():  # scikit-learn warns, and says nan, when chance agreement is total
        warnings.simplefilter("ignore", RuntimeWarning)
        return _figure(cohen_kappa_score(first, second, labels=list(VERDICTS)))


def _alpha(by_claim: dict[int, dict[str, str]], reviewers: list[str], values: tuple[str, ...] = VERDICTS
           ) -> float | None:
    """Nominal alpha over the claims decided twice or more, each verdict one of ``values``."""
    units = [claim for claim, verdicts in by_claim.items() if len(verdicts) > 1]
    given = {verdict for claim in units for verdict in by_claim[claim].values()}
    if not units or len(given) < 2:
        return None
    data = np.full((len(reviewers), len(units)), np.nan)
    for column, claim in enumerate(units):
        for reviewer, verdict in by_claim[claim].items():
            data[reviewers.index(reviewer), column] = values.index(verdict)
    return _figure(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal",
                                      value_domain=list(range(len(values)))))


def _per_verdict(by_claim: dict[int, dict[str, str]], reviewers: list[str]) -> dict[str, float | None]:
    given = {v for verdicts in by_claim.values() if len(verdicts) > 1 for v in verdicts.values()}
    return {verdict: _alpha({claim: {r: "this" if v == verdict else "other" for r, v in verdicts.items()}
                             for claim, verdicts in by_claim.items()}, reviewers, ("this", "other"))
            for verdict in VERDICTS if verdict in given}


def _per_relation(by_claim: dict[int, dict[str, str]], relations: dict[int, str], reviewers: list[str]
                  ) -> dict[str, tuple[int, float | None]]:
    found = {}
    for relation in sorted({relations[claim] for claim, verdicts in by_claim.items() if len(verdicts) > 1}):
        group = {claim: verdicts for claim, verdicts in by_claim.items() if relations[claim] == relation}
        found[relation] = (sum(len(v) > 1 for v in group.values()), _alpha(group, reviewers))
    return found


def agreement(store: Store) -> Agreement:
    """Kappa for every pair of reviewers with a claim in common; alpha overall, per verdict and per relation."""
    by_claim: dict[int, dict[str, str]] = defaultdict(dict)
    relations: dict[int, str] = {}
    for row in reviewer_verdicts(store):
        by_claim[row["claim_id"]][row["reviewer"]] = row["verdict"]
        relations[row["claim_id"]] = row["relation"] or "none"
    reviewers = sorted({reviewer for verdicts in by_claim.values() for reviewer in verdicts})
    pairs = []
    for first, second in itertools.combinations(reviewers, 2):
        common = [(v[first], v[second]) for v in by_claim.values() if first in v and second in v]
        if common:
            a, b = [pair[0] for pair in common], [pair[1] for pair in common]
            pairs.append(PairAgreement(first, second, len(common), sum(x == y for x, y in common), _kappa(a, b),
                                       dict(sorted(Counter(common).items()))))
    shared = sum(len(verdicts) > 1 for verdicts in by_claim.values())
    return Agreement(pairs, _alpha(by_claim, reviewers), shared, len(reviewers), _per_verdict(by_claim, reviewers),
                     _per_relation(by_claim, relations, reviewers))
