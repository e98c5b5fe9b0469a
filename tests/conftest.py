from __future__ import annotations

import pytest
from helpers import ROOT, SEED_ID

from pipeline.gold import GoldSet, load_gold


@pytest.fixture(scope="session")
def gold() -> GoldSet:
    return load_gold(ROOT / "gold")


@pytest.fixture(scope="session")
def seed_text(gold: GoldSet) -> str:
    return gold.articles[SEED_ID].text
