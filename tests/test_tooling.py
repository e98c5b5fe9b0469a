"""Lint, format and type checks run as part of the suite, so CI and a developer's
`pytest` agree on them."""

from __future__ import annotations

import subprocess
import sys

import pytest
from helpers import ROOT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    "command", [("check", "."), ("format", "--check", ".")], ids=["ruff-check", "ruff-format"]
)
def test_ruff(command: tuple[str, ...]) -> None:
    result = run(sys.executable, "-m", "ruff", *command)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_on_pipeline() -> None:
    result = run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr
