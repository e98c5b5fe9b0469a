"""The state one `pytest evals` session shares: gold, selection, options and results."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.backends import BackendOptions
from pipeline.compare import Comparison, compare
from pipeline.evaluate import VersionResult, evaluate_version
from pipeline.gold import GoldSet
from pipeline.rules import RULES_VERSION

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class EvalSession:
    gold: GoldSet
    versions: list[str]
    article_ids: list[str]
    options: BackendOptions
    thresholds: dict[str, Any]
    results: dict[str, VersionResult]
    scores_dir: Path

    def result(self, version: str) -> VersionResult:
        if version not in self.results:
            self.results[version] = evaluate_version(
                self.gold, version, self.options, self.article_ids, ROOT / "prompts"
            )
        return self.results[version]

    def baseline_and_candidate(self) -> tuple[str, str]:
        gate = self.thresholds.get("gate", {})
        baseline = gate.get("baseline", self.versions[0])
        candidate = gate.get("candidate", "newest")
        prompts = [v for v in self.versions if v != RULES_VERSION]
        newest = prompts[-1] if prompts else self.versions[-1]
        return baseline, newest if candidate == "newest" else candidate

    def comparison(self) -> Comparison:
        results = [self.result(v) for v in self.versions]
        baseline = self.baseline_and_candidate()[0]
        return compare(results, baseline if baseline in self.versions else self.versions[0])
