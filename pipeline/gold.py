"""The gold set: articles and their hand-labelled observations, and the check that
keeps them honest (schema-valid, evidence verbatim, value derivable from evidence)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.articles import Article, load_articles
from pipeline.errors import GoldError, TradexError
from pipeline.figures import find_figures
from pipeline.grounding import MatchKind, ground
from pipeline.records import read_observations
from pipeline.schema import Observation


@dataclass(frozen=True)
class GoldSet:
    articles: dict[str, Article]
    labels: dict[str, list[Observation]]

    def observations(self) -> list[Observation]:
        return [o for article_id in sorted(self.labels) for o in self.labels[article_id]]


def _label_files(gold_dir: Path) -> list[Path]:
    return sorted((gold_dir / "labels").glob("*.jsonl"))


def load_gold(gold_dir: Path) -> GoldSet:
    """Articles and labels; a label file without its article is an error."""
    articles = {a.id: a for a in load_articles([gold_dir / "articles"])}
    labels: dict[str, list[Observation]] = {}
    for path in _label_files(gold_dir):
        if path.stem not in articles:
            raise GoldError(f"no article gold/articles/{path.stem}.txt", file=str(path))
        labels[path.stem] = read_observations(path)
    return GoldSet(articles, labels)


def check_gold(gold_dir: Path) -> list[str]:
    """One line per problem in the gold set; empty when it is sound."""
    try:
        articles = {a.id: a for a in load_articles([gold_dir / "articles"])}
    except TradexError as exc:
        return [exc.one_line()]
    problems: list[str] = []
    for path in _label_files(gold_dir):
        article = articles.get(path.stem)
        if article is None:
            problems.append(f"{path}: no article {path.stem}.txt in {gold_dir / 'articles'}")
            continue
        try:
            observations = read_observations(path)
        except TradexError as exc:
            problems.append(exc.one_line())
            continue
        problems.extend(_check_labels(path, article, observations))
    for article_id in sorted(set(articles) - {p.stem for p in _label_files(gold_dir)}):
        problems.append(f"{gold_dir / 'articles' / article_id}.txt: article has no label file")
    return problems


def _check_labels(path: Path, article: Article, observations: list[Observation]) -> list[str]:
    problems = []
    figures = find_figures(article.text)
    for lineno, observation in enumerate(observations, start=1):
        where = f"{path}:{lineno}"
        if observation.article_id != article.id:
            problems.append(f"{where}: article_id {observation.article_id!r} != {article.id!r}")
        result = ground(observation, article.text, figures)
        if result.span is not None and result.span.kind != MatchKind.EXACT:
            problems.append(f"{where}: evidence is not verbatim (only a {result.span.kind} match)")
        elif result.problem is not None:
            problems.append(f"{where}: {result.problem}")
    return problems
