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

from instructor import OpenAISchema
from pydantic import BaseModel, ConfigDict, PrivateAttr, field_validator, model_validator

from pipeline.core.entities import resolve
from pipeline.core.errors import SchemaError
from pipeline.core.schema import Observation, ObservationFields
from pipeline.io.jsonl import parse_observation
from pipeline.numbers.figures import Figure
from pipeline.numbers.grounding import Grounding, ground, settled


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
        self._checked = (settled(observation, grounding, context.article), grounding)
        return self

    def checked(self) -> tuple[Observation, Grounding]:
        """The wire observation and its grounding, as validation found them: nothing is
        parsed or grounded twice."""
        if self._checked is None:
            raise RuntimeError("an answer used before it was validated against its article")
        return self._checked


class Extraction(OpenAISchema):
    """Every quantitative statement of the article, one observation each."""

    # Instructor's own base class: given a plain model, instructor wraps it in a new class
    # on every call and so rebuilds its JSON schema for every request.

    observations: list[ExtractedObservation]


def response_schema() -> dict[str, Any]:
    """The JSON schema the model is asked to fill; part of every prompt hash."""
    return Extraction.model_json_schema()
