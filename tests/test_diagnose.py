"""Naming why an answer failed, on the shapes llama.cpp and SmolLM2 really sent back
(tool-call arguments cut off at max_tokens while finish_reason says tool_calls, raw
newlines in JSON strings, loops, a refused response_format), and auto mode's fallback."""

from __future__ import annotations

import asyncio
import json
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fakes import Reply, ScriptedTransport, answer, growth_article, reading_model
from helpers import ROOT

from pipeline.core.errors import ExtractionError
from pipeline.extract.choices import InstructorMode
from pipeline.extract.llm.client import Extractor, Settings
from pipeline.extract.llm.completions import tool_call_completion
from pipeline.extract.llm.diagnose import diagnose_answer, diagnose_refusal, repetition
from pipeline.extract.llm.prompts import load_prompt
from pipeline.io.articles import Article

# what llama.cpp returned for the seed article with --max-tokens 64 (tools mode)
CUT_OFF = (
    '{ "observations":[{"entity":"TH","entity_name":"Thailand\\",\\"metric\\"trade_value\\"\\"}]}\n'
    "The function is"
)


def completion(arguments: str, finish: str = "tool_calls", used: int = 64) -> dict[str, Any]:
    body = tool_call_completion({}, model="m", prompt_tokens=100, completion_tokens=used)
    body["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"] = arguments
    body["choices"][0]["finish_reason"] = finish
    return body


def test_arguments_cut_off_at_max_tokens_are_truncated_even_when_finish_reason_says_tool_calls() -> None:
    named = diagnose_answer(completion(CUT_OFF), 64, "Invalid JSON: control character found", 1)
    assert named is not None and named.cause == "truncated"
    assert named.reason == "truncated: arguments cut off at max_tokens=64 (finish_reason=tool_calls)"


def test_finish_reason_length_and_json_ending_mid_value_are_truncated() -> None:
    by_length = diagnose_answer(completion('{"observations": [', "length", 30), None, None, 0)
    assert by_length is not None and by_length.reason == "truncated: finish_reason=length after 30 tokens"
    by_eof = diagnose_answer(
        completion('{"observations": [{"va', used=10), None, "Invalid JSON: EOF while parsing", 0
    )
    assert by_eof is not None and by_eof.cause == "truncated"


def test_a_loop_is_named_before_the_truncation_it_causes() -> None:
    looping = '{"observations": [{"note": "' + "the exports rose, " * 30
    assert repetition(looping) == (" the exports rose,", 29)
    named = diagnose_answer(completion(looping, "length", 512), 512, "Invalid JSON: EOF while parsing", 1)
    assert named is not None and named.cause == "repetition" and "repetition loop" in named.reason
    assert repetition('{"observations": [{"value": 1.5, "unit": "percent"}]}') is None


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail a block that spins without ever yielding: an alarm interrupts pure Python loops."""

    def expire(*_: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_an_empty_or_short_answer_is_no_loop_and_is_diagnosed_at_once() -> None:
    with deadline(10):
        assert repetition("") is None
        assert repetition("   ") is None
        assert repetition("ab") is None
        assert repetition("x" * 39) is None and repetition("x" * 40) == ("x", 40)


def test_an_answer_with_no_text_fails_the_article_instead_of_hanging_the_run() -> None:
    empty = {
        "id": "chatcmpl-empty", "object": "chat.completion", "created": 0, "model": "m",
        "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": ""}}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 0, "total_tokens": 10},
    }  # fmt: skip
    server = ScriptedTransport([(200, empty, {}) for _ in range(2)])
    chosen = extractor(server, InstructorMode.TOOLS, max_retries=1)
    with deadline(30), pytest.raises(ExtractionError) as failed:
        asyncio.run(chosen.extract(Article(id="a1", text=growth_article(1))))
    assert failed.value.attempts == 2 and failed.value.cause == "empty_answer"
    assert failed.value.message.startswith(
        "empty answer: no text and no tool call (finish_reason=stop); 2 attempt(s)"
    )
    for mode in (InstructorMode.JSON_SCHEMA, InstructorMode.MD_JSON):  # not "cut off": there is nothing
        server = ScriptedTransport([(200, empty, {}) for _ in range(2)])
        with deadline(30), pytest.raises(ExtractionError) as failed:
            asyncio.run(
                extractor(server, mode, max_retries=1).extract(Article(id="a1", text=growth_article(1)))
            )
        assert failed.value.cause == "empty_answer", failed.value.message


def test_invalid_json_that_is_not_cut_off_names_the_re_asks() -> None:
    named = diagnose_answer(
        completion('{"a": "line\nbreak"}', used=20), 512, "Invalid JSON: control character", 2
    )
    assert named is not None and named.reason.startswith("invalid JSON after 2 re-ask(s): Invalid JSON")
    assert diagnose_answer(completion('{"observations": []}', used=20), 512, None, 2) is None


def test_a_server_refusing_the_mode_is_named_with_the_way_out() -> None:
    message = "Input should be 'text' or 'json_object' (body.response_format.type)"
    named = diagnose_refusal(InstructorMode.JSON_SCHEMA, 500, message)
    assert named is not None and named.cause == "unsupported_mode"
    assert (
        named.reason == "server rejected response_format json_schema (HTTP 500): use --mode tools or md_json"
    )
    assert diagnose_refusal(InstructorMode.JSON_SCHEMA, 500, "out of memory") is None
    assert diagnose_refusal(InstructorMode.TOOLS, 429, "tools rate limited") is None


def extractor(server: ScriptedTransport, mode: InstructorMode, **settings: Any) -> Extractor:
    prompt = load_prompt("v2", ROOT / "prompts")
    return Extractor(prompt, Settings(model="m", mode=mode, http_retries=0, **settings), server)


def no_tools_server(body: dict[str, Any]) -> Reply:
    """A server with neither tools nor json_schema: only a JSON answer in the message."""
    if "tools" in body:
        return 400, {"error": {"message": "tools and tool_choice are not supported"}}, {}
    if "response_format" in body:
        return (
            500,
            {"error": {"message": "response_format.type: Input should be 'text' or 'json_object'"}},
            {},
        )
    _, payload, _ = reading_model(body)
    arguments = payload["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"]
    payload["choices"][0]["message"] = {"role": "assistant", "content": f"```json\n{arguments}\n```"}
    payload["choices"][0]["finish_reason"] = "stop"
    return 200, payload, {}


def test_auto_mode_falls_back_once_per_refused_mode_and_keeps_the_mode_that_works() -> None:
    server = ScriptedTransport(respond=no_tools_server)
    chosen = extractor(server, InstructorMode.AUTO)
    first = asyncio.run(chosen.extract(Article(id="a1", text=growth_article(1))))
    assert first.observations[0].value == 1.5 and chosen.mode == InstructorMode.MD_JSON
    asked = len(server.bodies)
    asyncio.run(chosen.extract(Article(id="a2", text=growth_article(2))))
    assert len(server.bodies) == asked + 1  # the second article goes straight to md_json
    kinds = [
        "tools" if "tools" in b else "json_schema" if "response_format" in b else "md_json"
        for b in server.bodies
    ]
    assert kinds == ["tools", "json_schema", "md_json", "md_json"]


def test_without_auto_a_refused_mode_fails_with_its_name() -> None:
    server = ScriptedTransport(respond=no_tools_server)
    with pytest.raises(ExtractionError) as failed:
        asyncio.run(
            extractor(server, InstructorMode.JSON_SCHEMA).extract(Article(id="a1", text=growth_article(1)))
        )
    assert failed.value.cause == "unsupported_mode"
    assert (
        "server rejected response_format json_schema (HTTP 500): use --mode tools or md_json"
        in failed.value.message
    )


def test_a_cut_off_tool_call_through_the_real_client_is_named_truncated() -> None:
    replies = [(200, completion(CUT_OFF), {}) for _ in range(2)]
    server = ScriptedTransport(replies)
    with pytest.raises(ExtractionError) as failed:
        chosen = extractor(server, InstructorMode.TOOLS, max_tokens=64, max_retries=1)
        asyncio.run(chosen.extract(Article(id="a1", text=growth_article(1))))
    assert failed.value.cause == "truncated"
    assert failed.value.message.startswith(
        "truncated: arguments cut off at max_tokens=64 (finish_reason=tool_calls)"
    )
    assert json.loads(server.requests[0].content)["max_tokens"] == 64


def test_a_valid_answer_is_not_diagnosed() -> None:
    server = ScriptedTransport([answer([])])
    result = asyncio.run(
        extractor(server, InstructorMode.TOOLS).extract(Article(id="a1", text=growth_article(1)))
    )
    assert result.observations == []
