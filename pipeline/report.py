"""A score report: strict and lenient pairs for a set of articles, summarised as the JSON
document, pandas frames and rendered tables that `tradex score` prints."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.errors import GoldError
from pipeline.gold import GoldSet
from pipeline.metrics import count, error_counts, grounded_rate, per_field_accuracy
from pipeline.normalize import normalise_record
from pipeline.records import parse_observation, read_observations
from pipeline.schema import Observation
from pipeline.scoring import LENIENT, STRICT, Pair, score_article

FORMATS = ("table", "json", "csv", "md")


def normalise_observation(observation: Observation) -> Observation:
    return parse_observation(normalise_record(observation.model_dump()))


@dataclass(frozen=True)
class ScoreReport:
    article_ids: tuple[str, ...]
    strict: tuple[Pair, ...]
    lenient: tuple[Pair, ...]

    def summary(self) -> dict[str, Any]:
        """The JSON document: strict, lenient, per_field, per_article, errors, grounded rate."""
        return {
            "strict": count(self.strict).as_dict(),
            "lenient": count(self.lenient).as_dict(),
            "per_field": per_field_accuracy(self.lenient),
            "error_types": error_counts(self.strict),
            "grounded_rate": grounded_rate(self.strict),
            "per_article": [
                {
                    "article_id": article_id,
                    "strict": count(p for p in self.strict if p.article_id == article_id).as_dict(),
                    "lenient": count(p for p in self.lenient if p.article_id == article_id).as_dict(),
                }
                for article_id in self.article_ids
            ],
        }

    def table(self) -> pd.DataFrame:
        """One row per article and a final 'all' row: counts, P/R/F1, lenient F1."""
        rows = [
            _row(article_id, [p for p in self.strict if p.article_id == article_id],
                 [p for p in self.lenient if p.article_id == article_id])
            for article_id in self.article_ids
        ]  # fmt: skip
        rows.append(_row("all", self.strict, self.lenient))
        return pd.DataFrame(rows).set_index("article_id")

    def pairs_frame(self) -> pd.DataFrame:
        """One row per strict pair: what was expected, what was predicted, and why it failed."""
        return pd.DataFrame([pair_row(p) for p in self.strict])

    def render(self, fmt: str) -> str:
        if fmt == "json":
            return json.dumps(self.summary(), indent=2)
        table = self.table()
        if fmt == "csv":
            return table.to_csv(float_format="%.4f")
        if fmt == "md":
            return table.to_markdown(floatfmt=".3f")
        return table.to_string(float_format=lambda v: f"{v:.3f}")


def _row(label: str, strict: Sequence[Pair], lenient: Sequence[Pair]) -> dict[str, Any]:
    counts = count(strict)
    return {
        "article_id": label,
        "precision": counts.precision,
        "recall": counts.recall,
        "f1": counts.f1,
        "correct": counts.correct,
        "incorrect": counts.incorrect,
        "spurious": counts.spurious,
        "missing": counts.missing,
        "lenient_f1": count(lenient).f1,
        "grounded_rate": grounded_rate(strict),
    }


def pair_row(pair: Pair) -> dict[str, Any]:
    some = pair.gold or pair.pred
    assert some is not None
    return {
        "article_id": pair.article_id,
        "outcome": str(pair.outcome),
        "errors": ",".join(str(e) for e in pair.errors),
        "entity": some.entity,
        "metric": some.metric,
        "change": some.change,
        "base_period": some.base_period,
        "flow": some.flow,
        "partner": some.partner,
        "product": some.product,
        "segment": some.segment,
        "period": some.period,
        "status": some.status,
        "gold_value": pair.gold.value if pair.gold else None,
        "pred_value": pair.pred.value if pair.pred else None,
        "gold_unit": pair.gold.unit if pair.gold else None,
        "pred_unit": pair.pred.unit if pair.pred else None,
        "gold_evidence": pair.gold.evidence if pair.gold else None,
        "pred_evidence": pair.pred.evidence if pair.pred else None,
        "grounded": pair.grounded,
    }


def score(
    gold: GoldSet, predictions: Iterable[Observation], article_ids: Iterable[str] | None = None
) -> ScoreReport:
    """Score predictions against gold over `article_ids` (default: every gold article).

    Predictions for articles outside that set are ignored; an article in the set with no
    prediction scores as all missing.
    """
    ids = tuple(sorted(set(gold.labels) if article_ids is None else set(article_ids) & set(gold.labels)))
    by_article: dict[str, list[Observation]] = {i: [] for i in ids}
    for prediction in predictions:
        if prediction.article_id in by_article:
            by_article[prediction.article_id].append(normalise_observation(prediction))
    strict: list[Pair] = []
    lenient: list[Pair] = []
    for article_id in ids:
        gold_obs = [normalise_observation(o) for o in gold.labels[article_id]]
        text = gold.articles[article_id].text
        strict += score_article(article_id, gold_obs, by_article[article_id], STRICT, text)
        lenient += score_article(article_id, gold_obs, by_article[article_id], LENIENT)
    return ScoreReport(ids, tuple(strict), tuple(lenient))


def agreement(gold: GoldSet, second_dir: Path) -> ScoreReport:
    """A second, independent labelling scored against the main labels with the same scorer
    as any prediction, so label quality is measured in the units models are judged in.
    Observations the second labeller marked optional are left out: they claim nothing."""
    ids, second = [], []
    for path in sorted(second_dir.glob("*.jsonl")):
        if path.stem not in gold.labels:
            raise GoldError(
                f"second labelling of an article with no main labels {path.stem!r}", file=str(path)
            )
        ids.append(path.stem)
        second += [o for o in read_observations(path) if not o.optional]
    if not ids:
        raise GoldError("no second labelling (<id>.jsonl files)", file=str(second_dir))
    return score(gold, second, ids)
