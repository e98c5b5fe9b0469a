"""The gold set: articles and their hand-labelled observations, and the check that
keeps them honest (schema-valid, evidence verbatim, value derivable from evidence)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.core.entities import REGISTRY_FILE_NAME, add_registry_file
from pipeline.core.errors import GoldError, TradexError
from pipeline.core.schema import Observation, is_currency
from pipeline.io.articles import Article, load_articles
from pipeline.io.jsonl import read_observations
from pipeline.numbers.figures import find_figures
from pipeline.numbers.grounding import MatchKind, ground
from pipeline.numbers.normalise import normalise_observation, period_type


@dataclass(frozen=True)
class GoldSet:
    articles: dict[str, Article]
    labels: dict[str, list[Observation]]
    _comparable: dict[str, list[Observation]] = field(default_factory=dict, init=False, repr=False)

    def comparable(self, article_id: str) -> list[Observation]:
        """One article's labels in the scorer's comparable form, normalised on first use
        and kept for every later score (each version of a comparison)."""
        if article_id not in self._comparable:
            self._comparable[article_id] = [normalise_observation(o) for o in self.labels[article_id]]
        return self._comparable[article_id]

    def observations(self) -> list[Observation]:
        return [o for article_id in sorted(self.labels) for o in self.labels[article_id]]

    def split_ids(self, split: str | None) -> list[str]:
        """Labelled article ids of one split ("dev", "test"), or all of them for None."""
        return sorted(i for i in self.labels if split is None or self.articles[i].split == split)


def gold_stats(gold: GoldSet) -> dict[str, dict[str, int]]:
    """What the corpus covers: articles per split, kind and reporting economy; observations
    per currency, period type, metric x change and status."""
    articles = [gold.articles[i] for i in sorted(gold.labels)]
    observations = [o for o in gold.observations() if not o.optional]
    tallies: dict[str, Counter[str]] = {
        "articles per split": Counter(a.split or "none" for a in articles),
        "articles per kind": Counter(a.kind or "none" for a in articles),
        "articles per reporting economy": Counter(a.reporting or "none" for a in articles),
        "observations per split": Counter(gold.articles[o.article_id].split or "none" for o in observations),
        "observations per currency": Counter(
            o.unit.split("/")[0] for o in observations if is_currency(o.unit.split("/")[0])
        ),
        "observations per period type": Counter(period_type(o.period) for o in observations),
        "observations per metric x change": Counter(
            f"{o.metric} x {o.change or 'level'}" for o in observations
        ),
        "observations per status": Counter(str(o.status) for o in observations),
        "observations per flow": Counter(str(o.flow) for o in observations),
    }
    return {name: dict(sorted(tally.items())) for name, tally in tallies.items()}


def _label_files(gold_dir: Path) -> list[Path]:
    return sorted((gold_dir / "labels").glob("*.jsonl"))


def use_gold_registry(gold_dir: Path) -> None:
    """A gold folder may carry its own `entities.toml` of extra ids and aliases."""
    for folder in (gold_dir, gold_dir / "articles"):
        if (folder / REGISTRY_FILE_NAME).is_file():
            add_registry_file(folder / REGISTRY_FILE_NAME)


def load_gold(gold_dir: Path) -> GoldSet:
    """Articles and labels; a label file without its article is an error."""
    use_gold_registry(gold_dir)
    articles = {a.id: a for a in load_articles([gold_dir / "articles"])}
    if broken := [a.problem for a in articles.values() if a.problem is not None]:
        raise GoldError(broken[0], file=str(gold_dir / "articles"))
    labels: dict[str, list[Observation]] = {}
    for path in _label_files(gold_dir):
        if path.stem not in articles:
            raise GoldError(f"no article {gold_dir / 'articles' / path.stem}.txt", file=str(path))
        labels[path.stem] = read_observations(path)
        if strays := sorted({o.article_id for o in labels[path.stem]} - {path.stem}):
            # such a label would be scored against another article's rows
            raise GoldError(f"labels of another article ({', '.join(strays)}) in this file", file=str(path))
    if not labels:  # nothing to score against would score every prediction set perfect
        raise GoldError("no label files (labels/<article id>.jsonl)", file=str(gold_dir / "labels"))
    return GoldSet(articles, labels)


def check_gold(gold_dir: Path) -> list[str]:
    """One line per problem in the gold set; empty when it is sound."""
    try:
        use_gold_registry(gold_dir)
        articles = {a.id: a for a in load_articles([gold_dir / "articles"])}
    except TradexError as exc:
        return [exc.one_line()]
    problems: list[str] = [a.problem for a in articles.values() if a.problem is not None]
    for path in _label_files(gold_dir):
        article = articles.get(path.stem)
        if article is None:
            problems.append(f"{path}: no article {path.stem}.txt in {gold_dir / 'articles'}")
            continue
        if article.problem is not None:
            continue  # named above; its labels cannot be checked against a text not read
        try:
            observations = read_observations(path)
        except TradexError as exc:
            problems.append(exc.one_line())
            continue
        problems.extend(_check_labels(path, article, observations))
    for path in sorted((gold_dir / "second").glob("*.jsonl")):
        if (article := articles.get(path.stem)) is None:
            problems.append(f"{path}: no article {path.stem}.txt in {gold_dir / 'articles'}")
            continue
        if article.problem is not None:
            continue
        try:
            problems.extend(_check_labels(path, article, read_observations(path)))
        except TradexError as exc:
            problems.append(exc.one_line())
    for article_id in sorted(set(articles) - {p.stem for p in _label_files(gold_dir)}):
        problems.append(f"{gold_dir / 'articles' / article_id}.txt: article has no label file")
    return problems


def _check_labels(path: Path, article: Article, observations: list[Observation]) -> list[str]:
    problems = []
    figures = find_figures(article.text)
    first_line: dict[str, int] = {}
    for lineno, observation in enumerate(observations, start=1):
        where = f"{path}:{lineno}"
        if observation.article_id != article.id:
            problems.append(f"{where}: article_id {observation.article_id!r} != {article.id!r}")
        as_written = observation.model_dump_json()
        if as_written in first_line:  # scored as two observations, one would always count missing
            problems.append(f"{where}: the same label as line {first_line[as_written]}")
        first_line.setdefault(as_written, lineno)
        result = ground(observation, article.text, figures)
        if result.span is not None and result.span.match != MatchKind.EXACT:
            problems.append(f"{where}: evidence is not verbatim (only a {result.span.match} match)")
        elif result.problem is not None:
            problems.append(f"{where}: {result.problem}")
    return problems
