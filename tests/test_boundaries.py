"""Enforced import boundaries: lower layers never import higher ones, the response store
knows nothing of instructor or openai, and the package never imports evals/ or tests/."""

from __future__ import annotations

import ast

import pytest
from helpers import ROOT

LAYERS = [
    {"errors", "text"},
    {"entities", "schema"},
    {"figures", "normalize", "records", "grounding", "articles"},
    {"scoring", "metrics", "gold", "report"},
    {"extraction", "prompts", "completions", "costs", "store"},
    {"extractor"},
    {"rules", "backends"},
    {"evaluate", "runner"},
    {"compare", "html_report"},
    {"cli", "__main__"},
]
LAYER = {name: depth for depth, names in enumerate(LAYERS) for name in names}
MODULES = sorted(p.stem for p in (ROOT / "pipeline").glob("*.py") if p.stem != "__init__")


def imports(module: str) -> set[str]:
    tree = ast.parse((ROOT / "pipeline" / f"{module}.py").read_text())
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_every_module_has_a_layer() -> None:
    assert set(MODULES) == set(LAYER)


@pytest.mark.parametrize("module", MODULES)
def test_no_upward_imports(module: str) -> None:
    upward = [
        name
        for name in imports(module)
        if name.startswith("pipeline.") and LAYER[name.split(".")[1]] > LAYER[module]
    ]
    assert upward == [], f"pipeline/{module}.py imports from a higher layer: {upward}"
    assert not any(
        name.split(".")[0] in ("evals", "tests", "helpers", "conftest") for name in imports(module)
    )


def test_the_store_knows_nothing_of_instructor_or_openai() -> None:
    assert not {n.split(".")[0] for n in imports("store")} & {"instructor", "openai"}
