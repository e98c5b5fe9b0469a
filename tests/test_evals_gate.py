"""`pytest evals` must fail, naming version, metric, floor and value, when a version's
recorded responses fall below its floor. Runs the real evals suite in a subprocess over a
copy of the store whose final v2 answer has lost most of its observations."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from helpers import ROOT


def degrade_final_answers(store: Path, version: str, keep: int) -> int:
    """Cut the accepted (last) answer of each article to its first `keep` observations."""
    changed = 0
    for path in (store / version).rglob("*.json"):
        document = json.loads(path.read_text())
        if not any(m["role"] == "tool" for m in document["request"]["body"]["messages"]):
            continue  # a first attempt, answered again after a re-ask
        call = document["response"]["body"]["choices"][0]["message"]["tool_calls"][0]["function"]
        arguments = json.loads(call["arguments"])
        arguments["observations"] = arguments["observations"][:keep]
        call["arguments"] = json.dumps(arguments)
        path.write_text(json.dumps(document))
        changed += 1
    return changed


def run_evals(store: Path, scores: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pytest", "evals", "-q", "-p", "no:cacheprovider",
               "--store", str(store), "--scores-dir", str(scores), *args]  # fmt: skip
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)


def test_a_version_below_its_floor_fails_with_version_metric_floor_and_value(
    tmp_path: Path,
) -> None:
    store = tmp_path / "recordings"
    shutil.copytree(ROOT / "evals" / "recordings", store)
    assert degrade_final_answers(store, "v2", keep=10) == 1
    result = run_evals(store, tmp_path / "scores", "--prompt", "v2")
    assert result.returncode == 1, result.stdout
    # the first 10 observations of v2's answer: 9 correct and the optional dollar figure,
    # against 33 required gold: P = 1, R = 9/33, F1 = 18/42
    assert f"v2 (dev): strict F1 {18 / 42:.3f} is below its floor 0.9 (min_f1)" in result.stdout
    # the table is still printed and written for the failing run
    assert "tradex scores" in result.stdout
    assert json.loads((tmp_path / "scores" / "scores.json").read_text())["rows"][0]["prompt"] == "v2"


def test_the_shipped_recordings_pass_their_floors(tmp_path: Path) -> None:
    result = run_evals(ROOT / "evals" / "recordings", tmp_path / "scores")
    assert result.returncode == 0, result.stdout
    assert {p.name for p in (tmp_path / "scores").iterdir()} == {
        "scores.csv",
        "scores.md",
        "scores.json",
    }


def test_the_regression_gate_names_each_unaccepted_loss_and_accepts_the_listed_ones(tmp_path: Path) -> None:
    """Without its accepted losses, the v4-vs-rules gate fails and lists each gold fact v4
    gets wrong that the rules got right; the shipped list, with a reason each, lets it pass."""
    one = tomllib.loads((ROOT / "evals" / "thresholds.toml").read_text())["gate"]["accepted_losses"][0]
    strict = tmp_path / "thresholds.toml"
    strict.write_text(
        (ROOT / "evals" / "thresholds.toml").read_text().replace(_losses_block(), "accepted_losses = []")
    )
    gate = ["--prompt", "rules", "--prompt", "v4", "-k", "regression"]
    result = run_evals(ROOT / "evals" / "recordings", tmp_path / "scores", *gate, "--thresholds", str(strict))
    assert result.returncode == 1, result.stdout
    assert "v4 gets wrong" in result.stdout and "that rules got right" in result.stdout
    assert f"{one['article_id']}: {one['fact']} = " in result.stdout
    passing = run_evals(ROOT / "evals" / "recordings", tmp_path / "scores2", *gate)
    assert passing.returncode == 0, passing.stdout


def _losses_block() -> str:
    text = (ROOT / "evals" / "thresholds.toml").read_text()
    start = text.index("accepted_losses = [")
    return text[start : text.index("\n]", start) + 2]


def test_a_misspelled_threshold_is_refused_by_name(tmp_path: Path) -> None:
    bad = tmp_path / "thresholds.toml"
    bad.write_text(
        (ROOT / "evals" / "thresholds.toml").read_text().replace("accepted_losses", "accepted_loses", 1)
    )
    result = run_evals(ROOT / "evals" / "recordings", tmp_path / "scores", "--thresholds", str(bad))
    assert result.returncode == 4, result.stdout + result.stderr
    assert "accepted_loses" in result.stdout + result.stderr
