"""Why a failed answer failed, named from its shape: what small and local models send back
(llama.cpp, vLLM, Ollama) often fails for a reason the validation error hides.

- a repetition loop (the same few characters until the token limit);
- a truncated answer: `finish_reason` is `length`, or the answer used every token it was
  allowed while `finish_reason` still claims `tool_calls`, or its JSON ends mid-value;
- invalid JSON that is not cut off (raw newlines inside strings, prose after the JSON);
- a server that rejects the request's structured-output mode.

Pure functions over the completion as JSON, so they are tested on recorded answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipeline.extract.choices import InstructorMode

UNSUPPORTED = "unsupported_mode"
MIN_LOOP_REPEATS = 4
MIN_LOOP_CHARS = 40
_CUT_OFF = ("EOF while parsing", "unexpected end of")


@dataclass(frozen=True)
class Diagnosis:
    cause: str  # truncated, repetition, invalid_json, unsupported_mode
    reason: str


def answer_text(completion: dict[str, Any]) -> str:
    """What the model wrote: its tool-call arguments, else its message content."""
    choices = completion.get("choices") or [{}]
    message = choices[0].get("message") or {}
    calls = message.get("tool_calls") or []
    arguments = [str((call.get("function") or {}).get("arguments") or "") for call in calls]
    return "".join(arguments) or str(message.get("content") or "")


def repetition(text: str) -> tuple[str, int] | None:
    """The unit an answer ends by repeating, and how often, when it loops."""
    tail = text.rstrip()[-600:]
    # a unit fits the tail at least MIN_LOOP_REPEATS times, so it is never empty
    for size in range(1, min(120, len(tail) // MIN_LOOP_REPEATS) + 1):
        unit = tail[-size:]
        repeats = 1
        while (repeats + 1) * size <= len(tail) and tail[: len(tail) - repeats * size].endswith(unit):
            repeats += 1
        if repeats >= MIN_LOOP_REPEATS and repeats * size >= MIN_LOOP_CHARS:
            return unit, repeats
    return None


def diagnose_answer(
    completion: dict[str, Any] | None, max_tokens: int | None, json_error: str | None, reasks: int
) -> Diagnosis | None:
    """Name the failure of the last answer, or None when the validation error says it all.
    `json_error` is the JSON parser's message when the answer was not valid JSON."""
    if completion is None:
        return None
    text = answer_text(completion)
    finish = (completion.get("choices") or [{}])[0].get("finish_reason")
    used = int((completion.get("usage") or {}).get("completion_tokens") or 0)
    if (loop := repetition(text)) is not None:
        unit, repeats = loop
        return Diagnosis("repetition", f"repetition loop: {unit[:40]!r} repeated {repeats} times at the end")
    if finish == "length":
        return Diagnosis("truncated", f"truncated: finish_reason=length after {used} tokens")
    if not text.strip():  # nothing to be cut off: the server sent no answer at all
        return Diagnosis("empty_answer", f"empty answer: no text and no tool call (finish_reason={finish})")
    if max_tokens is not None and used >= max_tokens and json_error is not None:
        return Diagnosis(
            "truncated", f"truncated: arguments cut off at max_tokens={max_tokens} (finish_reason={finish})"
        )
    if json_error is not None and any(marker in json_error for marker in _CUT_OFF):
        return Diagnosis("truncated", f"truncated: arguments cut off (finish_reason={finish})")
    if json_error is not None:
        return Diagnosis("invalid_json", f"invalid JSON after {reasks} re-ask(s): {json_error}")
    return None


_MODE_WORDS = {
    InstructorMode.TOOLS: ("tool_choice", "tools"),
    InstructorMode.JSON_SCHEMA: ("response_format", "json_schema"),
    InstructorMode.MD_JSON: (),
}
_ALTERNATIVES = {
    InstructorMode.TOOLS: "--mode json_schema or md_json",
    InstructorMode.JSON_SCHEMA: "--mode tools or md_json",
    InstructorMode.MD_JSON: "--mode tools or json_schema",
}
_WHAT = {
    InstructorMode.TOOLS: "tools",
    InstructorMode.JSON_SCHEMA: "response_format json_schema",
    InstructorMode.MD_JSON: "md_json",
}


def diagnose_refusal(mode: InstructorMode, status: int, message: str) -> Diagnosis | None:
    """A server error that is the server refusing the structured-output mode itself."""
    if status not in (400, 404, 422, 500, 501):
        return None
    text = message.lower()
    if not any(word in text for word in _MODE_WORDS[mode]):
        return None
    return Diagnosis(
        UNSUPPORTED,
        f"server rejected {_WHAT[mode]} (HTTP {status}): use {_ALTERNATIVES[mode]}",
    )
