"""Schema extensions every domain uses."""

from __future__ import annotations

from collections.abc import AsyncIterator

from strawberry.extensions import SchemaExtension


class UnitOfWork(SchemaExtension):
    """One transaction per operation: committed when it succeeded, rolled back on any error,
    so a failed request never leaves half-written data."""

    async def on_operation(self) -> AsyncIterator[None]:  # type: ignore[override]
        yield
        result = self.execution_context.result
        failed = result is None or bool(result.errors)
        await self.execution_context.context.finish(commit=not failed)
