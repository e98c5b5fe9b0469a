"""Pacing calls to what the server says: halve on a 429 and wait out its Retry-After, wait
for a rate-limit reset, recover slowly, and keep to a token budget."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

import pytest
from fakes import Reply, growth_article, loopback_server, reading_model, too_many_requests
from helpers import ROOT
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.extract.llm.ratelimit import RateGate, parse_duration, pause_for


def test_rate_limit_headers_are_read_as_pauses() -> None:
    assert [parse_duration(t) for t in ("1.5", "20ms", "6m0s", "1h2m", "soon")] == [
        1.5,
        0.02,
        360.0,
        3720.0,
        None,
    ]
    assert pause_for(429, {"retry-after": "2"}) == 2.0
    assert pause_for(429, {"retry-after-ms": "250"}) == 0.25
    assert pause_for(200, {"x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "3s"}) == 3.0
    assert pause_for(200, {"x-ratelimit-remaining-requests": "12", "x-ratelimit-reset-requests": "3s"}) == 0.0


@pytest.mark.parametrize(
    ("status", "headers", "pause"),
    [
        (429, {"retry-after": "1e9"}, 60.0),
        (429, {"retry-after": "inf"}, 60.0),
        (429, {"retry-after": "nan"}, 1.0),
        (429, {"retry-after": "-5"}, 1.0),
        (200, {"x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "100000h"}, 60.0),
    ],
)
def test_a_pause_a_header_asks_for_is_bounded(status: int, headers: dict[str, str], pause: float) -> None:
    """A broken proxy's "1e9" would otherwise hold every later request of the run for good."""
    assert pause_for(status, headers) == pause


def test_the_limit_halves_on_a_429_and_grows_back_one_at_a_time() -> None:
    now = [100.0]
    gate = RateGate(recover_after=2, clock=lambda: now[0])
    gate.in_flight = gate.peak = 8
    gate.observe(429, {"retry-after": "1"}, 0)
    assert gate.limit == 4 and gate.wait_s(now[0]) == 1.0
    gate.observe(429, {}, 0)
    assert gate.limit == 2
    for _ in range(4):
        gate.observe(200, {}, 10)
    assert gate.limit == 4
    for _ in range(10):
        gate.observe(200, {}, 10)
    assert gate.limit is None  # grown past the most it ever had in flight: no longer binding


def test_a_long_pause_is_told_once_as_it_starts(caplog: pytest.LogCaptureFixture) -> None:
    """A run that stops sending for a minute says why, once, not once per refused call."""
    now = [0.0]
    gate = RateGate(clock=lambda: now[0])
    with caplog.at_level(logging.WARNING, logger="tradex.ratelimit"):
        gate.observe(429, {"retry-after": "2"}, 0)  # a short pause goes unsaid
        for _ in range(5):
            gate.observe(429, {"retry-after": "3600"}, 0)
        now[0] = 61.0
        gate.observe(429, {"retry-after": "30"}, 0)
    assert [r.getMessage() for r in caplog.records] == [
        "rate limit: the server said to wait, so no request goes out for 60 s; it asked for 3600 s, "
        "and 60 s is the most tradex waits",
        "rate limit: the server said to wait, so no request goes out for 30 s",
    ]


def test_a_token_budget_holds_new_calls_until_the_minute_frees_it() -> None:
    now = [0.0]
    gate = RateGate(tokens_per_minute=1000, clock=lambda: now[0])
    gate.observe(200, {}, 600)
    assert gate.wait_s(now[0]) == 0.0
    now[0] = 10.0
    gate.observe(200, {}, 500)
    assert gate.wait_s(now[0]) == 50.0  # the first 600 tokens leave the window at t = 60
    assert gate.wait_s(60.0) == 0.0


def test_a_run_slows_down_when_the_server_answers_429(tmp_path: Path) -> None:
    """Eight workers; the server refuses the first burst with 429. Afterwards it never sees
    more than half of them at once, and every article still succeeds."""
    lock, state = threading.Lock(), {"in_flight": 0, "peak_after": 0, "refused": 0}

    def respond(body: dict[str, Any]) -> Reply:
        with lock:
            if state["refused"] < 8:
                state["refused"] += 1
                return too_many_requests("0")
            state["in_flight"] += 1
            state["peak_after"] = max(state["peak_after"], state["in_flight"])
        try:
            threading.Event().wait(0.05)
            return reading_model(body)
        finally:
            with lock:
                state["in_flight"] -= 1

    articles = tmp_path / "articles"
    articles.mkdir()
    for i in range(24):
        (articles / f"art{i:02d}.txt").write_text(growth_article(i))
    with loopback_server(respond) as server:
        args = ["extract", str(articles), "--backend", "openai", "--prompt", "v2", "--model", "fake-model",
                "--concurrency", "8", "--no-progress", "--out", str(tmp_path / "run"),
                "--base-url", server.url, "--store", str(tmp_path / "store"),
                "--prompts-dir", str(ROOT / "prompts")]  # fmt: skip
        result = CliRunner().invoke(app, args, env={"OPENAI_API_KEY": "sk-test"})
    assert result.exit_code == 0, result.output
    assert "24/24 articles ok" in result.output
    assert state["refused"] == 8 and 1 <= state["peak_after"] <= 4
