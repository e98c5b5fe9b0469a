"""Connections to the server in small pools: a burst opens only the pools it needs, no pool
holds more than its size, and connections are kept alive and reused across requests."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx2
import pytest

from pipeline.extract.llm.pools import PooledTransport


@contextmanager
def keepalive_server(burst: int) -> Iterator[tuple[str, set[int]]]:
    """An HTTP/1.1 server that holds each request until `burst` are in flight at once, and
    records the client port of every connection it serves."""
    ports: set[int] = set()
    barrier = threading.Barrier(burst, timeout=30)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("content-length", 0)))
            ports.add(self.client_address[1])
            barrier.wait()
            self.send_response(200)
            self.send_header("content-length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args: Any) -> None:
            pass

    class Server(ThreadingHTTPServer):
        request_queue_size = 64  # a burst's connections all wait in the listen backlog

    server = Server(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", ports
    finally:
        server.shutdown()
        server.server_close()


async def _bursts(transport: PooledTransport, url: str, burst: int, rounds: int) -> None:
    async with httpx2.AsyncClient(transport=transport) as client:
        for _ in range(rounds):
            replies = await asyncio.gather(*(client.post(url, content=b"{}") for _ in range(burst)))
            assert all(reply.status_code == 200 and reply.content == b"{}" for reply in replies)


def test_a_burst_opens_only_the_pools_it_needs_and_reuses_their_connections() -> None:
    transport = PooledTransport(connections=256, pool_size=8)
    with keepalive_server(burst=20) as (url, ports):
        asyncio.run(_bursts(transport, url, burst=20, rounds=3))
    assert len(transport.pools) == 3  # 20 at once: two full pools of 8 and one of 4
    assert transport.busy == [0, 0, 0]
    assert len(ports) == 20  # three rounds of 20 requests, over the first round's connections


def test_one_request_at_a_time_keeps_to_one_connection() -> None:
    transport = PooledTransport(connections=256, pool_size=8)
    with keepalive_server(burst=1) as (url, ports):
        asyncio.run(_bursts(transport, url, burst=1, rounds=5))
    assert len(transport.pools) == 1 and len(ports) == 1


def test_a_failed_request_frees_its_place() -> None:
    transport = PooledTransport(connections=16, pool_size=8)

    async def refused() -> None:
        async with httpx2.AsyncClient(transport=transport) as client:
            await client.post("http://127.0.0.1:9/", content=b"{}")  # nothing listens on port 9

    try:
        asyncio.run(refused())
    except httpx2.ConnectError:
        pass
    else:
        raise AssertionError("a request to a closed port succeeded")
    assert transport.busy == [0]


def test_an_answer_trickled_a_byte_at_a_time_is_cut_at_the_client_s_timeout() -> None:
    class Trickle(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("content-length", 0)))
            body = b'{"choices": []}' * 20
            self.send_response(200)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            try:
                for byte in body:  # each byte well inside the read timeout, the whole far outside it
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.1)
            except ConnectionError:
                pass  # the client gave up, as it should

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Trickle)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()

    async def ask() -> None:
        async with httpx2.AsyncClient(transport=PooledTransport(1), timeout=1.0) as client:
            await client.post(f"http://127.0.0.1:{server.server_address[1]}/", content=b"{}")

    started = time.perf_counter()
    try:
        with pytest.raises(httpx2.ReadTimeout, match="no whole answer within 1 s"):
            asyncio.run(ask())
    finally:
        server.shutdown()
        server.server_close()
    assert time.perf_counter() - started < 5  # the answer alone takes 30 s
