"""The LLM extractor: instructor on the openai client, one article at a time.

The transport under the openai client decides where answers come from (a server, the
response store, or both); everything above it -- the openai client, instructor's parsing,
our validators and instructor's re-asks -- runs the same in tests, evals and production.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from urllib.parse import quote, unquote

import httpx2
import instructor
import openai
from openai import AsyncOpenAI
from pydantic import ValidationError

from pipeline.articles import Article
from pipeline.errors import ExtractionError, ReplayMissError, TradexError
from pipeline.extraction import Extraction, ExtractionContext, validating_against
from pipeline.figures import Figure, find_figures
from pipeline.grounding import ground
from pipeline.prompts import Prompt
from pipeline.schema import Observation
from pipeline.store import ARTICLE_HEADER, PROMPT_HASH_HEADER, PROMPT_VERSION_HEADER, RecordingTransport


class InstructorMode(StrEnum):
    TOOLS = "tools"
    JSON_SCHEMA = "json_schema"
    MD_JSON = "md_json"

    def to_instructor(self) -> instructor.Mode:
        return {
            InstructorMode.TOOLS: instructor.Mode.TOOLS,
            InstructorMode.JSON_SCHEMA: instructor.Mode.JSON_SCHEMA,
            InstructorMode.MD_JSON: instructor.Mode.MD_JSON,
        }[self]


@dataclass(frozen=True)
class Settings:
    """How to reach the model. `api_key` is read from the environment and never stored."""

    model: str
    base_url: str | None = None
    api_key: str | None = None
    temperature: float | None = None  # None: the prompt's own
    timeout_s: float = 120.0
    max_retries: int = 2  # instructor re-asks after a validation failure
    http_retries: int = 4  # openai client retries on 429/5xx, honouring Retry-After
    mode: InstructorMode = InstructorMode.TOOLS


@dataclass
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    @classmethod
    def of(cls, usage: Any) -> Usage:
        if usage is None:
            return cls()
        return cls(int(usage.prompt_tokens or 0), int(usage.completion_tokens or 0))


@dataclass
class ArticleResult:
    article_id: str
    observations: list[Observation]
    rows: list[dict[str, Any]]
    usage: Usage = field(default_factory=Usage)
    attempts: int = 1


def output_row(
    observation: Observation,
    article: Article,
    version: str,
    version_hash: str,
    model: str,
    figures: list[Figure] | None = None,
) -> dict[str, Any]:
    """An output row: the wire format plus who produced it and where its evidence stands."""
    span = ground(observation, article.text, figures).span
    return {
        **observation.model_dump(mode="json", exclude={"optional", "note"}),
        "prompt_version": version,
        "prompt_hash": version_hash,
        "model": model,
        "evidence_start": span.start if span else None,
        "evidence_end": span.end if span else None,
        "evidence_match": str(span.kind) if span else None,
    }


def _find_cause(exc: BaseException, kind: type[BaseException]) -> BaseException | None:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def _root_cause(exc: BaseException) -> BaseException:
    seen = {id(exc)}
    while (inner := exc.__cause__ or exc.__context__) is not None and id(inner) not in seen:
        seen.add(id(inner))
        exc = inner
    return exc


def _describe(error: BaseException) -> str:
    """What went wrong, with the file it concerns when there is one (a store folder)."""
    if isinstance(error, TradexError):
        where = error.context.get("file")
        return f"{where}: {error.message}" if where else error.message
    return str(error)


class Extractor:
    def __init__(
        self, prompt: Prompt, settings: Settings, transport: httpx2.AsyncBaseTransport | None
    ) -> None:
        self.prompt, self.settings, self.transport = prompt, settings, transport
        http_client = httpx2.AsyncClient(transport=transport, timeout=settings.timeout_s)
        openai_client = AsyncOpenAI(
            api_key=settings.api_key or "offline-no-key",
            base_url=settings.base_url,
            http_client=http_client,
            max_retries=settings.http_retries,
            timeout=settings.timeout_s,
        )
        self.client = instructor.from_openai(openai_client, mode=settings.mode.to_instructor())
        self.attempts: Counter[str] = Counter()
        self.client.on("completion:kwargs", self._count_attempt)

    def _settle(self, article_id: str, *, last_valid: bool) -> None:
        """Only answers that passed validation stay reusable in the response store."""
        if isinstance(self.transport, RecordingTransport):
            self.transport.settle(article_id, last_valid=last_valid)

    def _count_attempt(self, *args: Any, **kwargs: Any) -> None:
        """Each model call instructor makes (first try or re-ask), per article."""
        headers = kwargs.get("extra_headers") or {}
        self.attempts[unquote(str(headers.get(ARTICLE_HEADER)))] += 1

    def request_kwargs(self, article: Article, figures: list[Figure] | None = None) -> dict[str, Any]:
        params = self.prompt.spec.params
        temperature = self.settings.temperature
        kwargs: dict[str, Any] = {
            "model": self.settings.model,
            "messages": self.prompt.render(article, figures),
            "temperature": params.temperature if temperature is None else temperature,
            "extra_headers": {
                ARTICLE_HEADER: quote(article.id),  # headers are ASCII; ids may not be
                PROMPT_VERSION_HEADER: self.prompt.version,
                PROMPT_HASH_HEADER: self.prompt.hash,
            },
        }
        if params.max_tokens is not None:
            kwargs["max_tokens"] = params.max_tokens
        return kwargs

    async def extract(self, article: Article) -> ArticleResult:
        """Observations of one article; raises ExtractionError or ReplayMissError."""
        figures = find_figures(article.text)
        context = ExtractionContext(article_id=article.id, article=article.text, figures=figures)
        try:
            with validating_against(context):
                result, completion = await self.client.chat.completions.create_with_completion(
                    response_model=Extraction,
                    max_retries=self.settings.max_retries,
                    **self.request_kwargs(article, figures),
                )
        except Exception as exc:  # instructor and openai wrap what went wrong; unwrap it
            self._settle(article.id, last_valid=False)
            raise self._explain(exc, article) from exc
        self._settle(article.id, last_valid=True)
        usage = Usage.of(getattr(result, "_total_usage", None) or completion.usage)
        attempts = self.attempts[article.id]
        observations = [o.to_observation(article.id) for o in result.observations]
        rows = [
            output_row(o, article, self.prompt.version, self.prompt.hash, self.settings.model, figures)
            for o in observations
        ]
        return ArticleResult(article.id, observations, rows, usage, attempts)

    def _explain(self, exc: Exception, article: Article) -> Exception:
        miss = _find_cause(exc, ReplayMissError)
        if isinstance(miss, ReplayMissError):
            return miss
        usage = Usage.of(getattr(exc, "total_usage", None))
        attempts = self.attempts[article.id]
        invalid = _find_cause(exc, ValidationError)
        root = invalid or _find_cause(exc, TradexError) or _find_cause(exc, openai.APIError)
        root = root or _root_cause(exc)
        kind = "validation" if invalid is not None else type(root).__name__
        message = _describe(root).splitlines() or [repr(root)]
        text = " ".join(line.strip() for line in message if "errors.pydantic.dev" not in line)
        tries = (
            self.transport.http_tries[article.id] if isinstance(self.transport, RecordingTransport) else None
        )
        counted = f"{attempts} attempt(s)" + (f", {tries} HTTP request(s)" if tries is not None else "")
        return ExtractionError(
            f"{kind} failed after {counted}: {text[:500]}",
            article_id=article.id,
            prompt_version=self.prompt.version,
            error_type=kind,
            attempts=attempts,
            http_tries=tries,
            prompt_tokens=usage.prompt_tokens,
            completion_tokens=usage.completion_tokens,
        )
