"""A score report: strict and lenient pairs for a set of articles, summarised as the JSON
document, pandas frames and rendered tables that `tradex score` prints."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.core.errors import GoldError
from pipeline.core.formats import ScoreFormat
from pipeline.core.schema import Observation
from pipeline.io.gold import GoldSet
from pipeline.io.jsonl import read_observations
from pipeline.io.tables import spreadsheet_cell
from pipeline.numbers.figures import Figure, find_figures
from pipeline.numbers.grounding import ground
from pipeline.numbers.normalise import normalise_observation
from pipeline.scoring.match import LENIENT, STRICT, Pair, Prediction, score_article
from pipeline.scoring.metrics import count, error_counts, grounded_rate, per_field_accuracy, score_row


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

    def render(self, fmt: ScoreFormat) -> str:
        if fmt == ScoreFormat.JSON:
            return json.dumps(self.summary(), indent=2)
        table = self.table()
        if fmt == ScoreFormat.CSV:  # an article id is anyone's text: never a formula in a spreadsheet
            return table.rename(index=lambda i: str(spreadsheet_cell(i))).to_csv(float_format="%.4f")
        if fmt == ScoreFormat.MD:
            return table.to_markdown(floatfmt=".3f")
        return table.to_string(float_format=lambda v: f"{v:.3f}")


def _row(label: str, strict: Sequence[Pair], lenient: Sequence[Pair]) -> dict[str, object]:
    return {"article_id": label, **asdict(score_row(strict, lenient))}


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


def _scored_ids(gold: GoldSet, article_ids: Iterable[str] | None) -> tuple[str, ...]:
    return tuple(sorted(set(gold.labels) if article_ids is None else set(article_ids) & set(gold.labels)))


def score(
    gold: GoldSet, predictions: Iterable[Observation], article_ids: Iterable[str] | None = None
) -> ScoreReport:
    """Score plain observations: each is normalised and grounded here, once; see
    `score_predictions`."""
    ids = _scored_ids(gold, article_ids)
    comparable = [normalise_observation(o) for o in predictions if o.article_id in ids]
    return score_predictions(gold, grounded_predictions(gold, comparable), ids)


def grounded_predictions(gold: GoldSet, comparable: Iterable[Observation]) -> list[Prediction]:
    """Observations already in comparable form, each grounded in its gold article once."""
    figures: dict[str, list[Figure]] = {}
    out = []
    for observation in comparable:
        article = gold.articles.get(observation.article_id)
        if article is None:
            out.append(Prediction(observation))
            continue
        if article.id not in figures:
            figures[article.id] = find_figures(article.text)
        out.append(Prediction(observation, ground(observation, article.text, figures[article.id]).grounded))
    return out


def score_predictions(
    gold: GoldSet, predictions: Iterable[Prediction], article_ids: Iterable[str] | None = None
) -> ScoreReport:
    """Score predictions against gold over `article_ids` (default: every gold article).

    Predictions for articles outside that set are ignored; an article in the set with no
    prediction scores as all missing.
    """
    ids = _scored_ids(gold, article_ids)
    by_article: dict[str, list[Prediction]] = {i: [] for i in ids}
    for prediction in predictions:
        if prediction.observation.article_id in by_article:
            by_article[prediction.observation.article_id].append(prediction)
    strict: list[Pair] = []
    lenient: list[Pair] = []
    for article_id in ids:
        gold_obs = gold.comparable(article_id)
        strict += score_article(article_id, gold_obs, by_article[article_id], STRICT)
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
