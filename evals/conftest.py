"""`pytest evals`: every prompt version x gold article through the real pipeline, offline
from recorded responses by default, scored by the project's scorer and gated by
evals/thresholds.toml. The score table is printed at the end and written to outputs/scores/."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from eval_session import ROOT, EvalSession, load_thresholds

from pipeline.core.formats import CompareFormat
from pipeline.evaluation.compare import render_splits
from pipeline.extract.backends import BackendOptions
from pipeline.extract.choices import RULES_VERSION, Backend
from pipeline.extract.llm.prompts import prompt_versions
from pipeline.io.gold import load_gold

SESSION = pytest.StashKey[EvalSession]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("tradex evals")
    group.addoption("--prompt", action="append", default=[], help="prompt version (repeatable)")
    group.addoption("--backend", default="replay", choices=["replay", "openai"])
    group.addoption("--record", action="store_true", help="with --backend openai: store new responses")
    group.addoption("--article", action="append", default=[], help="gold article id (repeatable)")
    group.addoption("--store", default=str(ROOT / "evals" / "recordings"), help="recorded responses folder")
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
    backend = Backend(config.getoption("--backend"))
    options = BackendOptions(
        backend=backend,
        store=Path(config.getoption("--store")),
        record=config.getoption("--record"),
        base_url=os.environ.get("OPENAI_BASE_URL"),
        api_key=os.environ.get("OPENAI_API_KEY") if backend == Backend.OPENAI else None,
    )
    try:
        thresholds = load_thresholds(Path(config.getoption("--thresholds")))
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from exc
    splits = sorted({s for a in articles if (s := gold.articles[a].split) is not None}, reverse=True)
    config.stash[SESSION] = EvalSession(
        gold, versions, articles, splits, options, thresholds, {}, Path(config.getoption("--scores-dir"))
    )


@pytest.fixture(scope="session")
def evals(pytestconfig: pytest.Config) -> EvalSession:
    return pytestconfig.stash[SESSION]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    session = metafunc.config.stash[SESSION]
    if "version" in metafunc.fixturenames and "article_id" in metafunc.fixturenames:
        grid = [
            (v, s, a)
            for v in session.versions
            for s in session.splits
            for a in session.split_ids(s)
            if session.has_answers(v, a)
        ]
        metafunc.parametrize(("version", "split", "article_id"), grid, ids=[f"{v}-{a}" for v, _, a in grid])
    elif "version" in metafunc.fixturenames:
        grid2 = [(v, s) for v in session.versions for s in session.splits]
        metafunc.parametrize(("version", "split"), grid2, ids=[f"{v}-{s}" for v, s in grid2])
    elif "split" in metafunc.fixturenames:
        metafunc.parametrize("split", session.splits)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    session = config.stash.get(SESSION, None)
    if session is None or not session.results:
        return
    comparisons = [session.comparison(s) for s in sorted(session.splits, key=lambda s: s != "test")]
    terminalreporter.section("tradex scores")
    terminalreporter.write_line(render_splits(comparisons, CompareFormat.TABLE))
    session.scores_dir.mkdir(parents=True, exist_ok=True)
    for fmt in (CompareFormat.CSV, CompareFormat.MD, CompareFormat.JSON):
        (session.scores_dir / f"scores.{fmt}").write_text(render_splits(comparisons, fmt))
    terminalreporter.write_line(f"score tables written to {session.scores_dir}")
