"""`pytest evals`: every prompt version x gold article through the real pipeline, offline
from recorded responses by default, scored by the project's scorer and gated by floors.

Two stores are evaluated by default, each with its own floors: the hand-written answers
(evals/recordings, evals/thresholds.toml) and SmolLM2's real ones (evals/recordings-smollm2,
evals/thresholds-smollm2.toml). `--store` (with `--thresholds`) evaluates one store instead.
The score tables are printed at the end and written to outputs/scores/."""

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

SESSIONS = pytest.StashKey[dict[str, EvalSession]]()
SUITES = {  # name: (store, thresholds)
    "handwritten": (ROOT / "evals" / "recordings", ROOT / "evals" / "thresholds.toml"),
    "smollm2": (ROOT / "evals" / "recordings-smollm2", ROOT / "evals" / "thresholds-smollm2.toml"),
}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("tradex evals")
    group.addoption("--prompt", action="append", default=[], help="prompt version (repeatable)")
    group.addoption("--backend", default="replay", choices=["replay", "openai"])
    group.addoption("--record", action="store_true", help="with --backend openai: store new responses")
    group.addoption("--article", action="append", default=[], help="gold article id (repeatable)")
    group.addoption("--store", default=None, help="one recorded responses folder (default: both shipped)")
    group.addoption(
        "--thresholds", default=str(ROOT / "evals" / "thresholds.toml"), help="floors for --store"
    )
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
    store = config.getoption("--store")
    if store is not None:
        suites = {Path(store).name: (Path(store), Path(config.getoption("--thresholds")))}
    elif backend == Backend.REPLAY:
        suites = SUITES
    else:  # a live run records into the hand-written store's place, never into a model's
        suites = {"handwritten": SUITES["handwritten"]}
    scores_dir = Path(config.getoption("--scores-dir"))
    splits = sorted({s for a in articles if (s := gold.articles[a].split) is not None}, reverse=True)
    sessions = {}
    for name, (folder, floors) in suites.items():
        options = BackendOptions(
            backend=backend,
            store=folder,
            record=config.getoption("--record"),
            base_url=os.environ.get("OPENAI_BASE_URL"),
            api_key=os.environ.get("OPENAI_API_KEY") if backend == Backend.OPENAI else None,
        )
        try:
            thresholds = load_thresholds(floors)
        except ValueError as exc:
            raise pytest.UsageError(str(exc)) from exc
        where = scores_dir if len(suites) == 1 else scores_dir / name
        sessions[name] = EvalSession(name, gold, versions, articles, splits, options, thresholds, {}, where)
    config.stash[SESSIONS] = sessions


@pytest.fixture
def evals(pytestconfig: pytest.Config, suite: str) -> EvalSession:
    return pytestconfig.stash[SESSIONS][suite]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "evals" not in metafunc.fixturenames:
        return
    grid: list[tuple[str, ...]] = []
    for name, session in metafunc.config.stash[SESSIONS].items():
        if "article_id" in metafunc.fixturenames:
            grid += [
                (name, v, s, a)
                for v in session.versions
                for s in session.splits
                for a in session.split_ids(s)
                if session.has_answers(v, a)
            ]
        elif "version" in metafunc.fixturenames:
            grid += [(name, v, s) for v in session.versions for s in session.splits]
        else:
            grid += [(name, s) for s in session.splits]
    names = ["suite", "version", "split", "article_id"]
    if "article_id" not in metafunc.fixturenames:
        names.remove("article_id")
    if "version" not in metafunc.fixturenames:
        names.remove("version")
    ids = ["-".join(row[:2] + row[3:]) if len(row) == 4 else "-".join(row) for row in grid]  # split implied
    metafunc.parametrize(names, grid, ids=ids)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The llamacpp suite starts a model server: it runs only when asked for (-m llamacpp)."""
    if "llamacpp" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="starts llama.cpp's server; run with: pytest -m llamacpp")
    for item in items:
        if "llamacpp" in item.keywords:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    for name, session in config.stash.get(SESSIONS, {}).items():
        if not session.results:
            continue
        comparisons = [session.comparison(s) for s in sorted(session.splits, key=lambda s: s != "test")]
        terminalreporter.section(f"tradex scores: {name} ({session.options.store})")
        terminalreporter.write_line(render_splits(comparisons, CompareFormat.TABLE))
        session.scores_dir.mkdir(parents=True, exist_ok=True)
        for fmt in (CompareFormat.CSV, CompareFormat.MD, CompareFormat.JSON):
            (session.scores_dir / f"scores.{fmt}").write_text(render_splits(comparisons, fmt))
        terminalreporter.write_line(f"score tables written to {session.scores_dir}")
