"""In-process wake-ups for readers that follow a growing record (e.g. a run's events): writers
bump a key after they commit, readers wait for a bump past what they have seen. Readers still
poll on a timeout, which covers writers in other processes."""

from __future__ import annotations

import asyncio
import contextlib
from collections import defaultdict


class Notifier:
    def __init__(self) -> None:
        self._versions: defaultdict[str, int] = defaultdict(int)
        self._changed: defaultdict[str, asyncio.Event] = defaultdict(asyncio.Event)

    def version(self, key: str) -> int:
        return self._versions[key]

    def notify(self, key: str) -> None:
        self._versions[key] += 1
        self._changed.pop(key, asyncio.Event()).set()

    async def wait(self, key: str, seen: int, seconds: float) -> None:
        """Until `key` moves past version `seen`, or `seconds` pass."""
        if self._versions[key] > seen:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._changed[key].wait(), seconds)


notifier = Notifier()
