"""Registration's rate limit, per client address (sign-in attempts are the platform's login
throttle's), counted in Redis when the platform has one and in this process otherwise; a
refusal is 429 with `retryAfter`."""

from __future__ import annotations

from functools import cache

from app.errors import RateLimited
from app.ratelimit import RateLimiter

from .. import errors


@cache
def _limiter(rate: str, redis_url: str | None) -> RateLimiter:
    return RateLimiter(rate, redis_url)


async def check(bucket: str, rate: str, redis_url: str | None, client: str | None) -> None:
    wait = await _limiter(rate, redis_url).hit("openloomi", bucket, client or "unknown")
    if wait is not None:
        raise RateLimited(errors.TOO_MANY_REQUESTS, wait)
