"""Aggregation of scored pairs: counts, precision/recall/F1, per-field accuracy, error
types and grounded rate. Micro-averaged: counts are summed first, ratios taken last."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass

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

    @property
    def precision(self) -> float:
        """Share of counted predictions that are correct; 1.0 when nothing was predicted
        and nothing was expected, 0.0 when nothing was predicted but gold exists."""
        if self.predicted == 0:
            return 1.0 if self.expected == 0 else 0.0
        return self.correct / self.predicted

    @property
    def recall(self) -> float:
        if self.expected == 0:
            return 1.0 if self.predicted == 0 else 0.0
        return self.correct / self.expected

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            **asdict(self),
        }


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
