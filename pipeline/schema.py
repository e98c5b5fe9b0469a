"""The wire format: one typed observation per quantitative statement.

Everything else in tradex (gold, extractor, scorer, rules) speaks this model, so its
validators reject what no article could state: unknown fields, non-canonical ids, a
percentage reported as a currency value, a negative count.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Self

import pycountry
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from pipeline.entities import is_canonical


class Flow(StrEnum):
    TOTAL = "total"
    EXPORT = "export"
    IMPORT = "import"
    BALANCE = "balance"


class Metric(StrEnum):
    TRADE_VALUE = "trade_value"
    YOY_CHANGE = "yoy_change"
    SHARE_OF_TOTAL = "share_of_total"
    CONTRIBUTION_TO_GROWTH = "contribution_to_growth"
    RANK = "rank"
    ENTERPRISE_COUNT = "enterprise_count"
    ENTERPRISE_COUNT_YOY_CHANGE = "enterprise_count_yoy_change"
    PARTNER_COUNT = "partner_count"
    CONSECUTIVE_YEARS = "consecutive_years"


class Qualifier(StrEnum):
    EXACT = "exact"
    APPROXIMATE = "approximate"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"


NON_CURRENCY_UNITS = ("percent", "percentage_point", "count", "rank", "years")
PERCENT_UNITS = ("percent", "percentage_point")

# Which units each metric may be stated in; "currency" means any ISO 4217 code.
METRIC_UNITS: dict[Metric, tuple[str, ...]] = {
    Metric.TRADE_VALUE: ("currency",),
    Metric.YOY_CHANGE: PERCENT_UNITS,
    Metric.SHARE_OF_TOTAL: PERCENT_UNITS,
    Metric.CONTRIBUTION_TO_GROWTH: PERCENT_UNITS,
    Metric.RANK: ("rank",),
    Metric.ENTERPRISE_COUNT: ("count",),
    Metric.ENTERPRISE_COUNT_YOY_CHANGE: PERCENT_UNITS,
    Metric.PARTNER_COUNT: ("count",),
    Metric.CONSECUTIVE_YEARS: ("years",),
}

_PERIOD_PART = r"\d{4}(?:-(?:H[12]|Q[1-4]|0[1-9]|1[0-2]))?"
PERIOD_RE = re.compile(rf"^{_PERIOD_PART}(?:/{_PERIOD_PART})?$")

KEY_FIELDS = ("entity", "metric", "flow", "product", "segment", "partner", "period")


def is_currency(unit: str) -> bool:
    return len(unit) == 3 and unit.isupper() and pycountry.currencies.get(alpha_3=unit) is not None


class Observation(BaseModel):
    """One quantitative statement of one article, value in base units."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)

    article_id: str = Field(min_length=1)
    entity: str = Field(description="Canonical id: ISO 3166-1 alpha-2, ISO 3166-2, or registry id")
    entity_name: str = Field(description="The name as the article writes it")
    segment: str | None = None
    flow: Flow | None = None
    product: str | None = None
    partner: str | None = None
    metric: Metric
    value: float
    unit: str
    qualifier: Qualifier = Qualifier.EXACT
    period: str
    evidence: str = Field(min_length=1)
    optional: bool = False
    note: str | None = None

    @field_validator("entity", "partner")
    @classmethod
    def _canonical_id(cls, value: str | None) -> str | None:
        if value is not None and not is_canonical(value):
            raise ValueError(f"{value!r} is not a canonical id (ISO 3166 or registry id)")
        return value

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, value: str) -> str:
        if value not in NON_CURRENCY_UNITS and not is_currency(value):
            raise ValueError(
                f"unit {value!r} is neither an ISO 4217 currency nor one of {NON_CURRENCY_UNITS}"
            )
        return value

    @field_validator("period")
    @classmethod
    def _period_format(cls, value: str) -> str:
        if not PERIOD_RE.match(value):
            raise ValueError(f"period {value!r} is not like 2025, 2025-H1, 2025-Q3, 2025-10")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        allowed = METRIC_UNITS[Metric(self.metric)]
        unit_ok = self.unit in allowed or ("currency" in allowed and is_currency(self.unit))
        if not unit_ok:
            raise ValueError(f"metric {self.metric!r} cannot have unit {self.unit!r} (allowed: {allowed})")
        if self.unit in ("count", "rank", "years") and self.value < 0:
            raise ValueError(f"value {self.value} is negative for unit {self.unit!r}")
        if self.unit == "rank" and (self.value < 1 or not float(self.value).is_integer()):
            raise ValueError(f"rank {self.value} is not a whole number from 1")
        if is_currency(self.unit) and self.value < 0 and self.flow != Flow.BALANCE:
            raise ValueError(f"value {self.value} is a negative {self.unit} amount for a non-balance")
        if self.metric == Metric.SHARE_OF_TOTAL and not 0 <= self.value <= 100:
            raise ValueError(f"share {self.value} percent is outside 0..100")
        return self

    def key(self) -> tuple[str | None, ...]:
        """The fields a prediction must agree on to be compared with a gold observation."""
        return tuple(getattr(self, name) for name in KEY_FIELDS)
