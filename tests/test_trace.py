"""One article traced from `tradex extract` to its score: each observation is grounded once
(where it is made) and normalised once (where it is scored), and no step repeats them."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT, SEED_ID
from typer.testing import CliRunner

import pipeline.numbers.grounding
import pipeline.numbers.normalise
from pipeline.cli import app
from pipeline.io.gold import load_gold


def count_calls(monkeypatch: pytest.MonkeyPatch, function: Callable[..., Any], calls: Counter[str]) -> None:
    """Count the calls of `function` on the seed article's observations (not the prompt's
    few-shot examples, checked when it loads), through whichever module name reaches it."""

    def counted(observation: Any, *args: Any, **kwargs: Any) -> Any:
        article_id = (
            observation.get("article_id") if isinstance(observation, dict) else observation.article_id
        )
        calls[function.__name__] += article_id == SEED_ID
        return function(observation, *args, **kwargs)

    for module in [m for name, m in sys.modules.items() if name.startswith("pipeline")]:
        for attribute, value in list(vars(module).items()):
            if value is function:
                monkeypatch.setattr(module, attribute, counted)


def test_extract_to_score_grounds_and_normalises_each_observation_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: Counter[str] = Counter()
    count_calls(monkeypatch, pipeline.numbers.grounding.ground, calls)
    count_calls(monkeypatch, pipeline.numbers.normalise.normalise_record, calls)
    out = tmp_path / "run"
    article = ROOT / "gold" / "articles" / f"{SEED_ID}.txt"
    args = ["extract", str(article), "--backend", "replay", "--prompt", "v4", "--gold", str(ROOT / "gold"),
            "--out", str(out), "--no-progress", "--store", str(ROOT / "evals" / "recordings"),
            "--prompts-dir", str(ROOT / "prompts")]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert '"attempts": 1' in (out / "ledger.jsonl").read_text()  # no re-ask: one answer validated
    predicted = len((out / "observations.jsonl").read_text().splitlines())
    labelled = len(load_gold(ROOT / "gold").labels[SEED_ID])
    assert predicted > 0
    assert calls["ground"] == predicted
    assert calls["normalise_record"] == predicted + labelled
