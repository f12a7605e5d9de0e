"""Everything a mounted domain needs at run time, kept on its FastAPI app's state."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from strawberry import Schema

from .envelopes import Envelope
from .execute import Executor

if TYPE_CHECKING:
    from .route import Route


@dataclass
class DomainRuntime:
    schema: Schema
    envelope: Envelope
    context_getter: Callable[..., Awaitable[Any]]
    executor: Executor

    async def execute(self, route: Route, variables: dict[str, Any], context: Any) -> Any:
        return await self.executor.execute(route, variables, context)
