"""Per-key rate limits with the `limits` library: in memory by default, shared through Redis
when one is configured, so several app processes count together."""

from __future__ import annotations

import math
import time
from typing import Annotated

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


def storage(redis_url: str | None) -> Storage:
    if not redis_url:
        return MemoryStorage()
    uri = redis_url if redis_url.startswith("async+") else f"async+{redis_url}"
    found = storage_from_string(uri)
    assert isinstance(found, Storage)
    return found


class RateLimiter:
    """`rate` in the library's notation, e.g. "60/minute" or "10 per second"."""

    def __init__(self, rate: str, redis_url: str | None = None) -> None:
        self.item = limits.parse(rate)
        self.limiter = MovingWindowRateLimiter(storage(redis_url))

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
