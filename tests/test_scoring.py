"""The scorer is what every prompt comparison rests on: these tests pin its arithmetic."""

from __future__ import annotations

import random

import pytest
from helpers import obs
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.core.schema import Observation
from pipeline.io.gold import GoldSet
from pipeline.numbers.normalise import fold_period, normalise_observation
from pipeline.scoring.match import LENIENT, STRICT, ErrorType, Outcome, Prediction, score_article
from pipeline.scoring.metrics import count, per_field_accuracy
from pipeline.scoring.report import grounded_predictions, score

SEED = "000_6083d734525b0748"


def predicted(*observations: Observation) -> list[Prediction]:
    return [Prediction(o) for o in observations]


def required(gold: GoldSet) -> list[Observation]:
    return [o for o in gold.labels[SEED] if not o.optional]


def test_gold_against_itself_scores_one(gold: GoldSet) -> None:
    summary = score(gold, gold.observations()).summary()
    n = sum(not o.optional for o in gold.observations())
    assert summary["strict"]["correct"] == n
    assert (summary["strict"]["precision"], summary["strict"]["recall"]) == (1.0, 1.0)
    assert summary["strict"]["f1"] == 1.0
    assert summary["lenient"]["f1"] == 1.0
    assert summary["grounded_rate"] == 1.0
    assert all(v == 1.0 for v in summary["per_field"].values())


def test_shuffled_input_gives_identical_results(gold: GoldSet) -> None:
    preds = [*gold.observations()[:20], obs(article_id=SEED, value=1.0)]
    baseline = score(gold, preds)
    for seed in range(5):
        shuffled = preds[:]
        random.Random(seed).shuffle(shuffled)
        again = score(gold, shuffled)
        assert again.summary() == baseline.summary()
        assert again.pairs_frame().equals(baseline.pairs_frame())


@pytest.mark.parametrize("k", [1, 5, 12])
def test_dropping_k_gold_observations_gives_recall_n_minus_k_over_n(gold: GoldSet, k: int) -> None:
    req = required(gold)
    n = len(req)
    counts = score(gold, req[k:], [SEED]).summary()["strict"]
    assert counts["recall"] == pytest.approx((n - k) / n, abs=0)
    assert counts["precision"] == 1.0
    assert counts["missing"] == k


@pytest.mark.parametrize("k", [1, 3, 10])
def test_k_fabricated_observations_give_precision_n_over_n_plus_k(gold: GoldSet, k: int) -> None:
    req = required(gold)
    n = len(req)
    fabricated = [
        obs(article_id=SEED, entity="CN-BJ", entity_name="Beijing", value=1e9 * (i + 1)) for i in range(k)
    ]
    counts = score(gold, req + fabricated, [SEED]).summary()["strict"]
    assert counts["precision"] == pytest.approx(n / (n + k), abs=0)
    assert counts["recall"] == 1.0
    assert counts["spurious"] == k


def test_values_scaled_by_1000_are_incorrect_with_error_type_scale(gold: GoldSet) -> None:
    scaled = [
        o.model_copy(update={"value": o.value * 1000}) if o.unit == "CNY" else o for o in required(gold)
    ]
    report = score(gold, scaled)
    wrong = [p for p in report.strict if p.outcome == Outcome.INCORRECT]
    n_cny = sum(o.unit == "CNY" for o in required(gold))
    assert len(wrong) == n_cny > 0
    assert all(ErrorType.SCALE in p.errors for p in wrong)


def test_duplicates_are_spurious_with_error_type_duplicate() -> None:
    gold = [obs()]
    pairs = score_article("a1", gold, predicted(obs(), obs()), STRICT)
    assert sorted(p.outcome for p in pairs) == [Outcome.CORRECT, Outcome.SPURIOUS]
    assert next(p for p in pairs if p.outcome == Outcome.SPURIOUS).errors == (ErrorType.DUPLICATE,)


def test_optimal_matching_beats_greedy() -> None:
    """Two gold figures with one key, and two predictions that sort (by their evidence) in
    the opposite order of their values: a matcher that pairs each gold with the first
    prediction of its key gets both wrong; the optimal assignment gets both right."""
    gold = [obs(value=1e9, evidence="a: 1 billion yuan"), obs(value=2e9, evidence="b: 2 billion yuan")]
    preds = [obs(value=2e9, evidence="a: 2 billion yuan"), obs(value=1e9, evidence="b: 1 billion yuan")]
    counts = count(score_article("a1", gold, predicted(*preds), STRICT))
    assert (counts.correct, counts.incorrect) == (2, 0)
    assert STRICT.correct(gold[0], preds[0]) is False  # the first-fit pairing is wrong


def test_assignment_puts_correct_pairs_first() -> None:
    """Lenient keys: an optional 2025 gold and a required 2024 gold, both 9.49e12. The
    prediction stating 9.49e12 goes to the required gold (correct); the other is spurious,
    rather than 9.5e12 -> required (incorrect) and 9.49e12 -> optional (counts nowhere)."""
    gold = [obs(period="2025", optional=True), obs(period="2024")]
    preds = [obs(period="2024", value=9.5e12), obs(period="2025", unit="USD")]
    counts = count(score_article("a1", gold, predicted(*preds), LENIENT))
    assert (counts.correct, counts.incorrect, counts.spurious) == (1, 0, 1)


def test_optional_gold_counts_nowhere() -> None:
    usd = obs(value=1.31e12, unit="USD", optional=True, evidence="$1.31 trillion")
    gold = [obs(), usd]
    with_optional = count(score_article("a1", gold, predicted(obs(), usd), STRICT))
    without = count(score_article("a1", gold, predicted(obs()), STRICT))
    assert with_optional == without
    assert (without.correct, without.missing, without.spurious) == (1, 0, 0)


def test_optional_gold_does_not_absorb_a_duplicate_it_does_not_state() -> None:
    """A second 9.49 trillion CNY shares the key of an optional dollar figure but does not
    state it: it is a spurious duplicate, not an optional match."""
    usd = obs(value=1.31e12, unit="USD", optional=True, evidence="$1.31 trillion")
    pairs = score_article("a1", [obs(), usd], predicted(obs(), obs()), STRICT)
    counts = count(pairs)
    assert (counts.correct, counts.spurious) == (1, 1)
    assert next(p for p in pairs if p.outcome == Outcome.SPURIOUS).errors == (ErrorType.DUPLICATE,)


def test_optional_gold_does_not_absorb_a_prediction_required_gold_wants() -> None:
    usd = obs(value=1.31e12, unit="USD", optional=True, evidence="$1.31 trillion")
    counts = count(score_article("a1", [obs(), usd], predicted(obs(value=9.0e12)), STRICT))
    assert (counts.incorrect, counts.missing, counts.spurious) == (1, 0, 0)


@pytest.mark.parametrize(
    ("update", "expected"),
    [
        ({"value": -9.49e12, "flow": "balance"}, None),
        ({"value": 9.49e9}, ErrorType.SCALE),
        ({"value": 9.5e12}, ErrorType.ROUNDING),
        ({"value": 5.0e12}, ErrorType.VALUE),
        ({"unit": "USD"}, ErrorType.UNIT),
        ({"qualifier": "at_least"}, ErrorType.QUALIFIER),
    ],
)
def test_error_types_of_incorrect_pairs(update: dict[str, object], expected: ErrorType | None) -> None:
    gold = obs(**({"flow": "balance"} if "flow" in update else {}))
    pairs = score_article("a1", [gold], predicted(obs(**update)), STRICT)
    if expected is None:  # sign: same key, negated value
        assert pairs[0].errors == (ErrorType.SIGN,)
    else:
        assert pairs[0].outcome == Outcome.INCORRECT and expected in pairs[0].errors


def test_wrong_period_and_wrong_entity_explain_spurious_and_missing() -> None:
    for update, error in (
        ({"period": "2024"}, ErrorType.WRONG_PERIOD),
        ({"entity": "CN-ZJ"}, ErrorType.WRONG_ENTITY),
        ({"flow": "export"}, ErrorType.WRONG_KEY),
    ):
        pairs = score_article("a1", [obs()], predicted(obs(**update)), STRICT)
        spurious = next(p for p in pairs if p.outcome == Outcome.SPURIOUS)
        missing = next(p for p in pairs if p.outcome == Outcome.MISSING)
        assert spurious.errors == (error,)
        assert missing.errors == (ErrorType.MISSED, error)


def test_ungrounded_prediction_is_flagged(gold: GoldSet, seed_text: str) -> None:
    invented = obs(article_id=SEED, value=9.5e12, evidence="its trade hit 9.5 trillion yuan")
    (prediction,) = grounded_predictions(gold, [invented])
    pairs = score_article(SEED, required(gold), [prediction], STRICT)
    pred_pair = next(p for p in pairs if p.pred is not None)
    assert pred_pair.grounded is False
    assert ErrorType.UNGROUNDED in pred_pair.errors


def test_lenient_tier_finds_the_fact_despite_a_wrong_period() -> None:
    pairs = score_article("a1", [obs()], predicted(obs(period="2024")), LENIENT)
    assert count(pairs).correct == 1
    fields = per_field_accuracy(pairs)
    assert fields["period"] == 0.0 and fields["value"] == 1.0


def test_normalisation_applies_to_both_sides(gold: GoldSet) -> None:
    """A prediction that writes the entity as a name and the product with other casing and
    quotes still matches."""
    target = next(o for o in required(gold) if o.product == "new three" and o.entity == "CN-SC"
                  and o.metric == "trade_value")  # fmt: skip
    loose = target.model_copy(update={"product": ' "New  Three" products '})
    counts = score(gold, [loose]).summary()["strict"]
    assert counts["correct"] == 1


# --- properties --------------------------------------------------------------------------

ENTITIES = ["CN", "CN-GD", "CN-ZJ", "GBA9"]
observations = st.builds(
    lambda e, f, v, p: obs(entity=e, flow=f, value=v, period=p),
    st.sampled_from(ENTITIES),
    st.sampled_from(["total", "export", "import"]),
    st.sampled_from([1e9, 2e9, 3.5e12, 4e12]),
    st.sampled_from(["2024", "2025"]),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(observations, max_size=8), st.lists(observations, max_size=8), st.randoms())
def test_property_order_independence_and_conservation(
    gold: list[Observation], preds: list[Observation], rnd: random.Random
) -> None:
    pairs = score_article("a1", gold, predicted(*preds), STRICT)
    # every observation lands in exactly one pair
    assert sum(p.gold is not None for p in pairs) == len(gold)
    assert sum(p.pred is not None for p in pairs) == len(preds)
    shuffled_gold, shuffled_preds = gold[:], preds[:]
    rnd.shuffle(shuffled_gold)
    rnd.shuffle(shuffled_preds)
    assert count(score_article("a1", shuffled_gold, predicted(*shuffled_preds), STRICT)) == count(pairs)
    c = count(pairs)
    assert 0.0 <= c.precision <= 1.0 and 0.0 <= c.recall <= 1.0
    assert min(c.precision, c.recall) - 1e-12 <= c.f1 <= max(c.precision, c.recall) + 1e-12


@settings(max_examples=60, deadline=None)
@given(st.lists(observations, max_size=8))
def test_property_self_score_is_perfect_and_lenient_never_below_strict(
    gold: list[Observation],
) -> None:
    assert count(score_article("a1", gold, predicted(*gold), STRICT)).f1 == 1.0
    preds = [o.model_copy(update={"period": "2024"}) for o in gold]
    strict, lenient = (count(score_article("a1", gold, predicted(*preds), t)) for t in (STRICT, LENIENT))
    assert lenient.correct >= strict.correct


@pytest.mark.parametrize(
    ("written", "folded"),
    [("2025-01/2025-06", "2025-H1"), ("2025-07/2025-12", "2025-H2"), ("2025-07/2025-09", "2025-Q3"),
     ("2025-01/2025-12", "2025"), ("2025-03/2025-03", "2025-03"), ("2025-01/2025-09", "2025-01/2025-09"),
     ("2024-11/2025-01", "2024-11/2025-01"), ("2025-h1", "2025-H1")],
)  # fmt: skip
def test_one_period_written_two_ways_is_one_period(written: str, folded: str) -> None:
    assert fold_period(written) == folded


def test_predictions_and_gold_fold_periods_before_matching() -> None:
    as_range = normalise_observation(
        obs(period="2025-01/2025-06", change="vs_period", base_period="2024-01/2024-06", unit="percent")
    )
    assert (as_range.period, as_range.base_period) == ("2025-H1", "2024-H1")
