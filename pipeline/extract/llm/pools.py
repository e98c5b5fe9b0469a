"""Connections to the server, kept in several small pools rather than one large one.

Whenever a request starts or ends, httpcore checks every idle connection of its pool for a
server-side close (a poll and a getpeername each), so in one large pool the work per
request grows with the pool. Pools of a few connections keep that check short; each pool
keeps its connections alive as one pool would.
"""

from __future__ import annotations

import asyncio
import math

import httpx2

POOL_SIZE = 8


class PooledTransport(httpx2.AsyncBaseTransport):
    def __init__(self, connections: int, pool_size: int = POOL_SIZE) -> None:
        self.pool_size = pool_size
        self.max_pools = max(1, math.ceil(connections / pool_size))
        self._limits = httpx2.Limits(max_connections=pool_size, max_keepalive_connections=pool_size)
        self._ssl = httpx2.create_ssl_context()  # shared: each one reads the whole CA bundle
        self.pools: list[httpx2.AsyncHTTPTransport] = []
        self.busy: list[int] = []  # requests in flight, per pool

    def _pick(self) -> int:
        """The first pool with a connection to spare, so that a burst like the last one
        finds its connections where it left them; a new pool only when none has one."""
        for index, busy in enumerate(self.busy):
            if busy < self.pool_size:
                return index
        if len(self.pools) < self.max_pools:
            self.pools.append(httpx2.AsyncHTTPTransport(verify=self._ssl, limits=self._limits))
            self.busy.append(0)
            return len(self.pools) - 1
        return min(range(len(self.busy)), key=self.busy.__getitem__)

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        index = self._pick()
        self.busy[index] += 1
        limit = _whole_request_limit(request)
        try:
            # httpx times each read; a server trickling a byte at a time never trips that
            async with asyncio.timeout(limit):
                response = await self.pools[index].handle_async_request(request)
                await response.aread()  # read whole here, so the count above ends with the answer
        except TimeoutError as exc:
            raise httpx2.ReadTimeout(f"no whole answer within {limit:g} s", request=request) from exc
        finally:
            self.busy[index] -= 1
        return response

    async def aclose(self) -> None:
        for pool in self.pools:
            await pool.aclose()


def _whole_request_limit(request: httpx2.Request) -> float | None:
    """The client's timeout, as the limit on a whole request and its answer."""
    timeouts = request.extensions.get("timeout") or {}
    limits = [v for v in timeouts.values() if isinstance(v, int | float)]
    return max(limits) if limits else None
