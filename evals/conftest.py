"""`pytest evals`: every prompt version x gold article through the real pipeline, offline
from recorded responses by default, scored by the project's scorer and gated by
evals/thresholds.toml. The score table is printed at the end and written to outputs/scores/."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from eval_session import ROOT, EvalSession

from pipeline.backends import DEFAULT_STORE, Backend, BackendOptions
from pipeline.gold import load_gold
from pipeline.prompts import prompt_versions
from pipeline.rules import RULES_VERSION

SESSION = pytest.StashKey[EvalSession]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("tradex evals")
    group.addoption("--prompt", action="append", default=[], help="prompt version (repeatable)")
    group.addoption("--backend", default="replay", choices=["replay", "openai"])
    group.addoption("--record", action="store_true", help="with --backend openai: store new responses")
    group.addoption("--article", action="append", default=[], help="gold article id (repeatable)")
    group.addoption("--store", default=str(ROOT / DEFAULT_STORE), help="recorded responses folder")
    group.addoption("--thresholds", default=str(ROOT / "evals" / "thresholds.toml"))
    group.addoption("--scores-dir", default=str(ROOT / "outputs" / "scores"))


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--record") and config.getoption("--backend") != "openai":
        raise pytest.UsageError("--record needs --backend openai")
    gold = load_gold(ROOT / "gold")
    versions = config.getoption("--prompt") or [*prompt_versions(ROOT / "prompts"), RULES_VERSION]
    articles = config.getoption("--article") or sorted(gold.labels)
    unknown = sorted(set(articles) - set(gold.labels))
    if unknown:
        raise pytest.UsageError(f"--article: not in the gold set: {', '.join(unknown)}")
    options = BackendOptions(
        Backend(config.getoption("--backend")),
        store=Path(config.getoption("--store")),
        record=config.getoption("--record"),
    )
    thresholds = tomllib.loads(Path(config.getoption("--thresholds")).read_text())
    config.stash[SESSION] = EvalSession(
        gold, versions, articles, options, thresholds, {}, Path(config.getoption("--scores-dir"))
    )


@pytest.fixture(scope="session")
def evals(pytestconfig: pytest.Config) -> EvalSession:
    return pytestconfig.stash[SESSION]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    session = metafunc.config.stash[SESSION]
    if "version" in metafunc.fixturenames and "article_id" in metafunc.fixturenames:
        grid = [(v, a) for v in session.versions for a in session.article_ids]
        metafunc.parametrize(("version", "article_id"), grid, ids=[f"{v}-{a}" for v, a in grid])
    elif "version" in metafunc.fixturenames:
        metafunc.parametrize("version", session.versions)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    session = config.stash.get(SESSION, None)
    if session is None or not session.results:
        return
    comparison = session.comparison()
    terminalreporter.section("tradex scores")
    terminalreporter.write_line(comparison.render("table"))
    session.scores_dir.mkdir(parents=True, exist_ok=True)
    (session.scores_dir / "scores.csv").write_text(comparison.render("csv"))
    (session.scores_dir / "scores.md").write_text(comparison.render("md"))
    (session.scores_dir / "scores.json").write_text(json.dumps(comparison.as_json(), indent=2, default=str))
    terminalreporter.write_line(f"score tables written to {session.scores_dir}")
