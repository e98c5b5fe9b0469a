"""Fake model servers for tests: they speak real chat-completion JSON over HTTP, so the
openai client, instructor and our validators all run for real above them."""

from __future__ import annotations

import asyncio
import json
import re
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx2

from pipeline.extract.llm.completions import tool_call_completion

Reply = tuple[int, Any, dict[str, str]]  # status, JSON body (or raw bytes: a malformed one), headers


def answer(
    observations: list[dict[str, Any]], prompt_tokens: int = 100, completion_tokens: int = 20
) -> Reply:
    body = tool_call_completion(
        {"observations": observations},
        model="fake-model",
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
    )
    return 200, body, {}


def too_many_requests(retry_after: str = "0") -> Reply:
    return (
        429,
        {"error": {"message": "rate limited", "type": "rate_limit"}},
        {"retry-after": retry_after},
    )


GROWTH = re.compile(r"(?P<who>Guangdong|Zhejiang|Sichuan)'s exports rose (?P<v>[\d.]+) percent in 2025")
IDS = {"Guangdong": "CN-GD", "Zhejiang": "CN-ZJ", "Sichuan": "CN-SC"}


def growth_article(n: int) -> str:
    who = ("Guangdong", "Zhejiang", "Sichuan")[n % 3]
    return f"Report {n}. {who}'s exports rose {n}.5 percent in 2025, customs data showed."


def article_text(body: dict[str, Any]) -> str:
    """The user message (re-asks append messages after it)."""
    return str(next(m["content"] for m in body["messages"] if m["role"] == "user"))


def reading_model(body: dict[str, Any]) -> Reply:
    """A tiny 'model' that reads the growth figure of `growth_article` texts correctly."""
    text = article_text(body)
    match = GROWTH.search(text)
    assert match, text
    observation = {
        "entity": IDS[match["who"]],
        "entity_name": match["who"],
        "flow": "export",
        "metric": "trade_value",
        "change": "yoy",
        "value": float(match["v"]),
        "unit": "percent",
        "period": "2025",
        "evidence": match.group(0),
    }
    return answer([observation], prompt_tokens=len(text) // 4, completion_tokens=40)


@dataclass
class ScriptedTransport(httpx2.AsyncBaseTransport):
    """An httpx2 transport answering from a queue (or a function), counting concurrency."""

    replies: list[Reply] = field(default_factory=list)
    respond: Callable[[dict[str, Any]], Reply] | None = None
    delay_s: float = 0.0
    requests: list[httpx2.Request] = field(default_factory=list)
    bodies: list[dict[str, Any]] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            body = json.loads(await request.aread())
            self.requests.append(request)
            self.bodies.append(body)
            if self.delay_s:
                await asyncio.sleep(self.delay_s)
            status, payload, headers = self.respond(body) if self.respond else self.replies.pop(0)
            return httpx2.Response(status, json=payload, headers=headers)
        finally:
            self.in_flight -= 1


@dataclass
class LoopbackServer:
    """An OpenAI-compatible server on 127.0.0.1 in a thread."""

    respond: Callable[[dict[str, Any]], Reply]
    delay_s: float = 0.0
    headers_seen: list[dict[str, str]] = field(default_factory=list)
    url: str = ""


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that gave up (the timeout tests) is expected; anything else is not."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def _serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """A handler served on a free loopback port in a thread; yields the OpenAI base URL."""
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def loopback_server(
    respond: Callable[[dict[str, Any]], Reply], delay_s: float = 0.0
) -> Iterator[LoopbackServer]:
    state = LoopbackServer(respond, delay_s)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", 0))
            body = json.loads(self.rfile.read(length))
            state.headers_seen.append({k.lower(): v for k, v in self.headers.items()})
            if state.delay_s:
                threading.Event().wait(state.delay_s)
            status, payload, headers = state.respond(body)
            data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    with _serving(Handler) as url:
        state.url = url
        yield state


@dataclass
class BatchProvider:
    """The files and batches endpoints of an OpenAI-compatible provider: a batch is
    answered line by line by `respond` once it has been polled `polls` times."""

    respond: Callable[[dict[str, Any]], Reply]
    polls: int = 1
    url: str = ""
    files: dict[str, bytes] = field(default_factory=dict)
    batches: dict[str, dict[str, Any]] = field(default_factory=dict)
    polled: Counter[str] = field(default_factory=Counter)
    uploads: list[list[dict[str, Any]]] = field(default_factory=list)
    refuse_creates: int = 0  # answer this many batch creations with HTTP 400

    def upload(self, content_type: str, raw: bytes) -> dict[str, Any]:
        message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + raw)
        parts = {part.get_param("name", header="content-disposition"): part for part in message.iter_parts()}
        assert str(parts["purpose"].get_content()).strip() == "batch"
        data = parts["file"].get_payload(decode=True)
        file_id = f"file-{len(self.files) + 1}"
        self.files[file_id] = data
        self.uploads.append([json.loads(line) for line in data.decode().splitlines() if line.strip()])
        return {"id": file_id, "object": "file", "bytes": len(data), "created_at": 0,
                "filename": "requests.jsonl", "purpose": "batch"}  # fmt: skip

    def create(self, request: dict[str, Any]) -> dict[str, Any]:
        assert request["endpoint"] == "/v1/chat/completions" and request["completion_window"] == "24h"
        batch_id = f"batch-{len(self.batches) + 1}"
        lines = [json.loads(line) for line in self.files[request["input_file_id"]].decode().splitlines()]
        self.batches[batch_id] = {
            "id": batch_id, "object": "batch", "endpoint": request["endpoint"], "created_at": 0,
            "completion_window": "24h", "input_file_id": request["input_file_id"], "status": "in_progress",
            "request_counts": {"total": len(lines), "completed": 0, "failed": 0},
        }  # fmt: skip
        return self.batches[batch_id]

    def retrieve(self, batch_id: str) -> dict[str, Any]:
        batch = self.batches[batch_id]
        self.polled[batch_id] += 1
        if batch["status"] == "in_progress" and self.polled[batch_id] > self.polls:
            self._finish(batch)
        return batch

    def _finish(self, batch: dict[str, Any]) -> None:
        out = []
        for n, line in enumerate(self.files[batch["input_file_id"]].decode().splitlines()):
            request = json.loads(line)
            assert request["url"] == "/v1/chat/completions" and request["method"] == "POST"
            status, payload, _ = self.respond(request["body"])
            response = {"status_code": status, "request_id": f"req-{n}", "body": payload}
            out.append(
                {"id": f"r{n}", "custom_id": request["custom_id"], "response": response, "error": None}
            )
        output_id = f"file-{len(self.files) + 1}"
        self.files[output_id] = "".join(json.dumps(o) + "\n" for o in out).encode()
        completed = sum(o["response"]["status_code"] == 200 for o in out)
        counts = {"total": len(out), "completed": completed, "failed": len(out) - completed}
        batch.update(status="completed", output_file_id=output_id, request_counts=counts)


@contextmanager
def batch_provider(respond: Callable[[dict[str, Any]], Reply], polls: int = 1) -> Iterator[BatchProvider]:
    """A loopback server with the Batch API's files and batches endpoints."""
    state = BatchProvider(respond, polls)

    class Handler(BaseHTTPRequestHandler):
        def _send(self, status: int, payload: dict[str, Any] | bytes) -> None:
            data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("content-length", 0)))
            if self.path == "/v1/files":
                self._send(200, state.upload(self.headers["content-type"], raw))
            elif self.path == "/v1/batches" and state.refuse_creates:
                state.refuse_creates -= 1
                self._send(400, {"error": {"message": "simulated refusal", "type": "invalid_request_error"}})
            elif self.path == "/v1/batches":
                self._send(200, state.create(json.loads(raw)))
            else:
                self._send(404, {"error": {"message": f"no route {self.path}"}})

        def do_GET(self) -> None:
            parts = self.path.strip("/").split("/")
            if parts[:2] == ["v1", "batches"]:
                self._send(200, state.retrieve(parts[2]))
            elif parts[:2] == ["v1", "files"] and parts[3:] == ["content"]:
                self._send(200, state.files[parts[2]])
            else:
                self._send(404, {"error": {"message": f"no route {self.path}"}})

        def log_message(self, *args: Any) -> None:
            pass

    with _serving(Handler) as url:
        state.url = url
        yield state
