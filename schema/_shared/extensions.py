"""Schema extensions and the schema class every domain uses."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import suppress
from functools import partial
from typing import Any

import strawberry
from graphql import DocumentNode, GraphQLError, parse
from strawberry.extensions import SchemaExtension
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.name_converter import NameConverter
from strawberry.schema.schema import validate_document
from strawberry.types import ExecutionContext

from app.caches import TextCache
from app.errors import DomainError, RateLimited, ValidationFailed, is_request_error


class UnitOfWork(SchemaExtension):
    """One transaction per operation: committed when it succeeded, rolled back on any error,
    so a failed request never leaves half-written data. An operation that ends by raising (its
    request's task cancelled, say) is rolled back too, and its session gives its connection
    back; a connection the interruption broke may fail to roll back, which must not hide why
    the operation ended."""

    async def on_operation(self) -> AsyncIterator[None]:
        try:
            yield
        except BaseException:
            with suppress(Exception):
                await self.execution_context.context.finish(commit=False)
            raise
        result = self.execution_context.result
        failed = result is None or bool(result.errors)
        await self.execution_context.context.finish(commit=not failed)


# What the caches of one domain's schema may hold: characters of query text each. A parsed
# document takes about a hundred times its text's length in memory.
PARSE_CACHE_TEXT = 512 * 1024
VALIDATION_CACHE_TEXT = 512 * 1024


class ParsedByText(SchemaExtension):
    """Parsed documents kept per query text and parse options, as Strawberry's `ParserCache`
    keeps them, but bounded by the length of the texts held rather than by their number (its
    cache is also one per process, shared by every schema). `parsed` is the schema's."""

    def __init__(self, parsed: TextCache[DocumentNode]) -> None:
        super().__init__()
        self.parsed = parsed

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.query is not None:
            key = (context.query, tuple(sorted(context.parse_options.items())))
            document = self.parsed.get(key)
            if document is None:
                document = parse(context.query, **context.parse_options)
                self.parsed.put(key, context.query, document)
            context.graphql_document = document
        yield


class ValidationByText(SchemaExtension):
    """Validation errors kept per query text and rules, as Strawberry's `ValidationCache` keeps
    them per parsed document: hashing a document walks its whole tree on every request, while
    a string's hash is computed once. A request without text is validated as usual. Each
    request has its own extension; `found` is the schema's, shared by its requests."""

    def __init__(self, found: TextCache[list[GraphQLError]]) -> None:
        super().__init__()
        self.found = found

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if context.query is None:
            yield
            return
        key = (context.query, context.validation_rules)
        errors = self.found.get(key)
        if errors is None:
            assert context.graphql_document is not None
            errors = validate_document(
                context.schema._schema, context.graphql_document, context.validation_rules
            )
            self.found.put(key, context.query, errors)
        context.pre_execution_errors = errors
        yield


class ConvertedOnce(NameConverter):
    """Strawberry converts each argument's name again on every resolver call, to find it among
    the request's arguments; a name converts the same every time, so each is converted once."""

    def __init__(self, auto_camel_case: bool = True) -> None:
        super().__init__(auto_camel_case)
        self.converted: dict[str, str] = {}

    def apply_naming_config(self, name: str) -> str:
        found = self.converted.get(name)
        if found is None:
            found = self.converted[name] = super().apply_naming_config(name)
        return found


def domain_config(*, auto_camel_case: bool) -> StrawberryConfig:
    """Every domain's schema configuration: whether Python names are camel-cased."""
    return StrawberryConfig(auto_camel_case=auto_camel_case, name_converter=ConvertedOnce())


def caches() -> list[Callable[[], SchemaExtension]]:
    """Parse and validation caches, as factories: Strawberry builds each request's extensions
    (an instance shared by concurrent requests would see another's execution context). What
    they cache lives as long as the schema."""
    parsed: TextCache[DocumentNode] = TextCache(PARSE_CACHE_TEXT)
    validations: TextCache[list[GraphQLError]] = TextCache(VALIDATION_CACHE_TEXT)
    return [partial(ParsedByText, parsed), partial(ValidationByText, validations)]


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
    if isinstance(error, RateLimited):
        extensions["retryAfter"] = error.retry_after  # seconds, as REST's Retry-After
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
