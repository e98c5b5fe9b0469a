"""Where answers come from: recorded responses (`replay`), an OpenAI-compatible server
(`openai`, storing what it answers), or no model at all (`rules`). Builds the extractor a
run or an evaluation uses; `rules` is also a pseudo prompt version in score tables."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from pipeline.core.errors import InputError, ReplayMissError
from pipeline.extract.choices import RULES_VERSION, Backend, InstructorMode
from pipeline.extract.result import ArticleResult
from pipeline.extract.rules import RULES_HASH, RulesExtractor
from pipeline.io.articles import Article

if TYPE_CHECKING:  # the LLM path (openai above all) is imported only by runs that use it
    from pipeline.extract.llm.client import Extractor
    from pipeline.extract.llm.prompts import Prompt
    from pipeline.extract.llm.store import ExchangeStats, RecordingTransport


@dataclass(frozen=True, kw_only=True)
class BackendOptions:
    """How to reach answers. Paths and environment are resolved by the caller (the CLI):
    nothing here reads the current folder or the environment."""

    backend: Backend
    store: Path  # the response store: replayed from, and recorded into by live runs
    record: bool = False  # with openai: call even when a response is stored, and store it
    model: str | None = None  # None: the prompt's own
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)  # kept in memory only
    temperature: float | None = None
    max_tokens: int | None = None  # None: the prompt's own
    timeout_s: float = 120.0
    http_retries: int = 4  # live: the openai client's retries of a 429, a 5xx or a timeout
    max_retries: int | None = None  # re-asks; None: 2 (or what a replayed store was recorded with)
    mode: InstructorMode | None = None  # None: tools (or what a replayed store was recorded with)
    fallback_to_rules: bool = False  # replay: articles with no recording go to the rules
    tokens_per_minute: int | None = None  # live: hold new calls once the last minute used this
    provenance: tuple[tuple[str, str], ...] = ()  # live: added to each recorded answer's provenance


UPSTREAM_CONNECTIONS = 256
DEFAULT_MAX_RETRIES = 2


def record_hint(article: str, version: str) -> str:
    return (
        f"Record it with: OPENAI_API_KEY=... tradex extract <input> --prompt {version} "
        f"--backend openai --store <this store> (article {article})"
    )


def make_transport(options: BackendOptions) -> RecordingTransport:
    from pipeline.extract.llm.pools import PooledTransport
    from pipeline.extract.llm.ratelimit import RateGate
    from pipeline.extract.llm.store import RecordingTransport, ResponseStore, StoreMode

    store = ResponseStore(options.store)
    if options.backend == Backend.REPLAY:
        return RecordingTransport(store, StoreMode.REPLAY, record_hint=record_hint)
    mode = StoreMode.RECORD if options.record else StoreMode.AUTO
    # keep every connection a busy run opens alive, rather than reconnect past the default 20
    upstream = PooledTransport(UPSTREAM_CONNECTIONS)
    gate = RateGate(tokens_per_minute=options.tokens_per_minute)
    return RecordingTransport(
        store,
        mode,
        upstream=upstream,
        record_hint=record_hint,
        gate=gate,
        recorded_with=dict(options.provenance),
    )


def is_local(base_url: str | None) -> bool:
    host = urlsplit(base_url).hostname if base_url else None
    return host is not None and (host in ("localhost", "::1") or host.startswith("127."))


def make_extractor(prompt: Prompt, options: BackendOptions, transport: RecordingTransport) -> Extractor:
    """The extractor for a prompt. A live run without a key stops here, before any call,
    unless the server is local."""
    from pipeline.extract.llm.client import Extractor, Settings
    from pipeline.extract.llm.rowcache import RowCache

    live = options.backend == Backend.OPENAI
    if live and not options.api_key and not is_local(options.base_url):
        raise InputError(
            "OPENAI_API_KEY is not set: export it, or set OPENAI_BASE_URL to a local server that needs none"
        )
    settings = Settings(
        model=options.model or prompt.spec.params.model,
        base_url=options.base_url,
        api_key=options.api_key if live else None,
        temperature=options.temperature,
        max_tokens=options.max_tokens,
        timeout_s=options.timeout_s,
        max_retries=DEFAULT_MAX_RETRIES if options.max_retries is None else options.max_retries,
        http_retries=0 if options.backend == Backend.REPLAY else options.http_retries,
        mode=options.mode or InstructorMode.TOOLS,
    )
    # a live run reuses the rows of answers it already validated; `record` asks again
    rows = RowCache(options.store) if live and not options.record else None
    return Extractor(prompt, settings, transport, rows)


class FallbackExtractor:
    """Replay where a recording exists, the rules where none does (rows say which)."""

    def __init__(self, primary: Extractor) -> None:
        self.primary, self.rules = primary, RulesExtractor()
        self.fallbacks: list[str] = []

    async def extract(self, article: Article) -> ArticleResult:
        try:
            return await self.primary.extract(article)
        except ReplayMissError:
            self.fallbacks.append(article.id)
            return await self.rules.extract(article)


@dataclass
class VersionExtractor:
    """An extractor with the identity that goes into rows, manifests and score tables."""

    version: str
    hash: str
    model: str
    extractor: Extractor | RulesExtractor | FallbackExtractor
    transport: RecordingTransport | None = None

    def stats(self) -> dict[str, ExchangeStats]:
        return self.transport.stats if self.transport is not None else {}

    def mode(self) -> InstructorMode | None:
        """The structured-output mode in use (auto settles on one); None for the rules."""
        llm = self.extractor.primary if isinstance(self.extractor, FallbackExtractor) else self.extractor
        return None if isinstance(llm, RulesExtractor) else llm.mode


def as_recorded(options: BackendOptions) -> BackendOptions:
    """Replay settings the caller left unset from the store's `store.toml`, so a replay
    asks exactly what was recorded (model, answer length, temperature, mode)."""
    from pipeline.extract.llm.store import ResponseStore

    recorded = ResponseStore(options.store).settings()
    return replace(
        options,
        model=options.model or recorded.model,
        max_tokens=options.max_tokens or recorded.max_tokens,
        temperature=options.temperature if options.temperature is not None else recorded.temperature,
        mode=options.mode or recorded.mode,
        max_retries=options.max_retries if options.max_retries is not None else recorded.max_retries,
    )


def make_version_extractor(version: str, options: BackendOptions, prompts_dir: Path) -> VersionExtractor:
    """`rules` (as a version or a backend) needs no prompt; anything else is a prompt file."""
    if version == RULES_VERSION or options.backend == Backend.RULES:
        return VersionExtractor(RULES_VERSION, RULES_HASH, "rules", RulesExtractor())
    from pipeline.extract.llm.prompts import load_prompt

    prompt = load_prompt(version, prompts_dir)
    if options.backend == Backend.REPLAY:
        options = as_recorded(options)
    transport = make_transport(options)
    extractor = make_extractor(prompt, options, transport)
    chosen: Extractor | FallbackExtractor = (
        FallbackExtractor(extractor) if options.fallback_to_rules else extractor
    )
    return VersionExtractor(prompt.version, prompt.hash, extractor.settings.model, chosen, transport)


def make_capturing_extractor(version: str, options: BackendOptions, prompts_dir: Path) -> VersionExtractor:
    """An offline extractor that walks the stored answers of each article and queues the
    first request none meets (a first ask, or a re-ask after an invalid answer) in its
    transport's `pending`, for a provider's Batch API to answer."""
    from pipeline.extract.llm.prompts import load_prompt
    from pipeline.extract.llm.store import RecordingTransport, ResponseStore, StoreMode

    prompt = load_prompt(version, prompts_dir)
    transport = RecordingTransport(ResponseStore(options.store), StoreMode.CAPTURE)
    extractor = make_extractor(prompt, replace(options, backend=Backend.REPLAY), transport)
    return VersionExtractor(prompt.version, prompt.hash, extractor.settings.model, extractor, transport)
