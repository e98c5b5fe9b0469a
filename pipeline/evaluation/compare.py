"""Prompt versions side by side: quality, cost, tokens, with a paired bootstrap interval
for each F1 difference and the per-observation diff that says *why* one version wins.

Every number comes from the scorer's pairs (`pipeline.scoring.match` via `pipeline.scoring.report`);
nothing here re-scores.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd
from pydantic import BaseModel, ConfigDict

from pipeline.core.errors import InputError
from pipeline.core.formats import CompareFormat
from pipeline.core.schema import Observation
from pipeline.evaluation.evaluate import VersionResult
from pipeline.extract.llm.costs import estimate_cost_usd
from pipeline.scoring.match import Outcome, Pair
from pipeline.scoring.metrics import count, error_counts, per_field_accuracy, score_row
from pipeline.scoring.stats import (
    BOOTSTRAP_SAMPLES,
    BOOTSTRAP_SEED,
    CONFIDENCE,
    Interval,
    bootstrap_f1,
    by_gold,
    paired_bootstrap,
)

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


def short_verdict(verdict: str | None) -> str:
    """The verdict as one word for tables: better, worse, inconclusive, or baseline."""
    if verdict in ("better", "worse", "baseline"):
        return verdict
    return "inconclusive" if verdict else "–"


@dataclass(frozen=True)
class DiffRow:
    """A gold fact one version gets right and the other does not, and how each fares."""

    article_id: str
    fact: str
    value: float
    unit: str
    evidence: str
    baseline: str
    candidate: str

    def describe(self) -> str:
        outcomes = f"[{self.baseline} -> {self.candidate}]"
        return f'{self.fact} = {self.value:g} {self.unit} {outcomes} "{self.evidence}"'


@dataclass(frozen=True)
class ObservationDiff:
    newly_correct: list[DiffRow]
    newly_wrong: list[DiffRow]


@dataclass(frozen=True)
class SliceRow:
    prompt: str
    slice: str
    value: str
    f1: float
    n_gold: int
    n_predicted: int


class VersionRow(BaseModel):
    """One version's row of the comparison: quality with its denominators, per-field
    accuracy and error types, cost and tokens; then, once compared, its intervals. The
    ratios are None when no article was answered: a ratio over nothing is no score."""

    model_config = ConfigDict(frozen=True)

    prompt: str
    prompt_hash: str
    model: str
    source: str | None
    split: str
    n_articles: int
    not_recorded: int
    failures: int
    precision: float | None
    n_predicted: int
    recall: float | None
    n_gold: int
    f1: float | None
    correct: int
    incorrect: int
    spurious: int
    missing: int
    lenient_f1: float | None
    grounded_rate: float | None
    n_matched_lenient: int
    accuracy: dict[str, float | None]  # acc_<field> columns
    errors: dict[str, int]  # err_<type> columns
    tokens_per_article: float | None
    cost_per_article_usd: float | None
    latency_per_article_s: float | None
    retries: int
    f1_low: float | None = None
    f1_high: float | None = None
    n_shared: int | None = None
    f1_delta: float | None = None
    f1_delta_low: float | None = None
    f1_delta_high: float | None = None
    ci_unit: str | None = None
    verdict: str | None = None

    def columns(self) -> dict[str, object]:
        """The flat row that tables and JSON show, accuracy and errors spread in place."""
        flat: dict[str, object] = {}
        for name, value in self.model_dump().items():
            if name == "accuracy":
                flat |= {f"acc_{field}": v for field, v in value.items()}
            elif name == "errors":
                flat |= {f"err_{column}": n for column, n in value.items()}
            else:
                flat[name] = value
        return flat


def observation_diff(baseline: VersionResult, candidate: VersionResult) -> ObservationDiff:
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
    return ObservationDiff(gained, lost)


def fact_of(o: Observation) -> str:
    """What an observation is about, without its value: the key a reader matches on."""
    status = None if o.status == "actual" else o.status
    parts = (
        o.entity,
        o.metric,
        o.change,
        o.base_period,
        o.flow,
        o.product,
        o.segment,
        o.partner,
        o.period,
        status,
    )
    return " / ".join(p for p in parts if p)


def fixed(value: float | None, digits: int = 3, *, sign: bool = False) -> str:
    """A ratio for a table: fixed decimals, an en dash for none."""
    if value is None:
        return "–"
    return f"{value:+.{digits}f}" if sign else f"{value:.{digits}f}"


def _diff_row(before: Pair, after: Pair) -> DiffRow:
    assert before.gold is not None
    g = before.gold
    return DiffRow(
        article_id=before.article_id,
        fact=fact_of(g),
        value=g.value,
        unit=g.unit,
        evidence=g.evidence,
        baseline=f"{before.outcome}{_errors(before)}",
        candidate=f"{after.outcome}{_errors(after)}",
    )


def _errors(pair: Pair) -> str:
    return f" ({', '.join(pair.errors)})" if pair.errors else ""


def version_row(result: VersionResult) -> VersionRow:
    """One version's quality with its denominators, error types, cost, tokens, latency."""
    strict = count(result.report.strict)
    quality = score_row(result.report.strict, result.report.lenient)
    n_articles = len(result.article_ids)
    usage = result.usage
    cost = estimate_cost_usd(result.model, usage.prompt_tokens, usage.completion_tokens)
    errors = error_counts(result.report.strict)
    matched = [p for p in result.report.lenient if p.outcome in (Outcome.CORRECT, Outcome.INCORRECT)]
    scored = n_articles > 0
    return VersionRow(
        prompt=result.version,
        prompt_hash=result.prompt_hash,
        model=result.model,
        source=",".join(sorted(result.sources)) or None,
        split=result.split or "all",
        n_articles=n_articles,
        not_recorded=len(result.not_recorded),
        failures=len(result.failures),
        precision=quality.precision if scored else None,
        n_predicted=strict.predicted,
        recall=quality.recall if scored else None,
        n_gold=strict.expected,
        f1=quality.f1 if scored else None,
        correct=quality.correct,
        incorrect=quality.incorrect,
        spurious=quality.spurious,
        missing=quality.missing,
        lenient_f1=quality.lenient_f1 if scored else None,
        grounded_rate=quality.grounded_rate,
        n_matched_lenient=len(matched),
        accuracy=per_field_accuracy(result.report.lenient),
        errors={column: errors.get(error, 0) for column, error in ERROR_COLUMNS.items()},
        tokens_per_article=usage.total_tokens / n_articles if scored else None,
        cost_per_article_usd=cost / n_articles if cost is not None and scored else None,
        latency_per_article_s=result.latency_s / n_articles if result.latency_s and scored else None,
        retries=sum(
            max(n - 1, 0)
            for n in [r.attempts for r in result.results] + [f.attempts for f in result.failures]
        ),
    )


@dataclass(frozen=True)
class Comparison:
    results: list[VersionResult]
    baseline: str
    intervals: dict[str, Interval]  # of the F1 difference to the baseline
    f1_intervals: dict[str, tuple[float, float]]  # of each version's own F1
    diffs: dict[str, ObservationDiff]
    shared: dict[str, tuple[str, ...]]  # articles each version shares with the baseline
    slices: list[SliceRow]

    def rows(self) -> list[VersionRow]:
        """Each version's row with its own F1 interval and its difference to the baseline."""
        return [self._compared(result, version_row(result)) for result in self.results]

    def _compared(self, result: VersionResult, row: VersionRow) -> VersionRow:
        scored = bool(result.article_ids)
        low, high = self.f1_intervals[result.version] if scored else (None, None)
        interval = self.intervals.get(result.version)
        return row.model_copy(
            update={
                "f1_low": low,
                "f1_high": high,
                "n_shared": len(self.shared.get(result.version, result.article_ids)),
                "f1_delta": (interval.delta if interval else 0.0) if scored else None,
                "f1_delta_low": interval.low if interval and scored else None,
                "f1_delta_high": interval.high if interval and scored else None,
                "ci_unit": f"{interval.unit} (n={interval.n})" if interval else None,
                "verdict": interval.verdict if interval else "baseline",
            }
        )

    def table(self) -> pd.DataFrame:
        return pd.DataFrame([row.columns() for row in self.rows()])

    def as_json(self) -> dict[str, Any]:
        return {
            "baseline": self.baseline,
            "bootstrap": {
                "samples": BOOTSTRAP_SAMPLES,
                "seed": BOOTSTRAP_SEED,
                "confidence": CONFIDENCE,
            },
            "rows": [row.columns() for row in self.rows()],
            "shared_articles": {v: list(ids) for v, ids in self.shared.items()},
            "not_recorded": {r.version: list(r.not_recorded) for r in self.results if r.not_recorded},
            "slices": [asdict(row) for row in self.slices],
            "diff": {version: asdict(diff) for version, diff in self.diffs.items()},
            "failures": [asdict(f) for r in self.results for f in r.failures],
        }

    def markdown(self) -> str:
        parts = [self.table().set_index("prompt").T.to_markdown(floatfmt=".3f"), self.coverage_text()]
        slices = self.slice_table().to_markdown(floatfmt=".3f")
        return "\n\n".join([*parts, slices, self.diff_text(markdown=True)])

    @property
    def split(self) -> str:
        return (self.results[0].split or "all") if self.results else "all"

    def coverage_text(self) -> str:
        """Which articles each comparison stands on, and which a version has no responses for."""
        lines = [f"split: {self.split}"]
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
        frame = pd.DataFrame([asdict(row) for row in self.slices])
        return frame.pivot_table(index=["slice", "value"], columns="prompt", values="f1", sort=True)

    def diff_text(self, *, markdown: bool) -> str:
        lines = []
        bullet = "- " if markdown else "  "
        for version, diff in self.diffs.items():
            lines.append(f"{version} vs {self.baseline}:")
            for label, rows in (("newly correct", diff.newly_correct), ("newly wrong", diff.newly_wrong)):
                lines.append(f"{bullet}{label}: {len(rows)}")
                lines += [f"{bullet}  {r.describe()}" for r in rows]
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


def slice_rows(result: VersionResult, kinds: dict[str, str]) -> list[SliceRow]:
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
        rows.append(SliceRow(result.version, name, value, counts.f1, counts.expected, counts.predicted))
    return rows


def render_splits(
    comparisons: Sequence[Comparison], fmt: CompareFormat, *, width: int = 80, colour: bool = False
) -> str:
    """One section per split, the first (test by default) first; JSON keeps every row, each
    with its split, and the first split's diff at the top level. The terminal table keeps
    the key columns within `width`; the other formats keep every column."""
    if fmt == CompareFormat.TABLE:
        from pipeline.evaluation.terminal import render_terminal

        return render_terminal(comparisons, width, colour)
    if fmt == CompareFormat.JSON:
        documents = [c.as_json() for c in comparisons]
        merged = {
            **documents[0],
            "rows": [row for d in documents for row in d["rows"]],
            "splits": {c.split: d for c, d in zip(comparisons, documents, strict=True)},
        }  # fmt: skip
        return json.dumps(merged, indent=2, default=str)
    if fmt == CompareFormat.CSV:
        return pd.concat([c.table() for c in comparisons]).set_index("prompt").to_csv(float_format="%.4f")
    return "\n\n".join(f"## split: {c.split}\n{c.markdown()}" for c in comparisons)
