"""The model-facing response schema and its validators.

The article reaches the validators through a context variable set around each call (not
instructor's `context=`, which would render the finished messages, untrusted article
included, as Jinja templates), so every observation the model returns is checked against
the article itself: its evidence must be found there and
a figure inside that evidence must state its value, unit and qualifier. A failure raises
a message that names the exact disagreement, which instructor sends back in its re-ask.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from pipeline.entities import resolve
from pipeline.errors import SchemaError
from pipeline.figures import Figure
from pipeline.grounding import ground
from pipeline.records import parse_observation
from pipeline.schema import Change, Flow, Metric, Observation, Qualifier, Status


class ExtractionContext(BaseModel):
    """What the validators need: the article and the figures found in it."""

    article_id: str
    article: str
    figures: list[Figure] | None = None

    model_config = ConfigDict(arbitrary_types_allowed=True)


_CURRENT: ContextVar[ExtractionContext | None] = ContextVar("tradex_extraction", default=None)


@contextmanager
def validating_against(context: ExtractionContext) -> Iterator[None]:
    """Validate every model answer inside this block against one article. Each asyncio
    task has its own copy of the variable, so concurrent articles never mix."""
    token = _CURRENT.set(context)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def _context(info: ValidationInfo) -> ExtractionContext | None:
    raw = info.context.get("extraction") if isinstance(info.context, dict) else None
    return raw if isinstance(raw, ExtractionContext) else _CURRENT.get()


class ExtractedObservation(BaseModel):
    """One figure as the model reports it; `article_id` is added by the pipeline."""

    model_config = ConfigDict(extra="forbid")

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

    @field_validator("entity", "partner")
    @classmethod
    def _resolve_alias(cls, value: str | None) -> str | None:
        return None if value is None else (resolve(value) or value)

    def to_observation(self, article_id: str) -> Observation:
        return parse_observation({"article_id": article_id, **self.model_dump(mode="json")})

    @model_validator(mode="after")
    def _valid_and_grounded(self, info: ValidationInfo) -> Self:
        context = _context(info)
        if context is None:
            return self
        try:
            observation = self.to_observation(context.article_id)
        except SchemaError as exc:
            raise ValueError(exc.message) from exc
        result = ground(observation, context.article, context.figures)
        if result.problem is not None:
            raise ValueError(result.problem)
        return self


class Extraction(BaseModel):
    """Every quantitative statement of the article, one observation each."""

    observations: list[ExtractedObservation]


def response_schema() -> dict[str, Any]:
    """The JSON schema the model is asked to fill; part of every prompt hash."""
    return Extraction.model_json_schema()
