"""Executing a route's operation. `Executor` is the seam a faster executor plugs into: generated
routes only ever call `DomainRuntime.execute`, never an executor directly."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Protocol

from graphql import GraphQLError
from strawberry import Schema

from app.errors import DomainError, InternalError, ValidationFailed

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
            raise domain_error(result.errors[0])
        assert result.data is not None
        return result.data[route.field]


def domain_error(error: GraphQLError) -> DomainError:
    """The typed error behind a GraphQL error. Errors without a path come from variable
    coercion, which for REST callers is request validation."""
    original = error.original_error
    if isinstance(original, DomainError):
        return original
    if not error.path:
        return ValidationFailed(form_errors=[error.message])
    log.error("unexpected error in %s", error.path, exc_info=original)
    return InternalError("Internal server error")
