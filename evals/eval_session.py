"""The state one `pytest evals` session shares: gold, selection, options and results."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.backends import BackendOptions
from pipeline.compare import Comparison, compare
from pipeline.evaluate import VersionResult, evaluate_prompt
from pipeline.gold import GoldSet
from pipeline.prompts import load_prompt

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
            prompt = load_prompt(version, ROOT / "prompts")
            self.results[version] = evaluate_prompt(self.gold, prompt, self.options, self.article_ids)
        return self.results[version]

    def baseline_and_candidate(self) -> tuple[str, str]:
        gate = self.thresholds.get("gate", {})
        baseline = gate.get("baseline", self.versions[0])
        candidate = gate.get("candidate", "newest")
        return baseline, self.versions[-1] if candidate == "newest" else candidate

    def comparison(self) -> Comparison:
        results = [self.result(v) for v in self.versions]
        baseline = self.baseline_and_candidate()[0]
        return compare(results, baseline if baseline in self.versions else self.versions[0])
