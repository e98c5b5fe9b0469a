"""Connections to the server, kept in several small pools rather than one large one.

Whenever a request starts or ends, httpcore checks every idle connection of its pool for a
server-side close (a poll and a getpeername each), so in one large pool the work per
request grows with the pool. Pools of a few connections keep that check short; each pool
keeps its connections alive as one pool would.
"""

from __future__ import annotations

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
        try:
            response = await self.pools[index].handle_async_request(request)
            await response.aread()  # read whole here, so the count above ends with the answer
        finally:
            self.busy[index] -= 1
        return response

    async def aclose(self) -> None:
        for pool in self.pools:
            await pool.aclose()
