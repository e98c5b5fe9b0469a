"""Prompt versions side by side: quality, cost, tokens, with a paired bootstrap interval
for each F1 difference and the per-observation diff that says *why* one version wins.

Every number comes from the scorer's pairs (`pipeline.scoring.match` via `pipeline.scoring.report`);
nothing here re-scores.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from pipeline.core.errors import InputError
from pipeline.evaluation.evaluate import VersionResult
from pipeline.extract.llm.costs import estimate_cost_usd
from pipeline.scoring.match import Outcome, Pair
from pipeline.scoring.metrics import count, error_counts, grounded_rate, per_field_accuracy

BOOTSTRAP_SAMPLES = 2000
BOOTSTRAP_SEED = 20251128
CONFIDENCE = 0.95
MIN_ARTICLES_TO_RESAMPLE_ARTICLES = 10
MIN_ARTICLES_TO_CONCLUDE = 5
ERROR_COLUMNS = {
    "scale": "scale",
    "sign": "sign",
    "unit": "unit",
    "period": "wrong_period",
    "entity": "wrong_entity",
    "change": "wrong_change",
    "key": "wrong_key",
    "qualifier": "qualifier",
    "rounding": "rounding",
    "value": "value",
    "duplicate": "duplicate",
    "ungrounded": "ungrounded",
    "unsupported": "unsupported",
}
SUMMARY_COLUMNS = [
    "n_articles",
    "f1",
    "precision",
    "recall",
    "lenient_f1",
    "grounded_rate",
    "spurious",
    "missing",
    "tokens_per_article",
    "cost_per_article_usd",
    "f1_delta",
    "f1_delta_low",
    "f1_delta_high",
]
# outcome -> (correct, incorrect, spurious, missing) contribution
_COUNTS = {
    Outcome.CORRECT: (1, 0, 0, 0),
    Outcome.INCORRECT: (0, 1, 0, 0),
    Outcome.SPURIOUS: (0, 0, 1, 0),
    Outcome.MISSING: (0, 0, 0, 1),
}


@dataclass(frozen=True)
class Interval:
    """A bootstrap interval for candidate F1 minus baseline F1."""

    delta: float
    low: float
    high: float
    unit: str  # "articles" or "observations"
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


def _f1(counts: np.ndarray) -> np.ndarray:
    """Row-wise micro F1 from (correct, incorrect, spurious, missing) columns."""
    c, i, s, m = counts.T.astype(float)
    predicted, expected = c + i + s, c + i + m
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(predicted > 0, c / predicted, np.where(expected > 0, 0.0, 1.0))
        r = np.where(expected > 0, c / expected, np.where(predicted > 0, 0.0, 1.0))
        return np.where(p + r > 0, 2 * p * r / (p + r), 0.0)


def _units(
    baseline: Sequence[Pair], candidate: Sequence[Pair], n_articles: int
) -> tuple[np.ndarray, np.ndarray]:
    """Paired count vectors, one row per resampling unit, for both versions. By article,
    an article neither version has a pair in (no figures, none predicted) is a unit too."""
    if n_articles >= MIN_ARTICLES_TO_RESAMPLE_ARTICLES:
        ids = sorted({p.article_id for p in baseline} | {p.article_id for p in candidate})
        empty = [(0, 0, 0, 0)] * max(0, n_articles - len(ids))
        rows = [
            [_count_vector([p for p in pairs if p.article_id == a]) for a in ids] + empty
            for pairs in (baseline, candidate)
        ]
        return np.array(rows[0]).reshape(-1, 4), np.array(rows[1]).reshape(-1, 4)
    # observations: each required gold fact is paired across versions; each spurious
    # prediction is a unit of its own version only
    outcome_b = {k: p.outcome for k, p in by_gold(baseline).items() if p.outcome in _COUNTS}
    outcome_c = {k: p.outcome for k, p in by_gold(candidate).items() if p.outcome in _COUNTS}
    zero = (0, 0, 0, 0)
    keys = sorted(set(outcome_b) | set(outcome_c))
    b = [_COUNTS[outcome_b[k]] if k in outcome_b else zero for k in keys]
    c = [_COUNTS[outcome_c[k]] if k in outcome_c else zero for k in keys]
    for pair in baseline:
        if pair.outcome == Outcome.SPURIOUS:
            b.append(_COUNTS[Outcome.SPURIOUS])
            c.append(zero)
    for pair in candidate:
        if pair.outcome == Outcome.SPURIOUS:
            b.append(zero)
            c.append(_COUNTS[Outcome.SPURIOUS])
    return np.array(b).reshape(-1, 4), np.array(c).reshape(-1, 4)


def _count_vector(pairs: Sequence[Pair]) -> tuple[int, int, int, int]:
    counts = count(pairs)
    return counts.correct, counts.incorrect, counts.spurious, counts.missing


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
    by_article = n_articles >= MIN_ARTICLES_TO_RESAMPLE_ARTICLES
    b, c = _units(baseline, candidate, n_articles)
    delta = float(_f1(c.sum(axis=0, keepdims=True))[0] - _f1(b.sum(axis=0, keepdims=True))[0])
    n = len(b)
    if n == 0:
        return Interval(delta, delta, delta, "articles" if by_article else "observations", 0, n_articles)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n, size=(samples, n))
    diffs = _f1(c[idx].sum(axis=1)) - _f1(b[idx].sum(axis=1))
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(diffs, [tail, 100 - tail])
    unit = "articles" if by_article else "observations"
    return Interval(delta, float(low), float(high), unit, n, n_articles)


def bootstrap_f1(
    pairs: Sequence[Pair],
    n_articles: int,
    samples: int = BOOTSTRAP_SAMPLES,
    seed: int = BOOTSTRAP_SEED,
    confidence: float = CONFIDENCE,
) -> tuple[float, float]:
    """Percentile interval of one version's F1, over the same units as the paired test."""
    units, _ = _units(pairs, pairs, n_articles)
    if len(units) == 0:
        value = float(_f1(np.zeros((1, 4)))[0])
        return value, value
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(units), size=(samples, len(units)))
    f1s = _f1(units[idx].sum(axis=1))
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(f1s, [tail, 100 - tail])
    return float(low), float(high)


def observation_diff(baseline: VersionResult, candidate: VersionResult) -> dict[str, list[dict[str, Any]]]:
    """Gold facts the candidate newly gets right, and those it newly gets wrong."""
    before = by_gold(baseline.report.strict, required_only=True)
    after = by_gold(candidate.report.strict, required_only=True)
    gained, lost = [], []
    for key in sorted(before.keys() & after.keys()):
        b, a = before[key], after[key]
        if b.outcome != Outcome.CORRECT and a.outcome == Outcome.CORRECT:
            gained.append(_diff_row(b, a))
        elif b.outcome == Outcome.CORRECT and a.outcome != Outcome.CORRECT:
            lost.append(_diff_row(b, a))
    return {"newly_correct": gained, "newly_wrong": lost}


def _diff_row(before: Pair, after: Pair) -> dict[str, Any]:
    assert before.gold is not None
    g = before.gold
    return {
        "article_id": before.article_id,
        "fact": describe_fact(
            g.entity,
            g.metric,
            g.change,
            g.base_period,
            g.flow,
            g.product,
            g.segment,
            g.partner,
            g.period,
            None if g.status == "actual" else g.status,
        ),
        "value": g.value,
        "unit": g.unit,
        "evidence": g.evidence,
        "baseline": f"{before.outcome}{_errors(before)}",
        "candidate": f"{after.outcome}{_errors(after)}",
    }


def _errors(pair: Pair) -> str:
    return f" ({', '.join(pair.errors)})" if pair.errors else ""


def describe_fact(*parts: str | None) -> str:
    return " / ".join(p for p in parts if p)


def version_row(result: VersionResult) -> dict[str, Any]:
    """One table row: quality with its denominators, error types, cost, tokens, latency."""
    strict = count(result.report.strict)
    n_articles = len(result.article_ids)
    usage = result.usage
    cost = estimate_cost_usd(result.model, usage.prompt_tokens, usage.completion_tokens)
    errors = error_counts(result.report.strict)
    matched = [p for p in result.report.lenient if p.outcome in (Outcome.CORRECT, Outcome.INCORRECT)]
    row: dict[str, Any] = {
        "prompt": result.version,
        "prompt_hash": result.prompt_hash,
        "model": result.model,
        "source": ",".join(sorted(result.sources)) or None,
        "split": result.split or "all",
        "n_articles": n_articles,
        "not_recorded": len(result.not_recorded),
        "failures": len(result.failures),
        "precision": strict.precision,
        "n_predicted": strict.predicted,
        "recall": strict.recall,
        "n_gold": strict.expected,
        "f1": strict.f1,
        "correct": strict.correct,
        "incorrect": strict.incorrect,
        "spurious": strict.spurious,
        "missing": strict.missing,
        "lenient_f1": count(result.report.lenient).f1,
        "grounded_rate": grounded_rate(result.report.strict),
        "n_matched_lenient": len(matched),
    }
    for field, accuracy in per_field_accuracy(result.report.lenient).items():
        row[f"acc_{field}"] = accuracy
    for column, error in ERROR_COLUMNS.items():
        row[f"err_{column}"] = errors.get(error, 0)
    if n_articles == 0:  # no answers to score: a ratio over nothing is no score at all
        row |= {"precision": None, "recall": None, "f1": None, "lenient_f1": None}
    row |= {
        "tokens_per_article": usage.total_tokens / n_articles if n_articles else None,
        "cost_per_article_usd": cost / n_articles if cost is not None and n_articles else None,
        "latency_per_article_s": result.latency_s / n_articles if result.latency_s and n_articles else None,
        "retries": sum(max(r.attempts - 1, 0) for r in result.results),
    }
    return row


@dataclass(frozen=True)
class Comparison:
    results: list[VersionResult]
    baseline: str
    intervals: dict[str, Interval]  # of the F1 difference to the baseline
    f1_intervals: dict[str, tuple[float, float]]  # of each version's own F1
    diffs: dict[str, dict[str, list[dict[str, Any]]]]
    shared: dict[str, tuple[str, ...]]  # articles each version shares with the baseline
    slices: list[dict[str, Any]]

    def table(self) -> pd.DataFrame:
        rows = []
        for result in self.results:
            row = version_row(result)
            row["f1_low"], row["f1_high"] = (
                self.f1_intervals[result.version] if result.article_ids else (None, None)
            )
            interval = self.intervals.get(result.version)
            row["n_shared"] = len(self.shared.get(result.version, result.article_ids))
            row["f1_delta"] = (interval.delta if interval else 0.0) if result.article_ids else None
            row["f1_delta_low"] = interval.low if interval and result.article_ids else None
            row["f1_delta_high"] = interval.high if interval and result.article_ids else None
            row["ci_unit"] = f"{interval.unit} (n={interval.n})" if interval else None
            row["verdict"] = interval.verdict if interval else "baseline"
            rows.append(row)
        return pd.DataFrame(rows)

    def _result(self, version: str) -> VersionResult:
        return next(r for r in self.results if r.version == version)

    def as_json(self) -> dict[str, Any]:
        frame = self.table()
        table = frame.astype(object).where(frame.notna(), None)
        return {
            "baseline": self.baseline,
            "bootstrap": {
                "samples": BOOTSTRAP_SAMPLES,
                "seed": BOOTSTRAP_SEED,
                "confidence": CONFIDENCE,
            },
            "rows": table.to_dict(orient="records"),
            "shared_articles": {v: list(ids) for v, ids in self.shared.items()},
            "not_recorded": {r.version: list(r.not_recorded) for r in self.results if r.not_recorded},
            "slices": self.slices,
            "diff": self.diffs,
            "failures": [f.__dict__ for r in self.results for f in r.failures],
        }

    def render(self, fmt: str) -> str:
        if fmt == "json":
            return json.dumps(self.as_json(), indent=2, default=str)
        table = self.table().set_index("prompt")
        if fmt == "csv":
            return table.to_csv(float_format="%.4f")
        slices = self.slice_table()
        if fmt == "md":
            parts = [table.T.to_markdown(floatfmt=".3f"), self.coverage_text()]
            return "\n\n".join([*parts, slices.to_markdown(floatfmt=".3f"), self.diff_text(markdown=True)])
        return "\n\n".join(
            [
                table[SUMMARY_COLUMNS].to_string(float_format=lambda v: f"{v:.3f}"),
                self.coverage_text(),
                "\n".join(f"{v}: {i.verdict}" for v, i in self.intervals.items()),
                slices.to_string(float_format=lambda v: f"{v:.3f}"),
                self.diff_text(markdown=False),
            ]
        )

    def coverage_text(self) -> str:
        """Which articles each comparison stands on, and which a version has no responses for."""
        split = self.results[0].split or "all" if self.results else "all"
        lines = [f"split: {split}"]
        for result in self.results:
            shared = self.shared.get(result.version)
            line = f"{result.version}: {len(result.article_ids)} article(s)"
            if shared is not None:
                line += f", {len(shared)} shared with {self.baseline}"
            if result.not_recorded:
                line += f"; not recorded ({len(result.not_recorded)}): {', '.join(result.not_recorded)}"
            lines.append(line)
        return "\n".join(lines)

    def slice_table(self) -> pd.DataFrame:
        """Strict F1 per version by article kind and by metric x change."""
        if not self.slices:
            return pd.DataFrame()
        frame = pd.DataFrame(self.slices)
        return frame.pivot_table(index=["slice", "value"], columns="prompt", values="f1", sort=True)

    def diff_text(self, *, markdown: bool) -> str:
        lines = []
        bullet = "- " if markdown else "  "
        for version, diff in self.diffs.items():
            lines.append(f"{version} vs {self.baseline}:")
            for label, rows in (
                ("newly correct", diff["newly_correct"]),
                ("newly wrong", diff["newly_wrong"]),
            ):
                lines.append(f"{bullet}{label}: {len(rows)}")
                lines += [
                    f"{bullet}  {r['fact']} = {r['value']:g} {r['unit']} "
                    f'[{r["baseline"]} -> {r["candidate"]}] "{r["evidence"]}"'
                    for r in rows
                ]
        return "\n".join(lines)


def compare(results: list[VersionResult], baseline: str, kinds: dict[str, str] | None = None) -> Comparison:
    base = next((r for r in results if r.version == baseline), None)
    if base is None:
        raise InputError(f"baseline {baseline!r} is not among the compared versions")
    intervals = {}
    diffs = {}
    shared: dict[str, tuple[str, ...]] = {}
    for result in results:
        if result.version == baseline:
            continue
        ids = tuple(sorted(set(base.article_ids) & set(result.article_ids)))
        shared[result.version] = ids
        intervals[result.version] = paired_bootstrap(
            [p for p in base.report.strict if p.article_id in ids],
            [p for p in result.report.strict if p.article_id in ids],
            len(ids),
        )
        diffs[result.version] = observation_diff(base, result)
    f1_intervals = {r.version: bootstrap_f1(r.report.strict, len(r.article_ids)) for r in results}
    slices = [row for r in results for row in slice_rows(r, kinds or {})]
    return Comparison(results, baseline, intervals, f1_intervals, diffs, shared, slices)


def slice_rows(result: VersionResult, kinds: dict[str, str]) -> list[dict[str, Any]]:
    """Strict counts and F1 of one version by article kind and by the metric x change of
    each pair (the gold side where there is one, else the prediction)."""
    groups: dict[tuple[str, str], list[Pair]] = {}
    for pair in result.report.strict:
        some = pair.gold or pair.pred
        assert some is not None
        groups.setdefault(("kind", kinds.get(pair.article_id, "none")), []).append(pair)
        groups.setdefault(("metric x change", f"{some.metric} x {some.change or 'level'}"), []).append(pair)
    rows = []
    for (name, value), pairs in sorted(groups.items()):
        counts = count(pairs)
        rows.append({"prompt": result.version, "slice": name, "value": value, "f1": counts.f1,
                     "n_gold": counts.expected, "n_predicted": counts.predicted})  # fmt: skip
    return rows


def render_splits(comparisons: Sequence[Comparison], fmt: str) -> str:
    """One section per split, the first (test by default) first; JSON keeps every row, each
    with its split, and the first split's diff at the top level."""
    if fmt == "json":
        documents = [c.as_json() for c in comparisons]
        merged = {
            **documents[0],
            "rows": [row for d in documents for row in d["rows"]],
            "splits": {str(c.results[0].split or "all") if c.results else "all": d
                       for c, d in zip(comparisons, documents, strict=True)},
        }  # fmt: skip
        return json.dumps(merged, indent=2, default=str)
    if fmt == "csv":
        return pd.concat([c.table() for c in comparisons]).set_index("prompt").to_csv(float_format="%.4f")
    heading = "## split: {}" if fmt == "md" else "=== split: {} ==="
    return "\n\n".join(
        f"{heading.format(c.results[0].split or 'all' if c.results else 'all')}\n{c.render(fmt)}"
        for c in comparisons
    )
