"""Everything a mounted domain needs at run time, kept on its FastAPI app's state."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from .envelopes import Envelope
from .execute import Executor


@dataclass
class DomainRuntime:
    envelope: Envelope
    context_getter: Callable[..., Awaitable[Any]]
    # Runs every route's operation (`execute.domain_executor` chose it).
    executor: Executor
    # What releases the domain's connections to shared stores (Redis), when the app stops.
    closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)

    async def close(self) -> None:
        for close in self.closers:
            await close()
