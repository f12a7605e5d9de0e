"""Executing a route's operation. `Executor` is the seam a faster executor plugs into: generated
routes only ever call `DomainRuntime.execute`, never an executor directly."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from graphql import GraphQLError
from strawberry import Schema

from app.errors import DomainError, InternalError

from .coercion import validation_failed

if TYPE_CHECKING:
    from .route import Route

log = logging.getLogger("facet.execute")


class Executor(Protocol):
    async def execute(self, route: Route, variables: dict[str, Any], context: Any) -> Any:
        """Return the value of the route's root field, or raise a `DomainError`."""
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


def domain_error(errors: Sequence[GraphQLError], body: str | None) -> DomainError:
    """The typed error behind a result's GraphQL errors. Errors without a path come from
    variable coercion, which for REST callers is request validation."""
    for error in errors:
        if isinstance(error.original_error, DomainError):
            return error.original_error
    if not any(error.path for error in errors):
        return validation_failed((error.message for error in errors), body)
    log.error("unexpected errors: %s", [error.message for error in errors])
    return InternalError("Internal server error")
