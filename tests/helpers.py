"""Small builders shared by tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.core.schema import Observation

ROOT = Path(__file__).resolve().parents[1]
SEED_ID = "000_6083d734525b0748"


def obs(**overrides: Any) -> Observation:
    base: dict[str, Any] = {
        "article_id": "a1",
        "entity": "CN-GD",
        "entity_name": "Guangdong",
        "flow": "total",
        "metric": "trade_value",
        "value": 9.49e12,
        "unit": "CNY",
        "period": "2025",
        "evidence": "9.49 trillion yuan",
    }
    base.update(overrides)
    return Observation(**base)
