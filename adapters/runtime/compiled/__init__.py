"""Compiled execution plans: fixed operations (REST routes, persisted queries, repeated
documents) run on the same resolvers and dataloaders without graphql-core's per-field
completion. The compiled runner replaces only graphql-core's executor inside Strawberry's
`Schema.execute`, so parsing and validation caches, schema extensions (the unit of work),
`process_errors` and the HTTP layers are unchanged; whatever it does not support runs on the
standard executor."""

from __future__ import annotations

from typing import Any

from graphql.pyutils import AwaitableOrValue
from strawberry import Schema

from .plans import Plans
from .runner import Run

__all__ = ["Plans", "install"]


def install(schema: Schema, *, repeat: int = 2) -> Plans:
    """Make `schema` execute through compiled plans where it can; returns the plan cache.
    Installing twice keeps the first cache."""
    base: Any = schema.execution_context_class
    if isinstance(existing := getattr(base, "plans", None), Plans):
        return existing
    plans = Plans(schema._schema, repeat=repeat)

    class CompiledExecutor(base):  # type: ignore[misc]
        plans: Plans

        def execute_operation(self, serially: bool | None = None) -> AwaitableOrValue[Any]:
            plan = plans.plan_for(self) if _plain(self) else None
            if plan is None:
                return super().execute_operation(serially)
            if serially is None:
                serially = self.operation.operation.value == "mutation"
            return Run(self).execute(plan, serially)

    CompiledExecutor.plans = plans
    schema.execution_context_class = CompiledExecutor
    return plans


def _plain(executor: Any) -> bool:
    """No resolver middleware (schema extensions with a `resolve` hook), no abort signal, and
    the default null propagation: what the compiled runner implements."""
    middleware = executor.middleware_manager
    return (
        (middleware is None or middleware._middleware_resolvers is None)
        and executor.abort_signal is None
        and executor.error_propagation
    )
