"""The ledger: one entry per finished article, appended after its observation rows, which
is what a resumed run reads to know what is done and what it cost."""

from __future__ import annotations

import hashlib
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from pipeline.core.usage import Usage
from pipeline.io.jsonl import whole_lines


class ArticleStatus(StrEnum):
    OK = "ok"
    FAILED = "failed"


# fields an entry of each status leaves out of its line
_NOT_WRITTEN = {
    ArticleStatus.OK: {"error_type", "cause", "message"},
    ArticleStatus.FAILED: {"observations"},
}


class LedgerEntry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    article_id: str
    status: ArticleStatus
    observations: int = 0
    error_type: str | None = None  # the exception tradex raised
    cause: str | None = None  # what it says went wrong underneath ("validation", "APITimeoutError")
    message: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    attempts: int = 0
    latency_s: float = 0.0
    text_sha256: str | None = None  # of the text its rows came from: an edited article is redone

    @property
    def usage(self) -> Usage:
        return Usage(self.prompt_tokens, self.completion_tokens)

    def to_json(self) -> dict[str, object]:
        return self.model_dump(mode="json", exclude=_NOT_WRITTEN[self.status])


def text_digest(text: str) -> str:
    """A short hash of an article's text; a JSON line may hold a lone surrogate ("\\ud800")."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def read_ledger(run_dir: Path) -> list[LedgerEntry]:
    """The ledger's entries, in order. A line that is not one (cut short, edited) is left
    out, and so is a line repeated exactly: two real attempts never match to the float
    of their latency, so a copy is an edit that would count its tokens twice."""
    entries: dict[LedgerEntry, None] = {}
    for data in whole_lines(run_dir / "ledger.jsonl"):
        try:
            entries.setdefault(LedgerEntry.model_validate(data))
        except ValidationError:
            continue
    return list(entries)
