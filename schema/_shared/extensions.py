"""Schema extensions and the schema class every domain uses."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import ParserCache, SchemaExtension, ValidationCache
from strawberry.types import ExecutionContext

from app.errors import DomainError, ValidationFailed, is_request_error


class UnitOfWork(SchemaExtension):
    """One transaction per operation: committed when it succeeded, rolled back on any error,
    so a failed request never leaves half-written data."""

    async def on_operation(self) -> AsyncIterator[None]:
        yield
        result = self.execution_context.result
        failed = result is None or bool(result.errors)
        await self.execution_context.context.finish(commit=not failed)


def caches() -> list[Any]:
    """Parse and validation caches: instances on purpose, so they live as long as the schema."""
    return [ParserCache(maxsize=1024), ValidationCache(maxsize=1024)]


def error_extensions(error: DomainError) -> dict[str, Any]:
    """What GraphQL clients get in `extensions` for a typed domain error."""
    extensions: dict[str, Any] = {
        "code": error.graphql_code,
        "reason": error.code,
        "status": error.status,
    }
    if isinstance(error, ValidationFailed) and (error.field_errors or error.form_errors):
        extensions["fieldErrors"] = error.field_errors
        extensions["formErrors"] = error.form_errors
    return extensions


REQUEST_ERROR = {"code": "BAD_USER_INPUT", "reason": "VALIDATION_ERROR", "status": 422}
INTERNAL_ERROR = {"code": "INTERNAL_SERVER_ERROR", "reason": "INTERNAL", "status": 500}


class DomainSchema(strawberry.Schema):
    """Labels every error in `extensions` (`code`, `reason`, `status`): typed domain errors by
    their class, request errors (syntax, validation, variable coercion) as bad input, anything
    else as an internal error whose message is masked once it is logged."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        unexpected = []
        for error in errors:
            original = error.original_error
            if isinstance(original, DomainError):
                labels = error_extensions(original)
            elif is_request_error(error):
                labels = REQUEST_ERROR
            else:
                unexpected.append(error)
                labels = INTERNAL_ERROR
            error.extensions = {**(error.extensions or {}), **labels}
        super().process_errors(unexpected, execution_context)
        for error in unexpected:
            error.message = "Internal server error"
