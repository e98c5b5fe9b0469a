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

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from pipeline.core.entities import resolve
from pipeline.core.errors import SchemaError
from pipeline.core.schema import Change, Flow, Metric, Observation, ObservationFields, Qualifier, Status
from pipeline.io.jsonl import parse_observation
from pipeline.numbers.figures import Figure
from pipeline.numbers.grounding import Grounding, ground


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


class ExtractedObservation(ObservationFields):
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

    _checked: tuple[Observation, Grounding] | None = PrivateAttr(None)

    @model_validator(mode="after")
    def _valid_and_grounded(self) -> Self:
        context = _CURRENT.get()
        if context is None:
            return self
        try:
            observation = parse_observation(
                {"article_id": context.article_id, **self.model_dump(mode="json")}
            )
        except SchemaError as exc:
            raise ValueError(exc.message) from exc
        grounding = ground(observation, context.article, context.figures)
        if grounding.problem is not None:
            raise ValueError(grounding.problem)
        self._checked = (observation, grounding)
        return self

    def checked(self) -> tuple[Observation, Grounding]:
        """The wire observation and its grounding, as validation found them: nothing is
        parsed or grounded twice."""
        if self._checked is None:
            raise RuntimeError("an answer used before it was validated against its article")
        return self._checked


class Extraction(BaseModel):
    """Every quantitative statement of the article, one observation each."""

    observations: list[ExtractedObservation]


def response_schema() -> dict[str, Any]:
    """The JSON schema the model is asked to fill; part of every prompt hash."""
    return Extraction.model_json_schema()
