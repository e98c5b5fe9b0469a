"""Rows a live run already validated, so repeating a job costs no model call and no
parsing: a hit skips rendering, the openai client and instructor, and rebuilds the rows
from what the first run wrote.

An entry is keyed by everything that shapes an article's rows: the prompt (version and
hash), the request settings, the article (id and text), and the code between the article
and its rows, request rendering included (`validator_fingerprint`). Change any of them
and the entry is never read again; the response store below still holds the raw answers,
so the new code re-validates them through the real path. Entries live in `<store>/.rows/`
beside the answers they were made from; they are derived data, never committed, and safe
to delete.
"""

from __future__ import annotations

import hashlib
import json
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from pipeline.core.entities import registry_digest
from pipeline.core.fingerprint import source_digest
from pipeline.core.schema import Observation
from pipeline.core.usage import Usage
from pipeline.io.jsonl import write_text_atomic
from pipeline.io.rows import OutputRow
from pipeline.numbers.grounding import EvidenceSpan, MatchKind

ROWS_FOLDER = ".rows"
# the code between an article and its rows: the request (rendering, settings), the
# schema, finder, grounding and validators that check the answer, the rows made from it
_SHAPING = (
    "core", "numbers", "io", "extract/choices.py", "extract/result.py",
    "extract/llm/prompts.py", "extract/llm/client.py", "extract/llm/response.py",
)  # fmt: skip
_LIBRARIES = ("instructor", "openai", "pydantic", "pydantic-core")


@cache
def validator_fingerprint() -> str:
    """Identity of the code that turns an article into rows, and of its libraries."""
    versions = [f"{library}=={metadata.version(library)}".encode() for library in _LIBRARIES]
    return source_digest(_SHAPING, versions)


@dataclass(frozen=True)
class CachedRows:
    """One article's rows and what making them cost the first time."""

    rows: list[OutputRow]
    usage: Usage
    attempts: int
    sources: list[str]  # where the answers came from (model, hand-written)
    models: list[str]  # the models that served them, as they named themselves


def _encode_row(row: OutputRow) -> dict[str, Any]:
    span = row.span
    return {
        "observation": row.observation.to_json(),
        "span": [span.start, span.end, str(span.match)] if span else None,
        "grounded": row.grounded,
    }


class RowCache:
    def __init__(self, store_root: Path) -> None:
        self.root = store_root / ROWS_FOLDER

    def key(self, identity: dict[str, Any]) -> str:
        code = [validator_fingerprint(), registry_digest()]  # users' registry files included
        payload = json.dumps({**identity, "code": code}, sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()[:32]

    def _path(self, prompt_version: str, key: str) -> Path:
        return self.root / prompt_version / f"{key}.json"

    def get(self, prompt_version: str, key: str, model: str, prompt_hash: str) -> CachedRows | None:
        try:
            data = json.loads(self._path(prompt_version, key).read_bytes())
            return _decode(data, prompt_version, model, prompt_hash)
        # absent, or damaged by hand: made again and replaced
        except (OSError, ValueError, KeyError, IndexError, TypeError):
            return None

    def put(self, prompt_version: str, key: str, cached: CachedRows) -> None:
        document = {
            "rows": [_encode_row(row) for row in cached.rows],
            "usage": {
                "prompt_tokens": cached.usage.prompt_tokens,
                "completion_tokens": cached.usage.completion_tokens,
            },
            "attempts": cached.attempts,
            "sources": cached.sources,
            "models": cached.models,
        }
        path = self._path(prompt_version, key)
        # an entry a crash loses is made again, and one that cannot be written at all only
        # costs a later run the validation it saves
        with suppress(OSError):
            write_text_atomic(path, json.dumps(document, ensure_ascii=False), durable=False)


def _decode(data: dict[str, Any], prompt_version: str, model: str, prompt_hash: str) -> CachedRows:
    """An entry's rows, rebuilt with this run's model column and prompt hash."""
    rows = [
        OutputRow(
            Observation.model_validate(row["observation"]),
            prompt_version,
            prompt_hash,
            model,
            EvidenceSpan(row["span"][0], row["span"][1], MatchKind(row["span"][2])) if row["span"] else None,
            row["grounded"],
        )
        for row in data["rows"]
    ]
    usage = Usage(data["usage"]["prompt_tokens"], data["usage"]["completion_tokens"])
    return CachedRows(rows, usage, data["attempts"], data["sources"], data["models"])
