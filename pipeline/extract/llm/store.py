"""Recorded chat-completion responses, served at the HTTP layer.

`RecordingTransport` is an httpx2 transport: the real openai client (and whatever parses
its answers) runs unchanged above it, whether the answer comes from the store or from a
server. The store keeps the raw response JSON, not a parsed result, so validators can
change and be re-run offline. It knows nothing of instructor or prompts beyond three
request headers the caller sets (article, prompt version, prompt hash), which it strips
before anything is forwarded.

No request header is ever written, so no API key or organisation id can reach the disk.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import re
import time
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import httpx2
from pydantic import BaseModel, ConfigDict, ValidationError

from pipeline.core.errors import InputError, MalformedResponseError, ReplayMissError
from pipeline.extract.choices import InstructorMode
from pipeline.extract.llm.ratelimit import RateGate
from pipeline.io.jsonl import validation_message, write_text_atomic

ARTICLE_HEADER = "x-tradex-article"
PROMPT_VERSION_HEADER = "x-tradex-prompt-version"
PROMPT_HASH_HEADER = "x-tradex-prompt-hash"
_OUR_HEADERS = (ARTICLE_HEADER, PROMPT_VERSION_HEADER, PROMPT_HASH_HEADER)
_KEPT_RESPONSE_HEADERS = ("content-type",)
# Text that varies with library versions but not with what the model is asked.
_VOLATILE = re.compile(r"\n? *For further information visit https://errors\.pydantic\.dev/\S+")
_VOLATILE_MARK = b"errors.pydantic.dev"  # in the raw request whenever _VOLATILE can match


class StoreMode(StrEnum):
    REPLAY = "replay"  # offline: a miss is an error
    RECORD = "record"  # always call the server and store the answer
    AUTO = "auto"  # use the store, call the server on a miss
    CAPTURE = "capture"  # offline: a miss is queued as a request for a provider's Batch API


class Source(StrEnum):
    MODEL = "model"
    HAND_WRITTEN = "hand-written"


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return _VOLATILE.sub("", value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def canonical_body(body: dict[str, Any], raw: bytes | None = None) -> dict[str, Any]:
    """The request body with version-dependent text removed from every string, as it is
    keyed and stored. Given the raw request, a body without such text is returned as is."""
    if raw is not None and _VOLATILE_MARK not in raw:
        return body
    cleaned: dict[str, Any] = _clean(body)
    return cleaned


def request_key(
    path: str, body: dict[str, Any], prompt_version: str, prompt_hash: str, raw: bytes | None = None
) -> str:
    """Hash of exactly what determines the answer: endpoint, model, messages, schema,
    parameters (all in the body), and the prompt version and hash."""
    payload = {
        "path": path,
        "body": canonical_body(body, raw),
        "prompt_version": prompt_version,
        "prompt_hash": prompt_hash,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:24]


class StoreSettings(BaseModel):
    """`store.toml` at a store's root: the request settings its answers were recorded with,
    which a replay must repeat to ask the same questions (they are part of every key)."""

    model_config = ConfigDict(extra="forbid")

    description: str | None = None
    model: str | None = None
    max_tokens: int | None = None
    temperature: float | None = None
    mode: InstructorMode | None = None
    max_retries: int | None = None


@dataclass(frozen=True)
class Recording:
    key: str
    status: int
    body: dict[str, Any]
    provenance: dict[str, Any]


class ResponseStore:
    """One JSON file per exchange: <root>/<prompt_version>/<article_id>/<key>.json."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, prompt_version: str, article_id: str, key: str, *, rejected: bool = False) -> Path:
        name = f"{key}.rejected.json" if rejected else f"{key}.json"
        return self.root / prompt_version / article_id / name

    def get(
        self, prompt_version: str, article_id: str, key: str, *, include_rejected: bool = False
    ) -> Recording | None:
        """The stored answer to a request. Answers the caller rejected are kept for the
        record and replayed only when asked (an offline replay of a re-ask sequence)."""
        path = self._path(prompt_version, article_id, key)
        if not path.exists() and include_rejected:
            path = self._path(prompt_version, article_id, key, rejected=True)
        if not path.exists():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return Recording(key, data["response"]["status"], data["response"]["body"], data["provenance"])
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(f"corrupt recorded response: {exc}", file=str(path)) from exc

    def put(self, path_: str, request_body: dict[str, Any], recording: Recording) -> Path:
        meta = recording.provenance
        path = self._path(meta["prompt_version"], meta["article_id"], recording.key)
        document = {
            "key": recording.key,
            "provenance": meta,
            "request": {"path": path_, "body": canonical_body(request_body)},
            "response": {"status": recording.status, "body": recording.body},
        }
        try:  # an answer a crash loses is asked for again
            write_text_atomic(path, json.dumps(document, indent=1, ensure_ascii=False) + "\n", durable=False)
        except OSError as exc:
            raise InputError(
                f"cannot write the response store: {exc.strerror or exc}", file=str(path)
            ) from exc
        return path

    def reject(self, prompt_version: str, article_id: str, key: str) -> None:
        """Set an answer aside: a later live run asks again instead of reusing it."""
        path = self._path(prompt_version, article_id, key)
        with contextlib.suppress(FileNotFoundError):  # never stored, or set aside by a run sharing the store
            path.replace(self._path(prompt_version, article_id, key, rejected=True))

    def recorded_articles(self, prompt_version: str) -> set[str]:
        """Ids of the articles that have at least one stored exchange for a version."""
        folder = self.root / prompt_version
        if not folder.is_dir():
            return set()
        return {p.name for p in folder.iterdir() if p.is_dir() and any(p.glob("*.json"))}

    def recordings(self) -> list[Path]:
        """Every stored exchange; folders named with a dot (cached rows) are not the store's."""
        return sorted(p for p in self.root.glob("*/*/*.json") if not p.parts[-3].startswith("."))

    def settings(self) -> StoreSettings:
        path = self.root / "store.toml"
        if not path.exists():
            return StoreSettings()
        try:
            return StoreSettings.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
        except tomllib.TOMLDecodeError as exc:
            raise InputError(f"not valid TOML: {exc}", file=str(path)) from exc
        except ValidationError as exc:
            raise InputError(f"invalid store settings: {validation_message(exc)}", file=str(path)) from exc


@dataclass(frozen=True)
class PendingRequest:
    """A request no stored answer meets yet, as a Batch API line will carry it."""

    article_id: str
    prompt_version: str
    prompt_hash: str
    key: str
    path: str
    body: dict[str, Any]


@dataclass
class ExchangeStats:
    """Per-article tally: calls served, their (recorded) latency, where answers came from."""

    calls: int = 0
    latency_s: float = 0.0
    sources: set[str] = field(default_factory=set)
    models: set[str] = field(default_factory=set)  # as the serving model named itself


# far above any chat completion (a 200,000-character article's answer is well under 1 MiB):
# a broken or hostile server's endless body is cut here, not held whole and stored
MAX_ANSWER_BYTES = 16 * 1024 * 1024


async def _read_capped(response: httpx2.Response, article: str) -> bytes:
    """The answer's body, decoded, refused once it grows past MAX_ANSWER_BYTES."""
    chunks, size = [], 0
    try:
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > MAX_ANSWER_BYTES:
                raise MalformedResponseError(
                    f"the server's answer is over {MAX_ANSWER_BYTES // 2**20} MiB; no chat completion is",
                    article_id=article,
                )
            chunks.append(chunk)
    finally:
        await response.aclose()
    return b"".join(chunks)


def _answer(raw: bytes, article: str) -> dict[str, Any]:
    try:
        answer = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise MalformedResponseError(
            f"the server's answer is not JSON ({exc.msg} at character {exc.pos}): {raw[:80]!r}",
            article_id=article,
        ) from exc
    if not isinstance(answer, dict):
        raise MalformedResponseError(
            f"the server's answer is not a JSON object: {raw[:80]!r}", article_id=article
        )
    return answer


class RecordingTransport(httpx2.AsyncBaseTransport):
    """Serve chat completions from the store, or from `upstream` while recording them."""

    def __init__(
        self,
        store: ResponseStore,
        mode: StoreMode,
        upstream: httpx2.AsyncBaseTransport | None = None,
        source: Source = Source.MODEL,
        note: str | None = None,
        record_hint: Callable[[str, str], str] = lambda article, version: "",
        gate: RateGate | None = None,
        recorded_with: dict[str, str] | None = None,
    ) -> None:
        if mode in (StoreMode.RECORD, StoreMode.AUTO) and upstream is None:
            raise ValueError(f"store mode {mode} needs an upstream transport")
        self.store, self.mode, self.upstream = store, mode, upstream
        self.gate = gate or RateGate()  # paces calls to the server, never answers from the store
        self.source, self.note, self.record_hint = source, note, record_hint
        self.recorded_with = recorded_with or {}  # what served the answers: model file, server
        self.stats: dict[str, ExchangeStats] = {}
        self.answered: dict[str, list[tuple[str, str]]] = {}  # article -> (version, key) in order
        self.http_tries: Counter[str] = Counter()  # every request, retries of a failed one included
        self.pending: list[PendingRequest] = []  # CAPTURE: the misses, in the order asked

    def settle(self, article: str, *, last_valid: bool) -> None:
        """The caller's verdict on an article's answers: every answer before the last was
        rejected (it was asked again), and the last one too unless it was valid. Rejected
        answers are kept but never reused by a live run; a replay leaves its store as is."""
        answered = self.answered.pop(article, [])
        if self.mode == StoreMode.REPLAY:
            return
        for version, key in answered if not last_valid else answered[:-1]:
            self.store.reject(version, article, key)

    def _note(self, article: str, latency: object, source: object, model: object) -> None:
        stats = self.stats.setdefault(article, ExchangeStats())
        stats.calls += 1
        stats.latency_s += float(latency) if isinstance(latency, int | float) else 0.0
        if isinstance(source, str):
            stats.sources.add(source)
        # an answer written by hand names the model it imitates; no model served it
        if source == Source.MODEL and isinstance(model, str):
            stats.models.add(model)

    def note_reused(self, article: str, sources: list[str], models: list[str]) -> None:
        """Where the answers behind reused rows came from, as if they had been served."""
        stats = self.stats.setdefault(article, ExchangeStats())
        stats.sources.update(sources)
        stats.models.update(models)

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        article = unquote(request.headers.get(ARTICLE_HEADER, "_unknown"))
        version = request.headers.get(PROMPT_VERSION_HEADER, "_unversioned")
        prompt_hash = request.headers.get(PROMPT_HASH_HEADER, "")
        self.http_tries[article] += 1
        content = await request.aread()
        body = json.loads(content) if content else {}
        key = request_key(request.url.path, body, version, prompt_hash, content)
        if self.mode != StoreMode.RECORD:
            # replay and capture walk a stored re-ask sequence, rejected answers included
            sequence = self.mode in (StoreMode.REPLAY, StoreMode.CAPTURE)
            hit = self.store.get(version, article, key, include_rejected=sequence)
            if hit is not None:
                meta = hit.provenance
                self._note(article, meta.get("latency_s"), meta.get("source"), meta.get("model"))
                self.answered.setdefault(article, []).append((version, key))
                return httpx2.Response(hit.status, json=hit.body)
        if self.mode == StoreMode.CAPTURE:
            self.pending.append(PendingRequest(article, version, prompt_hash, key, request.url.path, body))
            raise ReplayMissError(
                f"article {article!r} waits for a batch answer to request {key}",
                article_id=article,
                prompt_version=version,
            )
        if self.mode == StoreMode.REPLAY or self.upstream is None:
            hint = self.record_hint(article, version)
            raise ReplayMissError(
                f"no recorded response for article {article!r} with prompt {version} "
                f"({prompt_hash}), key {key} in {self.store.root}. {hint}",
                article_id=article,
                prompt_version=version,
            )
        return await self._forward(request, content, body, key, article, version, prompt_hash)

    async def _forward(
        self,
        request: httpx2.Request,
        content: bytes,
        body: dict[str, Any],
        key: str,
        article: str,
        version: str,
        prompt_hash: str,
    ) -> httpx2.Response:
        assert self.upstream is not None
        headers = [(k, v) for k, v in request.headers.multi_items() if k.lower() not in _OUR_HEADERS]
        # the extensions carry the client's timeout: a rebuilt request without them would wait forever
        outgoing = httpx2.Request(
            request.method, request.url, headers=headers, content=content, extensions=request.extensions
        )
        async with self.gate.slot():
            started = time.perf_counter()
            response = await self.upstream.handle_async_request(outgoing)
            raw = await _read_capped(response, article)
            latency = time.perf_counter() - started
            answer = _answer(raw, article) if response.status_code == 200 else {}
            usage = answer.get("usage")
            tokens = int(usage.get("total_tokens") or 0) if isinstance(usage, dict) else 0
            self.gate.observe(response.status_code, response.headers, tokens)
        self._note(
            article, latency if self.source == Source.MODEL else None, str(self.source), answer.get("model")
        )
        kept = {k: v for k, v in response.headers.items() if k.lower() in _KEPT_RESPONSE_HEADERS}
        if response.status_code == 200:
            provenance = {
                "source": str(self.source),
                "model": answer.get("model") or body.get("model"),
                "requested_model": body.get("model"),
                "prompt_version": version,
                "prompt_hash": prompt_hash,
                "article_id": article,
                "recorded_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "latency_s": round(latency, 3) if self.source == Source.MODEL else None,
                "usage": answer.get("usage"),
                **({"note": self.note} if self.note else {}),
                **({"recorded_with": self.recorded_with} if self.recorded_with else {}),
            }
            recording = Recording(key, 200, answer, provenance)
            # writing (a JSON dump and a rename) runs in a thread, off the loop the other
            # articles' calls share; a read of one small file is cheaper inline than handed off
            await asyncio.to_thread(self.store.put, request.url.path, body, recording)
            self.answered.setdefault(article, []).append((version, key))
        passthrough = {
            k: v for k, v in response.headers.items() if k.lower() in ("retry-after", "retry-after-ms")
        }
        return httpx2.Response(response.status_code, headers={**kept, **passthrough}, content=raw)
