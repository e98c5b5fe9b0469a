"""Defaults of a batch run, importable without the runner."""

from __future__ import annotations

from pathlib import Path

DEFAULT_RUNS_DIR = Path("outputs/runs")
# about 50,000 tokens of article: far beyond any news story, well short of an unbounded bill
DEFAULT_MAX_ARTICLE_CHARS = 200_000
