"""Per-key rate limits with the `limits` library: in memory by default, shared through Redis
when one is configured, so several app processes count together."""

from __future__ import annotations

import math
import time
from typing import Annotated

import coredis
import limits
from limits.aio.storage import MemoryStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string
from pydantic import AfterValidator


def _parsed(rate: str) -> str:
    limits.parse(rate)  # its ValueError says what is wrong
    return rate


# A setting holding a rate in the library's notation, checked when the settings are read.
Rate = Annotated[str, AfterValidator(_parsed)]


def _redis_storage(redis_url: str, pool: coredis.ConnectionPool) -> Storage:
    # The library documents `connection_pool` among the options it hands the Redis client,
    # though its annotation admits only scalars.
    found = storage_from_string(f"async+{redis_url}", connection_pool=pool)  # type: ignore[arg-type]
    assert isinstance(found, Storage)
    return found


class RateLimiter:
    """`rate` in the library's notation, e.g. "60/minute" or "10 per second". With a Redis URL
    it holds connections to Redis until `close`."""

    def __init__(self, rate: str, redis_url: str | None = None) -> None:
        self.item = limits.parse(rate)
        self.pool: coredis.ConnectionPool | None = None
        store: Storage = MemoryStorage()
        if redis_url:
            redis_url = redis_url.removeprefix("async+")
            self.pool = coredis.ConnectionPool.from_url(redis_url)
            store = _redis_storage(redis_url, self.pool)
        self.limiter = MovingWindowRateLimiter(store)

    @property
    def description(self) -> str:
        return str(self.item)

    async def hit(self, *keys: str, cost: int = 1) -> int | None:
        """Count `cost` units at once, or none of them; None when allowed, else the seconds
        until the oldest counted unit leaves the window."""
        if await self.limiter.hit(self.item, *keys, cost=cost):
            return None
        stats = await self.limiter.get_window_stats(self.item, *keys)
        return max(1, math.ceil(stats.reset_time - time.time()))

    async def clear(self, *keys: str) -> None:
        """Forget what was counted under `keys`."""
        await self.limiter.clear(self.item, *keys)

    async def close(self) -> None:
        """Close the connections to Redis, if any."""
        if self.pool is not None:
            self.pool.disconnect()
