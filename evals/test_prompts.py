"""Quality gates for every prompt version on every gold split, offline from recorded
responses. A version is judged only on the articles it has responses for; the others are
listed as not recorded in the score table, never counted as failures."""

from __future__ import annotations

import pytest
from eval_session import EvalSession

from pipeline.evaluation.compare import observation_diff
from pipeline.scoring.metrics import count, grounded_rate
from pipeline.scoring.stats import paired_bootstrap


def test_article_extracts(evals: EvalSession, version: str, split: str, article_id: str) -> None:
    """Each version x article is its own row: a replay miss or a validation failure after
    all re-asks fails here without hiding the others."""
    result = evals.result(version, split)
    accepted = evals.thresholds.accepted_failure_causes
    failures = [f for f in result.failures if f.article_id == article_id and f.cause not in accepted]
    assert not failures, f"{version} x {article_id}: {failures[0].error_type}: {failures[0].message}"


def test_quality_floor(evals: EvalSession, version: str, split: str) -> None:
    result = evals.result(version, split)
    if not result.article_ids:
        pytest.skip(f"{evals.name}: {version} has no recorded responses on the {split} split")
    floors = evals.thresholds.floors.get(version, {}).get(split)  # type: ignore[call-overload]
    assert floors is not None, (
        f"{version}: no floors for {split} in the {evals.name} thresholds; add [floors.{version}.{split}]"
    )
    strict = count(result.report.strict)
    measured = {
        "min_f1": ("strict F1", strict.f1),
        "min_grounded_rate": ("grounded rate", grounded_rate(result.report.strict) or 0.0),
        "max_spurious": ("spurious count", strict.spurious),
        "max_failures": ("failed articles", len(result.failures)),
    }
    problems = []
    for key, floor in floors.model_dump(exclude_none=True).items():
        name, value = measured[key]
        if key.startswith("min_") and value < floor:
            problems.append(f"{version} ({split}): {name} {value:.3f} is below its floor {floor} ({key})")
        if key.startswith("max_") and value > floor:
            problems.append(f"{version} ({split}): {name} {value} is above its ceiling {floor} ({key})")
    assert not problems, "; ".join(problems)


def test_no_regression_against_baseline(evals: EvalSession, split: str) -> None:
    if not evals.thresholds.gate.enabled:
        pytest.skip(f"{evals.name}: no regression gate ({evals.thresholds.gate.reason})")
    baseline, candidate = evals.baseline_and_candidate()
    if baseline == candidate or not {baseline, candidate} <= set(evals.versions):
        pytest.skip(f"nothing to gate in this selection ({baseline} vs {candidate})")
    base, cand = evals.result(baseline, split), evals.result(candidate, split)
    shared = set(base.article_ids) & set(cand.article_ids)
    if not shared:
        pytest.skip(f"{baseline} and {candidate} share no recorded article on the {split} split")
    interval = paired_bootstrap(
        [p for p in base.report.strict if p.article_id in shared],
        [p for p in cand.report.strict if p.article_id in shared],
        len(shared),
    )
    assert not interval.significantly_worse, (
        f"{candidate} is significantly worse than {baseline} on {split}: F1 difference "
        f"{interval.delta:+.3f}, 95% interval [{interval.low:+.3f}, {interval.high:+.3f}] "
        f"over {interval.n} {interval.unit}"
    )
    accepted = {(a.candidate, a.article_id, a.fact) for a in evals.thresholds.gate.accepted_losses}
    lost = [
        row
        for row in observation_diff(base, cand).newly_wrong
        if (candidate, row.article_id, row.fact) not in accepted
    ]
    listing = "\n".join(f"  {r.article_id}: {r.describe()}" for r in lost)
    assert not lost, (
        f"{candidate} gets wrong {len(lost)} gold observation(s) on {split} that {baseline} got right "
        f"(accept them in evals/thresholds.toml [gate] accepted_losses with a reason):\n{listing}"
    )
