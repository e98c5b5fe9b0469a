"""The state one `pytest evals` session shares: gold, selection, options, typed thresholds
and results, one per prompt version and gold split."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from pipeline.evaluation.compare import Comparison, compare
from pipeline.evaluation.evaluate import VersionResult, evaluate_version
from pipeline.extract.backends import BackendOptions
from pipeline.extract.choices import RULES_VERSION, Backend
from pipeline.extract.llm.store import ResponseStore
from pipeline.io.gold import GoldSet
from pipeline.io.jsonl import validation_message

ROOT = Path(__file__).resolve().parents[1]
Split = Literal["dev", "test"]


class Floors(BaseModel):
    """Quality floors of one version on one split; a misspelled key is an error."""

    model_config = ConfigDict(extra="forbid")
    min_f1: float | None = None
    min_grounded_rate: float | None = None
    max_spurious: int | None = None
    max_failures: int | None = None


class AcceptedLoss(BaseModel):
    model_config = ConfigDict(extra="forbid")
    candidate: str
    article_id: str
    fact: str
    reason: str


class Gate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    enabled: bool = True
    reason: str | None = None  # why a store's gate is off
    baseline: str = RULES_VERSION
    candidate: str = "newest"
    accepted_losses: list[AcceptedLoss] = []


class Thresholds(BaseModel):
    model_config = ConfigDict(extra="forbid")
    # failures accepted as an article's outcome when named (a weak model's truncation, say);
    # anything else, a replay miss included, still fails its test
    accepted_failure_causes: list[str] = []
    gate: Gate = Gate()
    floors: dict[str, dict[Split, Floors]] = {}


def load_thresholds(path: Path) -> Thresholds:
    try:
        return Thresholds.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    except ValidationError as exc:
        raise ValueError(f"{path}: {validation_message(exc)}") from exc


@dataclass
class EvalSession:
    name: str  # the suite: a store and its floors
    gold: GoldSet
    versions: list[str]
    article_ids: list[str]
    splits: list[Split]
    options: BackendOptions
    thresholds: Thresholds
    results: dict[tuple[str, str], VersionResult]
    scores_dir: Path

    def split_ids(self, split: str) -> list[str]:
        return [i for i in self.article_ids if self.gold.articles[i].split == split]

    def has_answers(self, version: str, article_id: str) -> bool:
        """Whether a version can be run on an article here: the rules always can, a prompt
        version in replay only where it has recorded responses (the rest are listed as not
        recorded in the score table, not collected as tests)."""
        if version == RULES_VERSION or self.options.backend != Backend.REPLAY:
            return True
        return article_id in ResponseStore(self.options.store).recorded_articles(version)

    def result(self, version: str, split: str) -> VersionResult:
        if (version, split) not in self.results:
            self.results[version, split] = evaluate_version(
                self.gold, version, self.options, self.split_ids(split), ROOT / "prompts", split=split
            )
        return self.results[version, split]

    def baseline_and_candidate(self) -> tuple[str, str]:
        gate = self.thresholds.gate
        prompts = [v for v in self.versions if v != RULES_VERSION]
        newest = prompts[-1] if prompts else self.versions[-1]
        return gate.baseline, newest if gate.candidate == "newest" else gate.candidate

    def comparison(self, split: str) -> Comparison:
        results = [self.result(v, split) for v in self.versions]
        baseline = self.baseline_and_candidate()[0]
        kinds = {i: a.kind or "none" for i, a in self.gold.articles.items()}
        return compare(results, baseline if baseline in self.versions else self.versions[0], kinds)
