"""Quality gates for every prompt version, offline from recorded responses."""

from __future__ import annotations

from eval_session import EvalSession

from pipeline.compare import observation_diff, paired_bootstrap
from pipeline.metrics import count, grounded_rate


def test_article_extracts(evals: EvalSession, version: str, article_id: str) -> None:
    """Each version x article is its own row: a replay miss or a validation failure after
    all re-asks fails here without hiding the others."""
    failures = [f for f in evals.result(version).failures if f.article_id == article_id]
    assert not failures, f"{version} x {article_id}: {failures[0].error_type}: {failures[0].message}"


def test_quality_floor(evals: EvalSession, version: str) -> None:
    floors = evals.thresholds.get("floors", {}).get(version)
    assert floors is not None, f"{version}: no floors in evals/thresholds.toml; add [floors.{version}]"
    report = evals.result(version).report
    strict = count(report.strict)
    measured = {
        "min_f1": ("strict F1", strict.f1),
        "min_grounded_rate": ("grounded rate", grounded_rate(report.strict) or 0.0),
        "max_spurious": ("spurious count", strict.spurious),
    }
    problems = []
    for key, floor in floors.items():
        name, value = measured[key]
        if key.startswith("min_") and value < floor:
            problems.append(f"{version}: {name} {value:.3f} is below its floor {floor} ({key})")
        if key.startswith("max_") and value > floor:
            problems.append(f"{version}: {name} {value} is above its ceiling {floor} ({key})")
    assert not problems, "; ".join(problems)


def test_no_regression_against_baseline(evals: EvalSession) -> None:
    baseline, candidate = evals.baseline_and_candidate()
    if baseline == candidate or not {baseline, candidate} <= set(evals.versions):
        return  # nothing to gate in this selection (e.g. --prompt v1 alone)
    base, cand = evals.result(baseline), evals.result(candidate)
    interval = paired_bootstrap(base.report.strict, cand.report.strict, len(cand.article_ids))
    assert not interval.significantly_worse, (
        f"{candidate} is significantly worse than {baseline}: F1 difference {interval.delta:+.3f}, "
        f"95% interval [{interval.low:+.3f}, {interval.high:+.3f}] over {interval.n} {interval.unit}"
    )
    accepted = {
        (a["candidate"], a["article_id"], a["fact"])
        for a in evals.thresholds.get("gate", {}).get("accepted_losses", [])
    }
    lost = [
        row
        for row in observation_diff(base, cand)["newly_wrong"]
        if (candidate, row["article_id"], row["fact"]) not in accepted
    ]
    listing = "\n".join(
        f"  {r['article_id']}: {r['fact']} = {r['value']:g} {r['unit']} "
        f'[{r["baseline"]} -> {r["candidate"]}] "{r["evidence"]}"'
        for r in lost
    )
    assert not lost, (
        f"{candidate} gets wrong {len(lost)} gold observation(s) that {baseline} got right "
        f"(accept them in evals/thresholds.toml [gate] accepted_losses with a reason):\n{listing}"
    )
