"""Compiled execution plans: fixed operations (REST routes, persisted queries, repeated
documents) run on the same resolvers and dataloaders without graphql-core's per-field
completion. The compiled runner replaces only graphql-core's executor inside Strawberry's
`Schema.execute`, so parsing and validation caches, schema extensions (the unit of work),
`process_errors` and the HTTP layers are unchanged; whatever it does not support runs on the
standard executor."""

from __future__ import annotations

from copy import copy
from typing import Any, Protocol, runtime_checkable

from graphql import ExecutionResult
from graphql.execution.executor import CollectedErrors
from graphql.pyutils import AwaitableOrValue
from strawberry import Schema

from .plans import Plans
from .runner import Run

__all__ = ["FreshLoaders", "Plans", "install"]


@runtime_checkable
class FreshLoaders(Protocol):
    """A request context whose dataloaders can be dropped, so that the next use builds new ones
    that hold nothing yet."""

    def fresh_loaders(self) -> None: ...


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
            if serially or not isinstance(self.context_value, FreshLoaders):
                return Run(self).execute(plan, serially)
            return self.execute_in_order(plan)

        async def execute_in_order(self, plan: Any) -> Any:
            """A query the runner answers with several errors, or with an error that nulled
            a non-null position, is answered again by the standard executor with fresh
            dataloaders (cached values would change the order its tasks run in). graphql-core
            lists errors in the order its tasks meet them, and drops those met under a
            position an earlier error nulled; going level by level meets them in another
            order. Queries only, as they change nothing."""
            run = Run(self)
            result = await run.execute(plan, False)
            if not isinstance(result, ExecutionResult) or not (
                len(result.errors or ()) > 1 or run.propagated
            ):
                return result
            self.context_value.fresh_loaders()
            rerun = copy(self)
            rerun.collected_errors = CollectedErrors()
            answer = super(CompiledExecutor, rerun).execute_operation(False)
            return await answer if self.is_awaitable(answer) else answer

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
