"""Uncertainty of F1: bootstrap intervals of one version's F1 and of the difference
between two, resampling articles when there are enough of them, else observations.

One helper resamples; the unit decides how scored pairs become rows of counts.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from pipeline.scoring.match import Outcome, Pair
from pipeline.scoring.metrics import count, precision_recall_f1

BOOTSTRAP_SAMPLES = 2000
BOOTSTRAP_SEED = 20251128
CONFIDENCE = 0.95
MIN_ARTICLES_TO_RESAMPLE_ARTICLES = 10
MIN_ARTICLES_TO_CONCLUDE = 5
_ZERO = (0, 0, 0, 0)
# outcome -> (correct, incorrect, spurious, missing) contribution
_COUNTS = {
    Outcome.CORRECT: (1, 0, 0, 0),
    Outcome.INCORRECT: (0, 1, 0, 0),
    Outcome.SPURIOUS: (0, 0, 1, 0),
    Outcome.MISSING: (0, 0, 0, 1),
}


class Resampling(StrEnum):
    ARTICLES = "articles"
    OBSERVATIONS = "observations"

    @classmethod
    def for_articles(cls, n_articles: int) -> Resampling:
        """Articles are the honest unit (observations of one article are not independent),
        but ten or more are needed for their resampling to mean anything."""
        return cls.ARTICLES if n_articles >= MIN_ARTICLES_TO_RESAMPLE_ARTICLES else cls.OBSERVATIONS


@dataclass(frozen=True)
class Interval:
    """A bootstrap interval for candidate F1 minus baseline F1."""

    delta: float
    low: float
    high: float
    unit: Resampling
    n: int
    n_articles: int

    @property
    def verdict(self) -> str:
        if self.n_articles < MIN_ARTICLES_TO_CONCLUDE:
            return (
                f"too few articles to conclude (n={self.n_articles}); interval resamples "
                f"{self.n} {self.unit} within them"
            )
        if self.low > 0:
            return "better"
        if self.high < 0:
            return "worse"
        return "no significant difference"

    @property
    def significantly_worse(self) -> bool:
        return self.high < 0


def by_gold(pairs: Sequence[Pair], *, required_only: bool = False) -> dict[str, Pair]:
    """Pairs keyed by their gold observation, identical gold observations numbered apart,
    so the same fact can be found in another version's pairs."""
    seen: Counter[str] = Counter()
    keyed: dict[str, Pair] = {}
    for pair in pairs:
        if pair.gold is None or (required_only and pair.gold.optional):
            continue
        fact = json.dumps(pair.gold.to_json(), separators=(",", ":"), ensure_ascii=False)
        base = f"{pair.article_id}|{fact}"
        keyed[f"{base}#{seen[base]}"] = pair
        seen[base] += 1
    return keyed


def _units(
    baseline: Sequence[Pair], candidate: Sequence[Pair], n_articles: int, unit: Resampling
) -> tuple[np.ndarray, np.ndarray]:
    """Paired count rows, one per resampling unit, for both versions. By article, an
    article neither version has a pair in (no figures, none predicted) is a unit too. By
    observation, each required gold fact is paired across versions, and each spurious
    prediction is a unit of its own version only."""
    if unit == Resampling.ARTICLES:
        ids = sorted({p.article_id for p in baseline} | {p.article_id for p in candidate})
        empty = [_ZERO] * max(0, n_articles - len(ids))
        rows = [
            [count(p for p in pairs if p.article_id == a).vector() for a in ids] + empty
            for pairs in (baseline, candidate)
        ]
        return np.array(rows[0]).reshape(-1, 4), np.array(rows[1]).reshape(-1, 4)
    outcome_b = {k: p.outcome for k, p in by_gold(baseline).items() if p.outcome in _COUNTS}
    outcome_c = {k: p.outcome for k, p in by_gold(candidate).items() if p.outcome in _COUNTS}
    keys = sorted(set(outcome_b) | set(outcome_c))
    b = [_COUNTS[outcome_b[k]] if k in outcome_b else _ZERO for k in keys]
    c = [_COUNTS[outcome_c[k]] if k in outcome_c else _ZERO for k in keys]
    for own, other, pairs in ((b, c, baseline), (c, b, candidate)):
        for pair in pairs:
            if pair.outcome == Outcome.SPURIOUS:
                own.append(_COUNTS[Outcome.SPURIOUS])
                other.append(_ZERO)
    return np.array(b).reshape(-1, 4), np.array(c).reshape(-1, 4)


def _f1(counts: np.ndarray) -> np.ndarray:
    return precision_recall_f1(counts)[2]


def _percentile_interval(
    units: np.ndarray, minus: np.ndarray | None, samples: int, seed: int, confidence: float
) -> tuple[float, float]:
    """The one resampler: F1 over resampled units (minus the F1 of `minus` over the same
    resample, for a paired difference), as a percentile interval."""
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(units), size=(samples, len(units)))
    statistic = _f1(units[idx].sum(axis=1))
    if minus is not None:
        statistic = statistic - _f1(minus[idx].sum(axis=1))
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(statistic, [tail, 100 - tail])
    return float(low), float(high)


def paired_bootstrap(
    baseline: Sequence[Pair],
    candidate: Sequence[Pair],
    n_articles: int,
    samples: int = BOOTSTRAP_SAMPLES,
    seed: int = BOOTSTRAP_SEED,
    confidence: float = CONFIDENCE,
) -> Interval:
    """Percentile interval of F1(candidate) - F1(baseline), resampling paired units:
    articles when there are enough of them, otherwise observations (and it says so)."""
    unit = Resampling.for_articles(n_articles)
    b, c = _units(baseline, candidate, n_articles, unit)
    delta = float(_f1(c.sum(axis=0, keepdims=True))[0] - _f1(b.sum(axis=0, keepdims=True))[0])
    if len(b) == 0:
        return Interval(delta, delta, delta, unit, 0, n_articles)
    low, high = _percentile_interval(c, b, samples, seed, confidence)
    return Interval(delta, low, high, unit, len(b), n_articles)


def bootstrap_f1(
    pairs: Sequence[Pair],
    n_articles: int,
    samples: int = BOOTSTRAP_SAMPLES,
    seed: int = BOOTSTRAP_SEED,
    confidence: float = CONFIDENCE,
) -> tuple[float, float]:
    """Percentile interval of one version's F1, over the same units as the paired test."""
    units, _ = _units(pairs, pairs, n_articles, Resampling.for_articles(n_articles))
    if len(units) == 0:
        value = float(_f1(np.zeros((1, 4)))[0])
        return value, value
    return _percentile_interval(units, None, samples, seed, confidence)
