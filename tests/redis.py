"""The suite's Redis (127.0.0.1:6379, or FACET_TEST_REDIS_URL): a test that needs it skips when
none answers, and fails when CI=true."""

from __future__ import annotations

import os

import coredis
import pytest

REDIS_URL = os.environ.get("FACET_TEST_REDIS_URL", "redis://127.0.0.1:6379")


async def reachable_redis() -> str:
    """The URL of the test Redis, once it has answered a PING."""
    client: coredis.Redis[bytes] = coredis.Redis.from_url(REDIS_URL, connect_timeout=2)
    try:
        await client.ping()
    except (coredis.exceptions.ConnectionError, OSError) as error:
        if os.environ.get("CI") == "true":
            raise RuntimeError(f"CI=true but Redis is not reachable at {REDIS_URL}") from error
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    finally:
        client.connection_pool.disconnect()
    return REDIS_URL
