"""Typed domain errors: services raise them, each transport renders them in its own shape."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal

if TYPE_CHECKING:
    from graphql import GraphQLError


class DomainError(Exception):
    """A business-rule failure with a stable code, an HTTP status and a client-facing message."""

    code: ClassVar[str] = "INTERNAL"
    status: ClassVar[int] = 500
    # The conventional GraphQL label (Apollo's codes) GraphQL clients and tools act on.
    graphql_code: ClassVar[str] = "BAD_USER_INPUT"

    def __init__(self, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class BadRequest(DomainError):
    code = "BAD_REQUEST"
    status = 400


class Unauthenticated(DomainError):
    code = "UNAUTHENTICATED"
    status = 401
    graphql_code = "UNAUTHENTICATED"


class InvalidSignature(Unauthenticated):
    """A signed request (a webhook) whose signature does not match its body. Over GraphQL the
    signature is an argument the caller passed, so it is labelled bad input there."""

    graphql_code = "BAD_USER_INPUT"


class Forbidden(DomainError):
    code = "FORBIDDEN"
    status = 403
    graphql_code = "FORBIDDEN"


class NotFound(DomainError):
    code = "NOT_FOUND"
    status = 404


class MethodNotAllowed(DomainError):
    code = "METHOD_NOT_ALLOWED"
    status = 405


class Conflict(DomainError):
    code = "CONFLICT"
    status = 409


class MalformedBody(BadRequest):
    """A request body that is not parseable JSON."""


ProblemKind = Literal["missing", "type", "null", "value"]


class Unknown(enum.Enum):
    """A problem's `received` when the value was not sent, or is not known."""

    VALUE = "unknown"


UNKNOWN = Unknown.VALUE


@dataclass(frozen=True)
class Problem:
    """One invalid input, structured for products whose errors say where and what kind:
    `loc` starts with the request part (`body`, `query`, `path`); `expected` names the wanted
    type for `type` problems (a GraphQL type name, `object` or `list`). A product that words
    its messages from the value sent reads `received` (as it was sent: a query value is still
    text) and, for an enum, its `choices`; they describe the problem and take no part in
    comparing two."""

    loc: tuple[str | int, ...]
    kind: ProblemKind
    message: str
    expected: str | None = None
    received: Any = field(default=UNKNOWN, compare=False)
    choices: tuple[str, ...] = field(default=(), compare=False)


class ValidationFailed(DomainError):
    """Input that breaks a declared rule, with messages per field (GraphQL names) and overall,
    and the same problems structured when the source knows them."""

    code = "VALIDATION_ERROR"
    status = 422

    def __init__(
        self,
        field_errors: dict[str, list[str]] | None = None,
        form_errors: list[str] | None = None,
        message: str = "Validation error",
        problems: list[Problem] | None = None,
    ) -> None:
        super().__init__(message)
        self.field_errors = field_errors or {}
        self.form_errors = form_errors or []
        self.problems = problems or []


class PayloadTooLarge(DomainError):
    code = "PAYLOAD_TOO_LARGE"
    status = 413


class RateLimited(DomainError):
    code = "RATE_LIMITED"
    status = 429
    graphql_code = "RATE_LIMITED"

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class NotSupported(DomainError):
    """A capability this deployment does not have (e.g. an AI provider without a model)."""

    code = "NOT_SUPPORTED"
    status = 501


class UpstreamFailed(DomainError):
    """A service this one depends on failed or answered nonsense; its details stay in logs."""

    code = "UPSTREAM_FAILED"
    status = 502
    graphql_code = "INTERNAL_SERVER_ERROR"


class Busy(DomainError):
    """A transient conflict over a shared resource (e.g. SQLite's write lock); retrying helps."""

    code = "BUSY"
    status = 503
    graphql_code = "SERVICE_UNAVAILABLE"


class InternalError(DomainError):
    """An unexpected failure, rendered without internals."""

    graphql_code = "INTERNAL_SERVER_ERROR"


def is_request_error(error: GraphQLError) -> bool:
    """Whether a GraphQL error without a domain error behind it is about the request itself:
    syntax, validation or variable coercion. Those carry no path, and point at the document or
    wrap no exception. An exception raised outside field resolution (a failed commit, a crash in
    an extension) comes back with neither a path nor a node, and is the server's fault."""
    return not error.path and (bool(error.nodes) or error.original_error is None)
