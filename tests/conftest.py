from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.gold import GoldSet, load_gold

ROOT = Path(__file__).resolve().parents[1]
SEED_ID = "000_6083d734525b0748"


@pytest.fixture(scope="session")
def gold() -> GoldSet:
    return load_gold(ROOT / "gold")


@pytest.fixture(scope="session")
def seed_text(gold: GoldSet) -> str:
    return gold.articles[SEED_ID].text
