"""How many requests may be in flight, adapted to what the server says.

On a 429 the limit is halved and new requests wait out its Retry-After; when a response
says `x-ratelimit-remaining-requests` or `-tokens` is 0, new requests wait for the matching
`x-ratelimit-reset-*`; after each `recover_after` answers in a row the limit grows by one
(additive increase, multiplicative decrease), until it no longer binds. An optional budget
of tokens per minute holds new requests while the last minute's answers used it up.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager

RECOVER_AFTER = 10
DEFAULT_PAUSE_S = 1.0
# the longest a server's header may hold the run: the openai client too ignores a Retry-After
# over a minute, and "1e9" or "100000h" from a broken proxy would otherwise stall it for good
MAX_PAUSE_S = 60.0
# a pause this long is told on stderr (once, as it starts), so a run that seems stuck says why
NOTED_PAUSE_S = 10.0
_log = logging.getLogger("tradex.ratelimit")
_DURATION = re.compile(r"(?P<n>\d+(?:\.\d+)?)(?P<unit>ms|s|m|h)")
_SECONDS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_duration(text: str) -> float | None:
    """Seconds in a rate-limit header: "1.5", "20ms", "6m0s", "1h2m"."""
    text = text.strip()
    try:
        return float(text)
    except ValueError:
        parts = _DURATION.findall(text)
        return sum(float(n) * _SECONDS[unit] for n, unit in parts) if parts else None


def pause_for(status: int, headers: Mapping[str, str]) -> float:
    """How long new requests should wait after this response (0: not at all), at most
    MAX_PAUSE_S; a value that is no duration (negative, NaN) counts as DEFAULT_PAUSE_S."""
    asked = _asked_pause(status, headers)
    if not asked >= 0:  # negative or NaN
        return DEFAULT_PAUSE_S
    return min(asked, MAX_PAUSE_S)


def _asked_pause(status: int, headers: Mapping[str, str]) -> float:
    if status == 429:
        if (ms := headers.get("retry-after-ms")) is not None and (seconds := parse_duration(ms)) is not None:
            return seconds / 1000
        retry = parse_duration(headers.get("retry-after", ""))
        return DEFAULT_PAUSE_S if retry is None else retry
    waits = [
        parse_duration(headers.get(f"x-ratelimit-reset-{kind}", "")) or DEFAULT_PAUSE_S
        for kind in ("requests", "tokens")
        if headers.get(f"x-ratelimit-remaining-{kind}", "").strip() == "0"
    ]
    return max(waits, default=0.0)


class RateGate:
    def __init__(
        self,
        tokens_per_minute: int | None = None,
        recover_after: int = RECOVER_AFTER,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.tokens_per_minute, self.recover_after, self.clock = tokens_per_minute, recover_after, clock
        self.limit: int | None = None  # None: the server has not pushed back
        self.in_flight = self.peak = self.successes = 0
        self.paused_until = 0.0
        self.spent: deque[tuple[float, int]] = deque()  # (when, tokens) over the last minute
        self.changed = asyncio.Condition()

    def wait_s(self, now: float) -> float:
        """How long a new request must wait before it may go, 0 if it may go now."""
        wait = self.paused_until - now
        while self.spent and self.spent[0][0] <= now - 60:
            self.spent.popleft()
        budget = self.tokens_per_minute
        if budget is not None and self.spent and sum(tokens for _, tokens in self.spent) >= budget:
            wait = max(wait, self.spent[0][0] + 60 - now)
        return max(wait, 0.0)

    def observe(self, status: int, headers: Mapping[str, str], tokens: int) -> None:
        """Adapt to one answer: its status, its rate-limit headers and the tokens it used."""
        now = self.clock()
        pause = pause_for(status, headers)
        if pause >= NOTED_PAUSE_S and now + pause > self.paused_until + 1:
            asked = _asked_pause(status, headers)
            beyond = (
                f"; it asked for {asked:g} s, and {MAX_PAUSE_S:g} s is the most tradex waits"
                if asked > pause
                else ""
            )
            _log.warning(
                "rate limit: the server said to wait, so no request goes out for %g s%s", pause, beyond
            )
        self.paused_until = max(self.paused_until, now + pause)
        if tokens:
            self.spent.append((now, tokens))
        if status == 429:
            self.limit = max(1, (self.limit or self.in_flight + 1) // 2)
            self.successes = 0
        elif status < 400 and self.limit is not None:
            self.successes += 1
            if self.successes >= self.recover_after:
                self.successes = 0
                self.limit = None if self.limit + 1 > self.peak else self.limit + 1

    async def _acquire(self) -> None:
        while True:
            async with self.changed:
                wait = self.wait_s(self.clock())
                if wait <= 0:
                    if self.limit is None or self.in_flight < self.limit:
                        self.in_flight += 1
                        self.peak = max(self.peak, self.in_flight)
                        return
                    await self.changed.wait()  # until a call in flight ends
                    continue
            await asyncio.sleep(wait)  # a pause or the token budget: no lock held meanwhile

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold one of the requests allowed in flight for the duration of a call."""
        await self._acquire()
        try:
            yield
        finally:
            async with self.changed:
                self.in_flight -= 1
                self.changed.notify_all()
