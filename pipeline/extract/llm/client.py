"""The LLM extractor: instructor on the openai client, one article at a time.

The transport under the openai client decides where answers come from (a server, the
response store, or both); everything above it -- the openai client, instructor's parsing,
our validators and instructor's re-asks -- runs the same in tests, evals and production.
"""

from __future__ import annotations

import asyncio
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import quote

import httpx2
import instructor
import openai
from instructor.core.exceptions import InstructorRetryException
from instructor.core.hooks import Hooks
from openai import AsyncOpenAI
from pydantic import ValidationError

from pipeline.core.errors import ExtractionError, ReplayMissError, TradexError, redact
from pipeline.core.usage import Usage
from pipeline.extract.choices import InstructorMode
from pipeline.extract.llm.diagnose import UNSUPPORTED, Diagnosis, diagnose_answer, diagnose_refusal
from pipeline.extract.llm.prompts import Prompt
from pipeline.extract.llm.response import Extraction, ExtractionContext, validating_against
from pipeline.extract.llm.rowcache import CachedRows, RowCache
from pipeline.extract.llm.store import (
    ARTICLE_HEADER,
    PROMPT_HASH_HEADER,
    PROMPT_VERSION_HEADER,
    RecordingTransport,
)
from pipeline.extract.result import ArticleResult, output_row
from pipeline.io.articles import Article
from pipeline.io.rows import OutputRow
from pipeline.numbers.figures import Figure, find_figures

_INSTRUCTOR_MODES = {
    InstructorMode.TOOLS: instructor.Mode.TOOLS,
    InstructorMode.JSON_SCHEMA: instructor.Mode.JSON_SCHEMA,
    InstructorMode.MD_JSON: instructor.Mode.MD_JSON,
}


_FALLBACKS = {
    InstructorMode.TOOLS: InstructorMode.JSON_SCHEMA,
    InstructorMode.JSON_SCHEMA: InstructorMode.MD_JSON,
}


@dataclass(frozen=True)
class Settings:
    """How to reach the model. `api_key` is read from the environment and never stored."""

    model: str
    base_url: str | None = None
    api_key: str | None = None
    temperature: float | None = None  # None: the prompt's own
    max_tokens: int | None = None  # None: the prompt's own
    timeout_s: float = 120.0
    max_retries: int = 2  # instructor re-asks after a validation failure
    http_retries: int = 4  # openai client retries on 429/5xx, honouring Retry-After
    mode: InstructorMode = InstructorMode.TOOLS


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
    if isinstance(error, openai.APIConnectionError):  # "Connection error." alone names no server
        cause = str(error.__cause__ or "").strip()
        return f"{error.message} {error.request.method} {error.request.url}" + (
            f" ({cause})" if cause else ""
        )
    return str(error)


@dataclass
class _Calls:
    """The model calls instructor makes for one article (the first try and each re-ask) and
    the tokens they used, counted through hooks passed with that call alone."""

    attempts: int = 0
    usage: Usage = field(default_factory=Usage)
    last: Any = None  # the last completion, to name why it failed

    def hooks(self) -> Hooks:
        hooks = Hooks()
        hooks.on("completion:kwargs", self._attempt)
        hooks.on("completion:response", self._response)
        return hooks

    def _attempt(self, *args: Any, **kwargs: Any) -> None:
        self.attempts += 1

    def _response(self, response: Any) -> None:
        self.usage += Usage.of(getattr(response, "usage", None))
        self.last = response


class Extractor:
    def __init__(
        self,
        prompt: Prompt,
        settings: Settings,
        transport: httpx2.AsyncBaseTransport | None,
        rows: RowCache | None = None,
    ) -> None:
        self.prompt, self.settings, self.transport, self.rows = prompt, settings, transport, rows
        http_client = httpx2.AsyncClient(transport=transport, timeout=settings.timeout_s)
        self.openai = AsyncOpenAI(
            api_key=settings.api_key or "offline-no-key",
            base_url=settings.base_url,
            http_client=http_client,
            max_retries=settings.http_retries,
            timeout=settings.timeout_s,
        )
        # auto starts with tools; `mode` is the one in use, which the manifest records
        self.mode: InstructorMode = (
            InstructorMode.TOOLS if settings.mode == InstructorMode.AUTO else settings.mode
        )
        self._clients: dict[InstructorMode, instructor.AsyncInstructor] = {}

    def _client(self, mode: InstructorMode) -> instructor.AsyncInstructor:
        if mode not in self._clients:
            client = instructor.from_openai(self.openai, mode=_INSTRUCTOR_MODES[mode])
            assert isinstance(client, instructor.AsyncInstructor)
            self._clients[mode] = client
        return self._clients[mode]

    def _settle(self, article_id: str, *, last_valid: bool) -> None:
        """Only answers that passed validation stay reusable in the response store."""
        if isinstance(self.transport, RecordingTransport):
            self.transport.settle(article_id, last_valid=last_valid)

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
        max_tokens = self.settings.max_tokens or params.max_tokens
        if max_tokens is not None:
            kwargs["max_tokens"] = max_tokens
        return kwargs

    async def extract(self, article: Article) -> ArticleResult:
        """Observations of one article; raises ExtractionError or ReplayMissError. Rows an
        earlier run validated for the same request and code are reused as they are."""
        if self.rows is None:
            return await self._extract_any_mode(article)
        key = self.rows.key(self._identity(article))
        cached = self.rows.get(self.prompt.version, key, self.settings.model, self.prompt.hash)
        if cached is not None:
            if isinstance(self.transport, RecordingTransport):
                self.transport.note_reused(article.id, cached.sources, cached.models)
            return ArticleResult(article.id, cached.rows, cached.usage, cached.attempts)
        result = await self._extract_any_mode(article)
        stats = (
            self.transport.stats.get(article.id) if isinstance(self.transport, RecordingTransport) else None
        )
        sources = sorted(stats.sources) if stats is not None else []
        models = sorted(stats.models) if stats is not None else []
        entry = CachedRows(result.rows, result.usage, result.attempts, sources, models)
        await asyncio.to_thread(self.rows.put, self.prompt.version, key, entry)
        return result

    def _identity(self, article: Article) -> dict[str, Any]:
        """What shapes an article's rows besides the code: where the answer is sent and how
        long the server takes does not."""
        settings = {
            k: v
            for k, v in asdict(self.settings).items()
            if k not in ("api_key", "base_url", "timeout_s", "http_retries")
        }
        return {
            "prompt": [self.prompt.version, self.prompt.hash],
            "settings": settings,
            "article": [article.id, article.text],
        }

    async def _extract_any_mode(self, article: Article) -> ArticleResult:
        """In auto mode, a server that refuses the mode in use moves every later call to the next."""
        while True:
            mode = self.mode
            try:
                return await self._extract(article, mode)
            except ExtractionError as exc:
                following = _FALLBACKS.get(mode)
                if self.settings.mode != InstructorMode.AUTO or exc.cause != UNSUPPORTED or following is None:
                    raise
                if self.mode == mode:  # another article may have moved on already
                    self.mode = following

    async def _extract(self, article: Article, mode: InstructorMode) -> ArticleResult:
        figures = find_figures(article.text)
        context = ExtractionContext(article_id=article.id, article=article.text, figures=figures)
        calls = _Calls()
        try:
            with validating_against(context):
                extraction: Extraction = await self._client(mode).chat.completions.create(
                    response_model=Extraction,
                    max_retries=self.settings.max_retries,
                    hooks=calls.hooks(),
                    **self.request_kwargs(article, figures),
                )
        except Exception as exc:  # instructor and openai wrap what went wrong; unwrap it
            self._settle(article.id, last_valid=False)
            raise self._explain(exc, article, calls, mode) from exc
        self._settle(article.id, last_valid=True)
        facts: dict[tuple[object, ...], OutputRow] = {}
        for answer in extraction.observations:  # a fact the model states twice is one row
            row = output_row(*answer.checked(), self.prompt.version, self.prompt.hash, self.settings.model)
            facts.setdefault(row.observation.fact(), row)
        return ArticleResult(article.id, list(facts.values()), calls.usage, calls.attempts)

    def _diagnose(
        self, root: BaseException, calls: _Calls, attempts: int, mode: InstructorMode
    ) -> Diagnosis | None:
        """The real cause behind a validation or server error, when the answer shows it."""
        if isinstance(root, openai.APIStatusError):
            return diagnose_refusal(mode, root.status_code, str(root.message))
        if isinstance(root, TradexError):
            return None
        invalid = root.errors() if isinstance(root, ValidationError) else []
        json_errors = [e["msg"] for e in invalid if e["type"] == "json_invalid"]
        completion = calls.last.model_dump() if calls.last is not None else None
        max_tokens = self.settings.max_tokens or self.prompt.spec.params.max_tokens
        return diagnose_answer(completion, max_tokens, json_errors[0] if json_errors else None, attempts - 1)

    def _explain(self, exc: Exception, article: Article, calls: _Calls, mode: InstructorMode) -> Exception:
        miss = _find_cause(exc, ReplayMissError)
        if isinstance(miss, ReplayMissError):
            return miss
        retried = _find_cause(exc, InstructorRetryException)
        if isinstance(retried, InstructorRetryException):  # instructor's own count of what failed
            attempts, usage = retried.n_attempts, Usage.of(retried.total_usage)
        else:
            attempts, usage = calls.attempts, calls.usage
        invalid = _find_cause(exc, ValidationError)
        root = invalid or _find_cause(exc, TradexError) or _find_cause(exc, openai.APIError)
        root = root or _root_cause(exc)
        kind = "validation" if invalid is not None else type(root).__name__
        message = _describe(root).splitlines() or [repr(root)]
        text = " ".join(line.strip() for line in message if "errors.pydantic.dev" not in line)
        trickled = "no whole answer" in text  # the pool's own timeout already names its limit
        if isinstance(root, openai.APITimeoutError) and not trickled:
            text += f" (no answer within --timeout {self.settings.timeout_s:g} s)"
        text = redact(text, self.settings.api_key)  # a server may quote the key back in its error
        named = self._diagnose(root, calls, attempts, mode)
        tries = (
            self.transport.http_tries[article.id] if isinstance(self.transport, RecordingTransport) else None
        )
        counted = f"{attempts} attempt(s)" + (f", {tries} HTTP request(s)" if tries is not None else "")
        summary = f"{kind} failed after {counted}" if named is None else f"{named.reason}; {counted}"
        return ExtractionError(
            f"{summary}: {text[:500]}",
            cause=kind if named is None else named.cause,
            attempts=attempts,
            usage=usage,
            article_id=article.id,
            prompt_version=self.prompt.version,
            http_tries=tries,
        )
