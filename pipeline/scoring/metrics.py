"""Aggregation of scored pairs: counts, precision/recall/F1, per-field accuracy, error
types and grounded rate. Micro-averaged: counts are summed first, ratios taken last."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

import numpy as np

from pipeline.numbers.grounding import values_agree
from pipeline.scoring.match import Outcome, Pair

PER_FIELDS = (
    "change",
    "base_period",
    "status",
    "flow",
    "product",
    "segment",
    "partner",
    "period",
    "value",
    "unit",
    "qualifier",
)


@dataclass(frozen=True)
class Counts:
    correct: int = 0
    incorrect: int = 0
    spurious: int = 0
    missing: int = 0

    @property
    def predicted(self) -> int:
        return self.correct + self.incorrect + self.spurious

    @property
    def expected(self) -> int:
        return self.correct + self.incorrect + self.missing

    def vector(self) -> tuple[int, int, int, int]:
        return self.correct, self.incorrect, self.spurious, self.missing

    @property
    def precision(self) -> float:
        return float(precision_recall_f1(np.array([self.vector()]))[0][0])

    @property
    def recall(self) -> float:
        return float(precision_recall_f1(np.array([self.vector()]))[1][0])

    @property
    def f1(self) -> float:
        return float(precision_recall_f1(np.array([self.vector()]))[2][0])

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            **asdict(self),
        }


def precision_recall_f1(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Micro precision, recall and F1 of each row of (correct, incorrect, spurious,
    missing) counts: the one definition, used for a table and for every bootstrap sample.
    Precision is 1.0 when nothing was predicted and nothing expected, 0.0 when nothing was
    predicted but gold exists; recall likewise."""
    c, i, s, m = counts.T.astype(float)
    predicted, expected = c + i + s, c + i + m
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(predicted > 0, c / predicted, np.where(expected > 0, 0.0, 1.0))
        r = np.where(expected > 0, c / expected, np.where(predicted > 0, 0.0, 1.0))
        return p, r, np.where(p + r > 0, 2 * p * r / (p + r), 0.0)


def count(pairs: Iterable[Pair]) -> Counts:
    tally = Counter(p.outcome for p in pairs)
    return Counts(
        tally[Outcome.CORRECT],
        tally[Outcome.INCORRECT],
        tally[Outcome.SPURIOUS],
        tally[Outcome.MISSING],
    )


def per_field_accuracy(pairs: Iterable[Pair]) -> dict[str, float | None]:
    """For each field, the share of matched non-optional pairs on which it agrees.

    Taken on lenient pairs (matched on entity and metric only), so the key fields that the
    strict tier requires to agree can disagree here and show which field a prompt gets wrong.
    """
    matched = [p for p in pairs if p.outcome in (Outcome.CORRECT, Outcome.INCORRECT) and p.gold and p.pred]
    out: dict[str, float | None] = {}
    for field in PER_FIELDS:
        if not matched:
            out[field] = None
            continue
        agree = sum(_field_agrees(p, field) for p in matched)
        out[field] = agree / len(matched)
    return out


def _field_agrees(pair: Pair, field: str) -> bool:
    assert pair.gold is not None and pair.pred is not None
    if field == "value":
        return values_agree(pair.pred.value, pair.gold.value, pair.gold.unit)
    return bool(getattr(pair.pred, field) == getattr(pair.gold, field))


def error_counts(pairs: Iterable[Pair]) -> dict[str, int]:
    tally: Counter[str] = Counter()
    for pair in pairs:
        tally.update(str(e) for e in pair.errors)
    return dict(sorted(tally.items()))


def grounded_rate(pairs: Iterable[Pair]) -> float | None:
    """Share of predictions (optional matches included) whose evidence grounds."""
    flags = [p.grounded for p in pairs if p.pred is not None and p.grounded is not None]
    return sum(flags) / len(flags) if flags else None


@dataclass(frozen=True)
class ScoreRow:
    """The quality columns every score table shares."""

    precision: float
    recall: float
    f1: float
    correct: int
    incorrect: int
    spurious: int
    missing: int
    lenient_f1: float
    grounded_rate: float | None


def score_row(strict: Sequence[Pair], lenient: Sequence[Pair]) -> ScoreRow:
    counts = count(strict)
    return ScoreRow(
        counts.precision,
        counts.recall,
        counts.f1,
        counts.correct,
        counts.incorrect,
        counts.spurious,
        counts.missing,
        count(lenient).f1,
        grounded_rate(strict),
    )
