"""Lint, format and type checks run as part of the suite, so CI and a developer's
`pytest` agree on them."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

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


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """import-linter on the package under `root`, which comes first on the import path."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    script = Path(sys.executable).parent / "lint-imports"
    command = [str(script), "--config", str(root / "pyproject.toml"), "--no-cache"]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, check=False, env=env)


def test_import_contracts_hold() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "planted", "contract"),
    [
        ("scoring/match.py", "from pipeline import cli", "Layers: each imports only those below it"),
        (
            "extract/rules/periods.py",
            "import pipeline.extract.llm.client",
            "The rules baseline runs without the LLM path, instructor or openai",
        ),
        (
            "extract/llm/store.py",
            "import instructor",
            "The response store, scoring and numbers know nothing of instructor or openai",
        ),
    ],
)
def test_a_planted_violation_breaks_a_contract(
    tmp_path: Path, module: str, planted: str, contract: str
) -> None:
    shutil.copytree(ROOT / "pipeline", tmp_path / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    target = tmp_path / "pipeline" / module
    target.write_text(target.read_text() + f"\n{planted}  # planted\n")
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    broken = " ".join(result.stdout.split()).split(" BROKEN")[:-1]
    assert any(report.endswith(contract) for report in broken), result.stdout


def test_every_sub_package_is_installed() -> None:
    """pyproject.toml names the packages (prompts/ is mapped in); a new sub-package left out
    would work in a checkout and be missing from every install."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "pipeline").rglob("__init__.py")}
    data = {
        ".".join(p.relative_to(ROOT).parts)
        for p in (ROOT / "pipeline" / "data", ROOT / "pipeline" / "evaluation" / "assets")
    }
    assert listed == on_disk | data | {"pipeline.prompt_files"}


def test_no_module_level_name_is_bound_twice() -> None:
    """A second `_NAME = ...` further down a module silently replaces the first for every
    function that reads it; neither ruff nor mypy says so when both are patterns."""
    twice = []
    for path in sorted((ROOT / "pipeline").rglob("*.py")):
        seen: dict[str, int] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = node.targets if isinstance(node, ast.Assign) else []
            targets += [node.target] if isinstance(node, ast.AnnAssign) else []
            for target in targets:
                if isinstance(target, ast.Name) and target.id in seen:
                    twice.append(
                        f"{path.relative_to(ROOT)}:{node.lineno} {target.id} (line {seen[target.id]})"
                    )
                if isinstance(target, ast.Name):
                    seen.setdefault(target.id, node.lineno)
    assert twice == []
