"""Output formats of the score and comparison commands."""

from __future__ import annotations

from enum import StrEnum


class ScoreFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MD = "md"


class CompareFormat(StrEnum):
    TABLE = "table"
    MD = "md"
    CSV = "csv"
    JSON = "json"
    HTML = "html"
