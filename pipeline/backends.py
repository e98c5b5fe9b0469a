"""Where answers come from: recorded responses (`replay`) or an OpenAI-compatible server
(`openai`, storing what it answers). Builds the extractor a run uses."""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import httpx2

from pipeline.extractor import Extractor, InstructorMode, Settings
from pipeline.prompts import Prompt
from pipeline.store import RecordingTransport, ResponseStore, StoreMode

DEFAULT_STORE = Path("evals/recordings")


class Backend(StrEnum):
    REPLAY = "replay"
    OPENAI = "openai"


@dataclass(frozen=True)
class BackendOptions:
    backend: Backend
    store: Path = DEFAULT_STORE
    record: bool = False  # with openai: call even when a response is stored, and store it
    model: str | None = None
    base_url: str | None = None
    temperature: float | None = None
    timeout_s: float = 120.0
    max_retries: int = 2
    mode: InstructorMode = InstructorMode.TOOLS


def record_hint(article: str, version: str) -> str:
    return (
        f"Record it with: OPENAI_API_KEY=... tradex extract <input> --prompt {version} "
        f"--backend openai --record (article {article})"
    )


def make_transport(options: BackendOptions) -> RecordingTransport:
    store = ResponseStore(options.store)
    if options.backend == Backend.REPLAY:
        return RecordingTransport(store, StoreMode.REPLAY, record_hint=record_hint)
    mode = StoreMode.RECORD if options.record else StoreMode.AUTO
    return RecordingTransport(store, mode, upstream=httpx2.AsyncHTTPTransport(), record_hint=record_hint)


def make_extractor(prompt: Prompt, options: BackendOptions, transport: RecordingTransport) -> Extractor:
    """The extractor for a prompt; key and server come from the environment, never a file."""
    settings = Settings(
        model=options.model or os.environ.get("TRADEX_MODEL") or prompt.spec.params.model,
        base_url=options.base_url or os.environ.get("OPENAI_BASE_URL"),
        api_key=os.environ.get("OPENAI_API_KEY") if options.backend == Backend.OPENAI else None,
        temperature=options.temperature,
        timeout_s=options.timeout_s,
        max_retries=options.max_retries,
        http_retries=0 if options.backend == Backend.REPLAY else 4,
        mode=options.mode,
    )
    return Extractor(prompt, settings, transport)
