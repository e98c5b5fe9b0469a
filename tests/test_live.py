"""Against a real OpenAI-compatible server: off unless `pytest --run-network`, and then it
needs OPENAI_API_KEY (and OPENAI_BASE_URL for a server other than OpenAI's)."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from helpers import ROOT, SEED_ID

from pipeline.extract.backends import BackendOptions, make_version_extractor
from pipeline.extract.choices import Backend
from pipeline.io.gold import GoldSet


@pytest.mark.network
def test_live_model_extracts_grounded_observations_from_the_seed(gold: GoldSet, tmp_path: Path) -> None:
    if not os.environ.get("OPENAI_API_KEY"):
        pytest.fail("--run-network needs OPENAI_API_KEY")
    options = BackendOptions(
        backend=Backend.OPENAI,
        store=tmp_path,
        record=True,
        base_url=os.environ.get("OPENAI_BASE_URL"),
        api_key=os.environ.get("OPENAI_API_KEY"),
    )
    chosen = make_version_extractor("v3", options, ROOT / "prompts")
    result = asyncio.run(chosen.extractor.extract(gold.articles[SEED_ID]))
    assert result.observations, "the model returned no observations"
    assert all(row.span is not None and row.grounded for row in result.rows)
    assert os.environ["OPENAI_API_KEY"] not in "".join(p.read_text() for p in tmp_path.rglob("*.json"))
