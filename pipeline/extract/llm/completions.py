"""Chat-completion JSON as an OpenAI-compatible server returns it.

Used to write responses by hand (clearly marked as such in their provenance) and by test
servers; the openai client parses these exactly as it parses a live answer.
"""

from __future__ import annotations

import json
from typing import Any


def tool_call_completion(
    arguments: dict[str, Any],
    *,
    model: str,
    prompt_tokens: int,
    completion_tokens: int,
    tool_name: str = "Extraction",
    completion_id: str = "chatcmpl-handwritten",
) -> dict[str, Any]:
    """A completion whose single tool call carries `arguments`, as in instructor's TOOLS mode."""
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": 0,
        "model": model,
        "choices": [
            {
                "index": 0,
                "finish_reason": "tool_calls",
                "message": {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [
                        {
                            "id": f"call_{completion_id[-8:]}",
                            "type": "function",
                            "function": {"name": tool_name, "arguments": json.dumps(arguments)},
                        }
                    ],
                },
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }
