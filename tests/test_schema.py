from __future__ import annotations

import pytest
from helpers import obs
from pydantic import ValidationError

from pipeline.entities import resolve
from pipeline.normalize import fold_label, normalise_record


@pytest.mark.parametrize(
    ("update", "message"),
    [
        ({"unit": "percent"}, "metric 'trade_value' cannot have unit 'percent'"),
        ({"metric": "enterprise_count", "unit": "count", "value": -3}, "negative"),
        ({"entity": "Guangdong"}, "'Guangdong' is not a canonical id"),
        ({"entity": "CN-XX"}, "'CN-XX' is not a canonical id"),
        ({"unit": "XYZ"}, "unit 'XYZ' is neither"),
        ({"period": "FY2025"}, "period 'FY2025'"),
        ({"metric": "rank", "unit": "rank", "value": 1.5}, "rank 1.5"),
        ({"metric": "share_of_total", "unit": "percent", "value": 120}, "outside 0..100"),
        ({"value": -5.0}, "negative CNY amount"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_validation_names_the_field_and_the_value(update: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError) as info:
        obs(**update)
    assert message in str(info.value)


@pytest.mark.parametrize("period", ["2025", "2025-H1", "2025-Q3", "2025-10", "2025-01/2025-10", "2016/2025"])
def test_periods_accepted(period: str) -> None:
    assert obs(period=period).period == period


def test_entity_aliases_resolve() -> None:
    assert resolve("Guangdong Province") == "CN-GD"
    assert resolve("the nine mainland cities of the Guangdong-HongKong-Macao Greater Bay Area") == "GBA9"
    assert resolve("Germany") == "DE"
    assert resolve("cn-zj") == "CN-ZJ"
    assert resolve("Atlantis") is None


def test_normalise_record_folds_scale_words_case_and_quotes() -> None:
    record = normalise_record(
        {"entity": "Zhejiang", "value": "5.55 trillion", "product": "“New Three”  Products",
         "flow": "Export", "period": "2025-q3"}
    )  # fmt: skip
    assert record == {
        "entity": "CN-ZJ",
        "value": 5.55e12,
        "product": "new three",
        "flow": "export",
        "period": "2025-Q3",
    }
    assert fold_label("  Drones ") == "drones"
