"""Run prompt versions over the gold articles in memory and score them: the engine shared
by `tradex compare` and `pytest evals`, so both report the same numbers."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.core.errors import ExtractionError, TradexError
from pipeline.core.usage import Usage
from pipeline.extract.backends import BackendOptions, make_version_extractor
from pipeline.extract.choices import RULES_VERSION, Backend
from pipeline.extract.llm.store import ResponseStore
from pipeline.extract.result import ArticleResult
from pipeline.io.articles import Article
from pipeline.io.gold import GoldSet
from pipeline.numbers.normalise import normalise_observation
from pipeline.runs.runner import ArticleExtractor
from pipeline.scoring.match import Prediction
from pipeline.scoring.report import ScoreReport, score_predictions


@dataclass(frozen=True)
class Failure:
    """An article a version could not extract: a row in the table, not a hidden exception."""

    version: str
    article_id: str
    error_type: str
    message: str
    cause: str | None = None  # the named reason: validation, truncated, invalid_json, ...
    usage: Usage = field(default_factory=Usage)  # failing is never free
    attempts: int = 0


@dataclass
class VersionResult:
    version: str
    prompt_hash: str
    model: str
    article_ids: tuple[str, ...]
    results: list[ArticleResult]
    failures: list[Failure]
    report: ScoreReport
    latency_s: float | None = None  # summed recorded latency, when the source recorded one
    sources: set[str] = field(default_factory=set)
    split: str | None = None  # the gold split these articles come from; None for all
    not_recorded: tuple[str, ...] = ()  # selected articles with no recorded response, left out

    @property
    def usage(self) -> Usage:
        """Tokens of every attempt, those of failed articles included."""
        spent = [r.usage for r in self.results] + [f.usage for f in self.failures]
        return sum(spent, Usage())

    @property
    def attempts(self) -> int:
        return sum(r.attempts for r in self.results) + sum(f.attempts for f in self.failures)


async def _extract_all(
    extractor: ArticleExtractor, articles: Sequence[Article], version: str, concurrency: int
) -> tuple[list[ArticleResult], list[Failure]]:
    semaphore = asyncio.Semaphore(concurrency)

    async def one(article: Article) -> ArticleResult | Failure:
        async with semaphore:
            try:
                return await extractor.extract(article)
            except ExtractionError as exc:
                return Failure(
                    version, article.id, type(exc).__name__, exc.message, exc.cause, exc.usage, exc.attempts
                )
            except TradexError as exc:
                return Failure(version, article.id, type(exc).__name__, exc.message)

    outcomes = await asyncio.gather(*(one(a) for a in articles))
    results = [o for o in outcomes if isinstance(o, ArticleResult)]
    return results, [o for o in outcomes if isinstance(o, Failure)]


def evaluate_version(
    gold: GoldSet,
    version: str,
    options: BackendOptions,
    article_ids: Sequence[str] | None,
    prompts_dir: Path,
    concurrency: int = 4,
    split: str | None = None,
) -> VersionResult:
    """Extract every selected gold article with one prompt version (or `rules`) and score it.

    In replay, a version is run only on the articles it has recorded responses for; the
    others are listed as not recorded, never scored as failures and never silently dropped.
    """
    chosen = make_version_extractor(version, options, prompts_dir)
    ids = sorted(article_ids if article_ids is not None else gold.labels)
    not_recorded: list[str] = []
    if (
        options.backend == Backend.REPLAY
        and chosen.version != RULES_VERSION
        and not options.fallback_to_rules
    ):
        recorded = ResponseStore(options.store).recorded_articles(chosen.version)
        not_recorded = [i for i in ids if i not in recorded]
        ids = [i for i in ids if i in recorded]
    result = evaluate_extractor(
        gold, chosen.version, chosen.hash, chosen.model, chosen.extractor, ids, concurrency
    )
    result.not_recorded = tuple(not_recorded)
    result.split = split
    stats = chosen.stats().values()
    latencies = [s.latency_s for s in stats if s.latency_s]
    result.latency_s = sum(latencies) if latencies else None
    result.sources = set().union(*(s.sources for s in stats)) if stats else {chosen.model}
    return result


def evaluate_extractor(
    gold: GoldSet,
    version: str,
    prompt_hash: str,
    model: str,
    extractor: ArticleExtractor,
    article_ids: Sequence[str] | None = None,
    concurrency: int = 4,
) -> VersionResult:
    """Extract and score; a failed article scores as all missing, so failing never pays."""
    ids = tuple(sorted(article_ids if article_ids is not None else gold.labels))
    articles = [gold.articles[i] for i in ids]
    results, failures = asyncio.run(_extract_all(extractor, articles, version, concurrency))
    predictions = [
        Prediction(normalise_observation(row.observation), row.grounded) for r in results for row in r.rows
    ]
    return VersionResult(
        version=version,
        prompt_hash=prompt_hash,
        model=model,
        article_ids=ids,
        results=results,
        failures=failures,
        report=score_predictions(gold, predictions, ids),
    )
