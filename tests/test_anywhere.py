"""tradex resolves its paths and environment at the command line: it works from any
folder, and a live run records into the user cache, not into the project's eval set."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from fakes import growth_article, loopback_server, reading_model
from helpers import ROOT

ARTICLE = "Thailand's exports rose 3.1 percent in the third quarter of 2025 from a year earlier.\n"


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **(env or {})}
    command = [sys.executable, "-m", "pipeline", *args]
    return subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True, timeout=120)


def test_prompts_and_rules_work_from_a_folder_outside_the_checkout(tmp_path: Path) -> None:
    listed = run("prompts", "list", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()] == ["v1", "v2", "v3", "v4"]
    (tmp_path / "thai.txt").write_text(ARTICLE)
    extracted = run(
        "extract", "thai.txt", "--backend", "rules", "--out", "run", "--no-progress", cwd=tmp_path
    )
    assert extracted.returncode == 0, extracted.stderr
    assert '"period": "2025-Q3"' in (tmp_path / "run" / "observations.jsonl").read_text()


def test_a_prompts_folder_in_the_current_directory_takes_the_place_of_the_shipped_one(tmp_path: Path) -> None:
    (tmp_path / "prompts").mkdir()
    text = (ROOT / "prompts" / "v2.toml").read_text().replace('version = "v2"', 'version = "v7"')
    (tmp_path / "prompts" / "v7.toml").write_text(text)
    listed = run("prompts", "list", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()] == ["v7"]


def test_python_dash_m_pipeline_runs_a_command(tmp_path: Path) -> None:
    result = run("compare", "--help", cwd=tmp_path)
    assert result.returncode == 0 and "Usage: python -m pipeline compare" in result.stdout, result.stderr


def test_a_live_run_records_into_the_user_cache_and_leaves_the_eval_set_alone(tmp_path: Path) -> None:
    recordings = ROOT / "evals" / "recordings"
    before = sorted(p.relative_to(recordings) for p in recordings.rglob("*"))
    articles = tmp_path / "a.txt"
    articles.write_text(growth_article(1) + "\n")
    cache = tmp_path / "cache"
    with loopback_server(reading_model) as server:
        env = {"OPENAI_BASE_URL": server.url, "OPENAI_API_KEY": "sk-test", "XDG_CACHE_HOME": str(cache)}
        args = ["extract", str(articles), "--backend", "openai", "--prompt", "v2", "--model", "fake-model",
                "--no-progress", "--out", str(tmp_path / "run")]  # fmt: skip
        result = run(*args, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr
    assert sorted(p.relative_to(recordings) for p in recordings.rglob("*")) == before
    assert list((cache / "tradex" / "responses").rglob("*.json")), "the answer was not recorded in the cache"


def test_the_command_line_loads_no_heavy_library_until_a_command_needs_it() -> None:
    """`tradex --help` stays fast because the command module imports no model client,
    dataframe or numerics library at import time (timed in benchmarks/throughput.py)."""
    heavy = ("openai", "instructor", "pandas", "scipy", "numpy", "jinja2", "httpx2")
    probe = f"import sys, pipeline.cli; print([m for m in {heavy!r} if m in sys.modules])"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
