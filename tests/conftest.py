from __future__ import annotations

import pytest
from helpers import ROOT, SEED_ID

from pipeline.io.gold import GoldSet, load_gold


@pytest.fixture(scope="session")
def gold() -> GoldSet:
    return load_gold(ROOT / "gold")


@pytest.fixture(scope="session")
def seed_text(gold: GoldSet) -> str:
    return gold.articles[SEED_ID].text


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-network", action="store_true", help="run tests that call a real model server")
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden/ from this run's outputs"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-network"):
        return
    skip = pytest.mark.skip(reason="calls a real model server; pass --run-network (needs OPENAI_API_KEY)")
    for item in items:
        if "network" in item.keywords:
            item.add_marker(skip)
