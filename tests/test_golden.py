"""The shipped recordings replayed end to end give the same files and scores as the
snapshot in tests/golden/, so a refactor that changes one output byte shows here, named
by article. After an intended change of output, rerun with --update-golden and review the
snapshot's diff like code."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT
from typer.testing import CliRunner

from pipeline.cli import app

SNAPSHOT = ROOT / "tests" / "golden" / "replay.json"
# what differs between two identical runs: when, where, and from which commit
VOLATILE_MANIFEST = {"run_id", "started_at", "finished_at", "git_commit"}
READABLE = ("n_articles", "precision", "recall", "f1", "correct", "spurious", "missing", "lenient_f1")
SOURCES = ["--store", str(ROOT / "evals" / "recordings"), "--prompts-dir", str(ROOT / "prompts")]
runner = CliRunner()


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _run(tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / "run"
    gold = str(ROOT / "gold")
    extract = ["extract", f"{gold}/articles", "--backend", "replay", "--fallback-rules", "--gold", gold,
               "--out", str(out), "--no-progress", *SOURCES]  # fmt: skip
    result = runner.invoke(app, extract)
    assert result.exit_code == 0, result.output
    rows: dict[str, list[str]] = {}
    for line in (out / "observations.jsonl").read_text().splitlines():
        rows.setdefault(json.loads(line)["article_id"], []).append(line)
    ledger = [json.loads(line) for line in (out / "ledger.jsonl").read_text().splitlines()]
    manifest = json.loads((out / "manifest.json").read_text())
    snapshot: dict[str, Any] = {
        "rows": {article: [len(lines), _digest("\n".join(lines))] for article, lines in sorted(rows.items())},
        # articles finish in any order under concurrency: compare the CSV's lines as a set
        "csv": _digest("\n".join(sorted((out / "observations.csv").read_text().splitlines()))),
        "failures": (out / "failures.jsonl").read_text(),
        "ledger": sorted(
            ({k: v for k, v in entry.items() if k != "latency_s"} for entry in ledger),
            key=lambda entry: str(entry["article_id"]),
        ),
        "manifest": {k: v for k, v in manifest.items() if k not in VOLATILE_MANIFEST},
    }
    for split in ("test", "dev"):
        compare = ["compare", "--format", "json", "--split", split, "--gold", gold, *SOURCES]
        result = runner.invoke(app, compare)
        assert result.exit_code == 0, result.output
        compared = json.loads(result.output)
        snapshot[f"compare_{split}"] = {
            "rows": {row["prompt"]: {k: row[k] for k in READABLE} for row in compared["rows"]},
            "digest": _digest(result.output),
        }
    return snapshot


def test_replaying_the_shipped_recordings_matches_the_snapshot(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    found = _run(tmp_path)
    if request.config.getoption("--update-golden"):
        SNAPSHOT.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n")
    expected = json.loads(SNAPSHOT.read_text())
    for part in ("rows", "csv", "failures", "ledger", "manifest"):
        assert found[part] == expected[part], part
    for split in ("test", "dev"):
        assert found[f"compare_{split}"] == expected[f"compare_{split}"], f"compare --split {split}"
