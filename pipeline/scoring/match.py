"""Per-article matching of predictions to gold, and the outcome of every pair.

Pure functions: observations in, pairs out. Counting and averaging live in `metrics`.
Pairs are chosen by optimal assignment on a cost that first maximises the number of
matched pairs, then the number of correct ones, so a prediction never "steals" a gold
observation that another prediction would have got right, as greedy matching can.
Both sides are sorted canonically first, so the result never depends on input order.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from scipy.optimize import linear_sum_assignment

from pipeline.core.schema import KEY_FIELDS, Observation
from pipeline.numbers.grounding import values_agree


class Outcome(StrEnum):
    CORRECT = "correct"
    INCORRECT = "incorrect"
    SPURIOUS = "spurious"
    MISSING = "missing"
    OPTIONAL = "optional"  # paired with, or left as, optional gold: counts nowhere


class ErrorType(StrEnum):
    SCALE = "scale"
    SIGN = "sign"
    UNIT = "unit"
    ROUNDING = "rounding"
    QUALIFIER = "qualifier"
    VALUE = "value"
    WRONG_PERIOD = "wrong_period"
    WRONG_ENTITY = "wrong_entity"
    WRONG_CHANGE = "wrong_change"
    WRONG_KEY = "wrong_key"
    DUPLICATE = "duplicate"
    UNGROUNDED = "ungrounded"
    UNSUPPORTED = "unsupported"
    MISSED = "missed"


@dataclass(frozen=True)
class Tier:
    """How strictly a prediction must agree with gold: which fields pair them, and
    what makes a pair correct."""

    name: str
    key_fields: tuple[str, ...]
    check_unit_and_qualifier: bool

    def key(self, observation: Observation) -> tuple[object, ...]:
        return tuple(getattr(observation, name) for name in self.key_fields)

    def correct(self, gold: Observation, pred: Observation) -> bool:
        if not values_agree(pred.value, gold.value, gold.unit):
            return False
        if not self.check_unit_and_qualifier:
            return True
        return pred.unit == gold.unit and pred.qualifier == gold.qualifier


STRICT = Tier("strict", KEY_FIELDS, check_unit_and_qualifier=True)
LENIENT = Tier("lenient", ("entity", "metric"), check_unit_and_qualifier=False)

_SCALES = (1e3, 1e6, 1e9, 1e-3, 1e-6, 1e-9)
ROUNDING_REL_TOL = 0.005


@dataclass(frozen=True)
class Pair:
    """One row of the score: a gold observation, a prediction, or both, and the outcome."""

    article_id: str
    gold: Observation | None
    pred: Observation | None
    outcome: Outcome
    errors: tuple[ErrorType, ...] = ()
    grounded: bool | None = None  # of the prediction; None without a prediction or article


@dataclass(frozen=True)
class Prediction:
    """A prediction as the scorer takes it: already in comparable (normalised) form, with
    whether its evidence grounds in the article (None when no article was given)."""

    observation: Observation
    grounded: bool | None = None


def _order_key(observation: Observation) -> str:
    return json.dumps(observation.model_dump(mode="json"), sort_keys=True)


def canonical_order(observations: Sequence[Observation]) -> list[Observation]:
    return sorted(observations, key=_order_key)


def value_errors(gold: Observation, pred: Observation) -> tuple[ErrorType, ...]:
    """Why a paired prediction is not correct."""
    errors: list[ErrorType] = []
    if pred.unit != gold.unit:
        errors.append(ErrorType.UNIT)
    if not values_agree(pred.value, gold.value, gold.unit):
        errors.append(_value_error(gold.value, pred.value))
    if pred.qualifier != gold.qualifier:
        errors.append(ErrorType.QUALIFIER)
    return tuple(errors)


def _value_error(gold: float, pred: float) -> ErrorType:
    if gold != 0 and pred == -gold:
        return ErrorType.SIGN
    if gold != 0 and any(math.isclose(pred / gold, s, rel_tol=1e-6) for s in _SCALES):
        return ErrorType.SCALE
    if gold != 0 and abs(pred - gold) <= ROUNDING_REL_TOL * abs(gold):
        return ErrorType.ROUNDING
    return ErrorType.VALUE


def _near_miss(pred: Observation, gold: Observation, tier: Tier) -> ErrorType | None:
    """The error type when two observations differ in exactly one key field."""
    differing = [f for f in tier.key_fields if getattr(pred, f) != getattr(gold, f)]
    if len(differing) != 1:
        return None
    named = {
        "period": ErrorType.WRONG_PERIOD,
        "entity": ErrorType.WRONG_ENTITY,
        "change": ErrorType.WRONG_CHANGE,
    }
    return named.get(differing[0], ErrorType.WRONG_KEY)


def assign(gold: Sequence[Observation], preds: Sequence[Observation], tier: Tier) -> list[tuple[int, int]]:
    """Optimal (gold index, prediction index) pairs among candidates with equal keys.

    Maximises, in this order: correct pairs with required gold, correct pairs with optional
    gold, then incorrect pairs (an incorrect pair beats a spurious plus a missing). Optional
    gold only takes predictions that state it.
    """
    if not gold or not preds:
        return []
    weight = len(gold) + len(preds) + 1
    cost = np.zeros((len(gold), len(preds)))
    for i, g in enumerate(gold):
        for j, p in enumerate(preds):
            if tier.key(g) != tier.key(p):
                continue
            if tier.correct(g, p):
                cost[i, j] = -2 * weight if g.optional else -3 * weight
            elif not g.optional:
                cost[i, j] = -1
    rows, cols = linear_sum_assignment(cost)
    return [(int(i), int(j)) for i, j in zip(rows, cols, strict=True) if cost[i, j] < 0]


def score_article(
    article_id: str, gold: Sequence[Observation], predictions: Sequence[Prediction], tier: Tier = STRICT
) -> list[Pair]:
    """Every gold observation and every prediction of one article, each in exactly one pair."""
    gold_sorted = canonical_order(gold)
    ordered = sorted(predictions, key=lambda p: _order_key(p.observation))
    preds_sorted = [p.observation for p in ordered]
    grounded = [p.grounded for p in ordered]
    matched = assign(gold_sorted, preds_sorted, tier)
    pairs = [
        _matched_pair(article_id, gold_sorted[i], preds_sorted[j], tier, grounded[j]) for i, j in matched
    ]
    matched_gold = {i for i, _ in matched}
    matched_pred_indices = {j for _, j in matched}
    matched_preds = [preds_sorted[j] for j in matched_pred_indices]
    spurious = [j for j in range(len(preds_sorted)) if j not in matched_pred_indices]
    for j in spurious:
        pred, is_grounded = preds_sorted[j], grounded[j]
        errors = _spurious_errors(pred, gold_sorted, matched_preds, tier)
        if is_grounded is False:
            errors += (ErrorType.UNGROUNDED,)
        pairs.append(Pair(article_id, None, pred, Outcome.SPURIOUS, errors, is_grounded))
    for i, g in enumerate(gold_sorted):
        if i in matched_gold:
            continue
        if g.optional:
            pairs.append(Pair(article_id, g, None, Outcome.OPTIONAL))
            continue
        near = [e for j in spurious if (e := _near_miss(preds_sorted[j], g, tier)) is not None]
        pairs.append(Pair(article_id, g, None, Outcome.MISSING, (ErrorType.MISSED, *near[:1])))
    return pairs


def _matched_pair(
    article_id: str, gold: Observation, pred: Observation, tier: Tier, is_grounded: bool | None
) -> Pair:
    if gold.optional:
        return Pair(article_id, gold, pred, Outcome.OPTIONAL, (), is_grounded)
    if tier.correct(gold, pred):
        return Pair(article_id, gold, pred, Outcome.CORRECT, (), is_grounded)
    errors = value_errors(gold, pred) if tier.check_unit_and_qualifier else (ErrorType.VALUE,)
    if is_grounded is False:
        errors += (ErrorType.UNGROUNDED,)
    return Pair(article_id, gold, pred, Outcome.INCORRECT, errors, is_grounded)


def _spurious_errors(
    pred: Observation, gold: Sequence[Observation], matched: Sequence[Observation], tier: Tier
) -> tuple[ErrorType, ...]:
    if any(tier.key(m) == tier.key(pred) for m in matched):
        return (ErrorType.DUPLICATE,)
    near = sorted({e for g in gold if (e := _near_miss(pred, g, tier)) is not None})
    return (near[0],) if near else (ErrorType.UNSUPPORTED,)
