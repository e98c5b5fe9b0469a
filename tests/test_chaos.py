"""Chaos: a batch against a loopback server that injects faults, killed at random points
and resumed until done. Seeded and bounded, so a failure reproduces."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from fakes import answer, loopback_server, reading_model
from helpers import ROOT
from test_runner import write_articles

SEED = 20251128
N_ARTICLES = 24
KILLS = 4


def faulty_model(rng: random.Random, lock: threading.Lock) -> Any:
    """About a quarter of requests fail: 429, 500, a malformed body, an invalid answer,
    or a hang longer than the client's timeout."""

    def respond(body: dict[str, Any]) -> tuple[int, Any, dict[str, str]]:
        with lock:
            roll = rng.random()
        if roll < 0.08:
            return 429, {"error": {"message": "slow down", "type": "rate_limit"}}, {"retry-after": "0"}
        if roll < 0.13:
            return 500, {"error": {"message": "boom", "type": "server_error"}}, {}
        if roll < 0.17:
            return 200, b'{"id": "chatcmpl-x", "choices": [', {}
        if roll < 0.23:
            return answer([{"entity": "CN-GD", "entity_name": "Guangdong", "flow": "export",
                            "metric": "trade_value", "change": "yoy", "value": 99.0, "unit": "percent",
                            "period": "2025", "evidence": "not in the article"}])  # fmt: skip
        if roll < 0.25:
            threading.Event().wait(2.5)  # longer than --timeout
        return reading_model(body)

    return respond


def lines(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text().splitlines():
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return out


def test_kills_and_faults_end_with_each_article_exactly_once(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    articles = write_articles(tmp_path / "a.jsonl", N_ARTICLES)
    out = tmp_path / "run"
    with loopback_server(faulty_model(rng, threading.Lock())) as server:
        env = {"OPENAI_BASE_URL": server.url, "OPENAI_API_KEY": "sk-test", "PATH": "/usr/bin:/bin"}
        args = [sys.executable, "-m", "pipeline", "extract", str(articles), "--prompt", "v2", "--backend",
                "openai", "--model", "fake-model", "--concurrency", "4", "--no-progress", "--timeout", "1",
                "--max-retries", "1", "--store", str(tmp_path / "store"), "--out", str(out)]  # fmt: skip
        for attempt in range(KILLS + 6):
            resume = ["--resume"] if (out / "manifest.json").exists() else []
            process = subprocess.Popen([*args, *resume], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)  # fmt: skip
            if attempt < KILLS:
                time.sleep(rng.uniform(0.05, 1.5))
                process.send_signal(signal.SIGKILL)
                process.wait(10)
                continue
            process.wait(60)
            ledger = lines(out / "ledger.jsonl")
            latest = {e["article_id"]: e for e in ledger}
            if len(latest) == N_ARTICLES and all(e["status"] == "ok" for e in latest.values()):
                break
        requests = len(server.headers_seen)
    ledger = lines(out / "ledger.jsonl")
    latest = {e["article_id"]: e for e in ledger}
    assert requests > N_ARTICLES  # faults and kills made the batch ask again
    rows = Counter(r["article_id"] for r in lines(out / "observations.jsonl"))
    failures = {f["article_id"] for f in lines(out / "failures.jsonl")}
    assert len(latest) == N_ARTICLES
    for article, entry in latest.items():
        if entry["status"] == "ok":
            assert rows[article] == entry["observations"] and article not in failures, article
        else:
            assert rows[article] == 0 and article in failures, article
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["usage"]["prompt_tokens"] == sum(e["prompt_tokens"] for e in ledger)
    assert manifest["usage"]["completion_tokens"] == sum(e["completion_tokens"] for e in ledger)


def test_fifty_kills_from_startup_to_the_last_row_lose_and_repeat_nothing(tmp_path: Path) -> None:
    """SIGKILL at 50 seeded instants spread over a run's phases (imports and startup,
    the run folder's preparation, extraction, the final writes), resuming each time."""
    rng = random.Random(SEED + 1)
    articles = write_articles(tmp_path / "a.jsonl", 12)
    out = tmp_path / "run"
    with loopback_server(reading_model, delay_s=0.02) as server:
        env = {"OPENAI_BASE_URL": server.url, "OPENAI_API_KEY": "sk-test", "PATH": "/usr/bin:/bin"}
        args = [sys.executable, "-m", "pipeline", "extract", str(articles), "--prompt", "v2", "--backend",
                "openai", "--model", "fake-model", "--concurrency", "2", "--no-progress",
                "--store", str(tmp_path / "store"), "--out", str(out)]  # fmt: skip
        for _ in range(50):
            resume = ["--resume"] if (out / "manifest.json").exists() else []
            process = subprocess.Popen([*args, *resume], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)  # fmt: skip
            time.sleep(rng.uniform(0.0, 1.6))
            process.send_signal(signal.SIGKILL)
            process.wait(10)
        final = subprocess.run(
            [*args, "--resume"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
        )
    assert final.returncode == 0, final.stderr
    rows = Counter(r["article_id"] for r in lines(out / "observations.jsonl"))
    assert rows == Counter({f"art{i:03d}": 1 for i in range(12)})
