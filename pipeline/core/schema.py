"""The wire format: one typed observation per quantitative statement.

Modelled on SDMX: *what* is measured is a `metric` (the measure) and a `change` (SDMX's
TRANSFORMATION), so a month-on-month change of an export volume is a combination of
existing values, not a new one-off metric. Everything else in tradex (gold, extractor,
scorer, rules) speaks this model, so its validators reject what no article could state:
unknown fields, non-canonical ids, a percentage reported as a currency value, a negative
count.
"""

from __future__ import annotations

import math
import re
from enum import StrEnum
from typing import Self

import pycountry
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from pipeline.core.entities import is_canonical


class Flow(StrEnum):
    TOTAL = "total"
    EXPORT = "export"
    IMPORT = "import"
    BALANCE = "balance"


class Metric(StrEnum):
    TRADE_VALUE = "trade_value"
    VOLUME = "volume"
    UNIT_PRICE = "unit_price"
    SHARE_OF_TOTAL = "share_of_total"
    CONTRIBUTION_TO_GROWTH = "contribution_to_growth"
    RANK = "rank"
    ENTERPRISE_COUNT = "enterprise_count"
    PARTNER_COUNT = "partner_count"
    STREAK = "streak"


class Change(StrEnum):
    """SDMX TRANSFORMATION: null (a level) or the comparison a change is made against."""

    YOY = "yoy"
    MOM = "mom"
    QOQ = "qoq"
    VS_PERIOD = "vs_period"


class Qualifier(StrEnum):
    EXACT = "exact"
    APPROXIMATE = "approximate"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"


class Status(StrEnum):
    ACTUAL = "actual"
    FORECAST = "forecast"
    TARGET = "target"
    REVISED = "revised"


PERCENT_UNITS = ("percent", "percentage_point")
DURATION_UNITS = ("years", "months", "quarters")
PHYSICAL_UNITS = ("t", "kg", "bbl", "m3", "TEU", "vehicles", "units")
NON_CURRENCY_UNITS = (*PERCENT_UNITS, "count", "rank", *DURATION_UNITS, *PHYSICAL_UNITS)

# Unit classes a metric accepts, for a level and for a change ("same" = the level's units).
CURRENCY, PHYSICAL, PRICE = "currency", "physical", "price"
LEVEL_UNITS: dict[Metric, tuple[str, ...]] = {
    Metric.TRADE_VALUE: (CURRENCY,),
    Metric.VOLUME: (PHYSICAL,),
    Metric.UNIT_PRICE: (PRICE,),
    Metric.SHARE_OF_TOTAL: ("percent",),
    Metric.CONTRIBUTION_TO_GROWTH: PERCENT_UNITS,
    Metric.RANK: ("rank",),
    Metric.ENTERPRISE_COUNT: ("count",),
    Metric.PARTNER_COUNT: ("count",),
    Metric.STREAK: DURATION_UNITS,
}
CHANGE_UNITS: dict[Metric, tuple[str, ...]] = {
    Metric.TRADE_VALUE: ("percent", CURRENCY),
    Metric.VOLUME: ("percent", PHYSICAL),
    Metric.UNIT_PRICE: ("percent", PRICE),
    Metric.SHARE_OF_TOTAL: ("percentage_point",),
    Metric.CONTRIBUTION_TO_GROWTH: ("percentage_point",),
    Metric.RANK: (),
    Metric.ENTERPRISE_COUNT: ("percent", "count"),
    Metric.PARTNER_COUNT: ("percent", "count"),
    Metric.STREAK: (),
}

_PERIOD_PART = r"\d{4}(?:-(?:H[12]|Q[1-4]|0[1-9]|1[0-2]))?"
PERIOD_RE = re.compile(rf"^{_PERIOD_PART}(?:/{_PERIOD_PART})?$")

KEY_FIELDS = (
    "entity", "metric", "change", "base_period", "flow", "product", "segment", "partner", "period", "status",
)  # fmt: skip


# ISO 4217 codes withdrawn in recent years that reports on those years still quote: the
# Bulgarian lev (euro, 2026), Croatian kuna (euro, 2023), Zimbabwe dollar (ZiG, 2024), old
# Sierra Leone leone (2022), Venezuelan bolivar fuerte (2018), Mauritanian ouguiya and Sao
# Tome dobra (2018), Cuban convertible peso (2021), Netherlands Antillean guilder (2025),
# Belarusian rouble (2016); pycountry drops each from its list once withdrawn
WITHDRAWN_CURRENCIES = frozenset({"BGN", "HRK", "ZWL", "SLL", "VEF", "MRO", "STD", "CUC", "ANG", "BYR"})


def is_currency(unit: str) -> bool:
    return (
        len(unit) == 3
        and unit.isupper()
        and (unit in WITHDRAWN_CURRENCIES or pycountry.currencies.get(alpha_3=unit) is not None)
    )


def is_price(unit: str) -> bool:
    """A currency per physical unit: `USD/t`, `CNY/bbl`."""
    currency, slash, per = unit.partition("/")
    return bool(slash) and is_currency(currency) and per in PHYSICAL_UNITS


def unit_class(unit: str) -> str:
    """The class a unit belongs to for the metric check: currency, physical, price, or itself."""
    if is_currency(unit):
        return CURRENCY
    if unit in PHYSICAL_UNITS:
        return PHYSICAL
    if is_price(unit):
        return PRICE
    return unit


def is_known_unit(unit: str) -> bool:
    return unit in NON_CURRENCY_UNITS or is_currency(unit) or is_price(unit)


class ObservationFields(BaseModel):
    """What one quantitative statement says, whoever states it: shared by the wire format
    (`Observation`) and the schema the model fills (`ExtractedObservation`)."""

    # the descriptions are what a model reads in the response schema (part of every prompt hash)
    entity: str = Field(
        description="ISO 3166-1 alpha-2 (CN), ISO 3166-2 (CN-GD) or registry id (GBA9, ASEAN, EU)"
    )
    entity_name: str = Field(description="The entity's name as the article writes it")
    segment: str | None = Field(None, description="Sub-population, e.g. 'private enterprises'")
    flow: Flow | None = Field(None, description="Trade flow; null for counts and streaks")
    product: str | None = Field(None, description="Product group as written, e.g. 'new three'")
    partner: str | None = Field(None, description="Counterpart area id, if any")
    metric: Metric
    change: Change | None = Field(None, description="null for a level; yoy, mom, qoq, or vs_period")
    base_period: str | None = Field(None, description="The compared period, only when change is vs_period")
    value: float = Field(description="In base units: 9.15 trillion yuan -> 9150000000000; deficits negative")
    unit: str = Field(
        description="ISO 4217 code, percent, percentage_point, count, rank, years, months, quarters, "
        "t, kg, bbl, m3, TEU, vehicles, units, or a price like USD/t"
    )
    qualifier: Qualifier = Field(Qualifier.EXACT, description="at_least for 'more than'")
    period: str = Field(description="2025, 2025-H1, 2025-Q3, 2025-10 or 2025-01/2025-10")
    status: Status = Field(Status.ACTUAL, description="actual, forecast, target or revised")
    evidence: str = Field(description="Verbatim quote from the article that states the figure")


class Observation(ObservationFields):
    """One quantitative statement of one article, value in base units."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True, validate_default=True)

    article_id: str = Field(min_length=1)
    entity: str = Field(description="Canonical id: ISO 3166-1 alpha-2, ISO 3166-2, or registry id")
    entity_name: str = Field(description="The name as the article writes it")
    evidence: str = Field(min_length=1)
    optional: bool = False
    note: str | None = None

    @field_validator("entity", "partner")
    @classmethod
    def _canonical_id(cls, value: str | None) -> str | None:
        if value is not None and not is_canonical(value):
            raise ValueError(f"{value!r} is not a canonical id (ISO 3166 or registry id)")
        return value

    @field_validator("value", mode="before")
    @classmethod
    def _not_a_truth_value(cls, value: object) -> object:
        if isinstance(value, bool):  # JSON's true would otherwise read as 1.0
            raise ValueError(f"value {value!r} is not a number")
        return value

    @field_validator("value")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value):
            raise ValueError(f"value {value!r} is not a finite number")
        return value

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, value: str) -> str:
        if not is_known_unit(value):
            raise ValueError(
                f"unit {value!r} is neither an ISO 4217 currency, a price like 'USD/t', "
                f"nor one of {NON_CURRENCY_UNITS}"
            )
        return value

    @field_validator("period", "base_period")
    @classmethod
    def _period_format(cls, value: str | None) -> str | None:
        if value is not None and not PERIOD_RE.match(value):
            raise ValueError(f"period {value!r} is not like 2025, 2025-H1, 2025-Q3, 2025-10, 2025-01/2025-09")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        self._check_unit()
        if (self.change == Change.VS_PERIOD) != (self.base_period is not None):
            raise ValueError(
                f"base_period {self.base_period!r} is set exactly when change is 'vs_period' "
                f"(change is {self.change!r})"
            )
        if self.change is None:
            self._check_level()
        return self

    def _check_unit(self) -> None:
        metric = Metric(self.metric)
        allowed = CHANGE_UNITS[metric] if self.change is not None else LEVEL_UNITS[metric]
        if unit_class(self.unit) not in allowed:
            what = f"a {self.change} change of" if self.change is not None else "a level of"
            raise ValueError(
                f"metric {self.metric!r} cannot have unit {self.unit!r} as {what} it "
                f"(allowed: {', '.join(allowed) or 'none, it has no changes'})"
            )

    def _check_level(self) -> None:
        """Levels have a sign only where the quantity does: a balance can be negative."""
        if self.value < 0 and self.flow != Flow.BALANCE and self.metric != Metric.CONTRIBUTION_TO_GROWTH:
            raise ValueError(f"value {self.value} is a negative level of {self.metric!r} for a non-balance")
        if self.unit == "rank" and (self.value < 1 or not float(self.value).is_integer()):
            raise ValueError(f"rank {self.value} is not a whole number from 1")
        if self.metric == Metric.SHARE_OF_TOTAL and not 0 <= self.value <= 100:
            raise ValueError(f"share {self.value} percent is outside 0..100")

    def to_json(self) -> dict[str, object]:
        """The wire format as files write it: `article_id` first."""
        data = self.model_dump(mode="json")
        return {"article_id": data.pop("article_id"), **data}

    def key(self) -> tuple[str | None, ...]:
        """The fields a prediction must agree on to be compared with a gold observation."""
        return tuple(getattr(self, name) for name in KEY_FIELDS)

    def fact(self) -> tuple[object, ...]:
        """What the observation states: its key, value, unit and qualifier. Two with one fact
        are one statement made twice (a headline repeated in a summary), not two."""
        return (*self.key(), self.value, self.unit, self.qualifier)
