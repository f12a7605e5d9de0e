"""Executing a route's operation. `Executor` is the seam a faster executor plugs into: generated
routes only ever call `DomainRuntime.execute`, never an executor directly."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from graphql import GraphQLError
from strawberry import Schema

from app.errors import DomainError, InternalError, is_request_error

from .coercion import validation_failed

if TYPE_CHECKING:
    from .route import Route

log = logging.getLogger("facet.execute")
FIRST_RESULT_SECONDS = 1.0


class Executor(Protocol):
    async def execute(self, route: Route, variables: dict[str, Any], context: Any) -> Any:
        """Return the value of the route's root field, or raise a `DomainError`."""
        ...

    async def subscribe(
        self, route: Route, variables: dict[str, Any], context: Any
    ) -> AsyncIterator[Any]:
        """The root field's values as the subscription produces them. Errors up to the first
        value raise a `DomainError` here, before anything is sent."""
        ...


class StrawberryExecutor:
    """The stock path: Strawberry's executor with its parse and validation caches."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema

    async def execute(self, route: Route, variables: dict[str, Any], context: Any) -> Any:
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
