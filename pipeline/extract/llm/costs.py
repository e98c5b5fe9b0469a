"""Cost estimates from the price table (pipeline/data/prices.toml)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def price_table() -> dict[str, Any]:
    text = resources.files("pipeline").joinpath("data/prices.toml").read_text()
    return tomllib.loads(text)


def estimate_cost_usd(
    model: str, prompt_tokens: int, completion_tokens: int, *, batch: bool = False
) -> float | None:
    """USD for the tokens at list price, or at the Batch API's price; None for a model the
    table does not list."""
    if prompt_tokens == 0 and completion_tokens == 0:
        return 0.0
    table = price_table()
    prices = table["models"].get(model)
    if prices is None:
        return None
    factor = float(table["batch_price"]) if batch else 1.0
    return factor * float(prompt_tokens * prices["input"] + completion_tokens * prices["output"]) / 1e6
