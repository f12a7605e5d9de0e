"""The executors a domain serves with, and the one seam every route goes through:
`run_route` calls its domain's `Executor.execute`, for queries, mutations and streams alike.
`build_domain_app` chooses the executor (`domain_executor`), and GraphQL over HTTP executes on
the same one's `schema`."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from copy import copy
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from graphql import ExecutionResult, GraphQLError
from graphql.pyutils import AwaitableOrValue
from strawberry import Schema
from strawberry.extensions import SchemaExtension

from app.errors import DomainError, InternalError, is_request_error

from .coercion import validation_failed
from .compiled import internals
from .compiled.internals import Execution
from .compiled.plan import ObjectPlan
from .compiled.plans import Plans
from .compiled.runner import Result, Run

if TYPE_CHECKING:
    from .route import Route

log = logging.getLogger("facet.execute")
FIRST_RESULT_SECONDS = 1.0


class Executor(Protocol):
    # The schema GraphQL over HTTP executes on.
    schema: Schema

    async def execute(self, route: Route, variables: dict[str, Any], context: Any) -> Any:
        """The value of the route's root field (for a stream route, an async iterator of its
        values), or raise a `DomainError`. Errors up to a stream's first value raise here,
        before anything is sent."""
        ...

    def prepare(self, document: str) -> None:
        """Get ready to run `document`, one of the app's own (a REST route's)."""
        ...


Extensions = Sequence[Callable[[], SchemaExtension]]


def domain_executor(
    schema: Schema, *, compiled_plans: bool, extensions: Extensions = ()
) -> Executor:
    """Compiled plans, unless turned off (`FACET_COMPILED_PLANS=false`) or the installed
    Strawberry or graphql-core no longer has what the runner relies on (logged once). The
    executor runs on a copy of the domain's schema with `extensions` added (one app's request
    guards), so apps built with other settings share the schema's types but not its guards."""
    guarded = with_extensions(schema, extensions)
    if compiled_plans and not internals.mismatches():
        return CompiledPlanExecutor(guarded)
    return StandardExecutor(guarded)


def with_extensions(schema: Schema, extensions: Extensions) -> Schema:
    if not extensions:
        return schema
    extended = copy(schema)
    extended.extensions = (*schema.extensions, *extensions)
    return extended


class StandardExecutor:
    """Strawberry's executor (graphql-core's), with the schema's parse and validation caches."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema

    def prepare(self, document: str) -> None:
        """Nothing to prepare: each document is interpreted as it comes."""

    async def execute(self, route: Route, variables: dict[str, Any], context: Any) -> Any:
        if route.stream:
            return await self.subscribe(route, variables, context)
        result = await self.schema.execute(
            route.document,
            variable_values=variables,
            context_value=context,
            operation_name=route.operation,
        )
        if result.errors:
            raise domain_error(result.errors, route.body)
        assert result.data is not None
        return result.data[route.field]

    async def subscribe(
        self, route: Route, variables: dict[str, Any], context: Any
    ) -> AsyncIterator[Any]:
        results = await self.schema.subscribe(
            route.document,
            variable_values=variables,
            context_value=context,
            operation_name=route.operation,
        )
        # Refusals (auth, not found) come with the first result, and are answered as errors
        # when they arrive quickly; a stream whose first event is slow starts at once instead,
        # so the client gets its headers and heartbeats while it waits.
        first = asyncio.ensure_future(anext(results))
        done, _ = await asyncio.wait({first}, timeout=FIRST_RESULT_SECONDS)
        if not done:
            return _values(first, results, route.field)
        try:
            result = first.result()
        except StopAsyncIteration:
            return _empty()
        except BaseException:
            await results.aclose()
            raise
        if result.errors:
            await results.aclose()
            raise domain_error(result.errors, route.body)
        return _values(first, results, route.field)


@runtime_checkable
class FreshLoaders(Protocol):
    """A request context whose dataloaders can be dropped, so that the next use builds new ones
    that hold nothing yet."""

    def fresh_loaders(self) -> None: ...


class CompiledPlanExecutor(StandardExecutor):
    """The standard executor, but an operation with a compiled plan (see `compiled`) is run by
    `answer`: its `schema` is a copy of the domain's whose execution context
    (`internals.with_plan_execution`) asks `answer` before graphql-core's executor runs."""

    def __init__(self, schema: Schema, *, repeat: int = 2) -> None:
        self.plans = Plans(internals.graphql_schema(schema), repeat=repeat)
        super().__init__(internals.with_plan_execution(schema, self.answer))

    def prepare(self, document: str) -> None:
        self.plans.prepare(document)

    def answer(self, execution: Execution, serially: bool) -> AwaitableOrValue[Result] | None:
        """The operation's answer from its plan; None (graphql-core's executor answers) when
        it has none."""
        plan = self.plans.plan_for(execution.scope)
        if plan is None:
            return None
        if serially or not isinstance(execution.context, FreshLoaders):
            return Run(execution).execute(plan, serially)
        return self._in_order(execution, plan)

    async def _in_order(self, execution: Execution, plan: ObjectPlan) -> Result:
        """A query the runner answers with several errors, or with an error that nulled a
        non-null position, is answered again by the standard executor with fresh dataloaders
        (cached values would change the order its tasks run in). graphql-core lists errors in
        the order its tasks meet them, and drops those met under a position an earlier error
        nulled; going level by level meets them in another order. Queries only, as they change
        nothing."""
        run = Run(execution)
        result = await run.execute(plan, False)
        if not isinstance(result, ExecutionResult) or not (
            len(result.errors or ()) > 1 or run.propagated
        ):
            return result
        execution.context.fresh_loaders()
        return await execution.answer_again()


async def _empty() -> AsyncIterator[Any]:
    return
    yield  # pragma: no cover  (makes this an async generator)


async def _values(first: asyncio.Future[Any], results: Any, field: str) -> AsyncIterator[Any]:
    """The first result, then the rest; an error ends the stream (it is logged)."""
    try:
        result = await first
        while True:
            if result.errors:
                log.error("subscription ended by errors: %s", [e.message for e in result.errors])
                return
            yield result.data[field]
            result = await anext(results)
    except StopAsyncIteration:
        return
    finally:
        await results.aclose()


def domain_error(errors: Sequence[GraphQLError], body: str | None) -> DomainError:
    """The typed error behind a result's GraphQL errors. Request errors come from variable
    coercion, which for REST callers is request validation; anything else is internal."""
    for error in errors:
        if isinstance(error.original_error, DomainError):
            return error.original_error
    if all(is_request_error(error) for error in errors):
        return validation_failed((error.message for error in errors), body)
    log.error("unexpected errors: %s", [error.message for error in errors])
    return InternalError("Internal server error")
