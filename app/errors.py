"""Typed domain errors: services raise them, each transport renders them in its own shape."""

from __future__ import annotations

from typing import Any, ClassVar


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


class ValidationFailed(DomainError):
    """Input that breaks a declared rule, with messages per field (GraphQL names) and overall."""

    code = "VALIDATION_ERROR"
    status = 422

    def __init__(
        self,
        field_errors: dict[str, list[str]] | None = None,
        form_errors: list[str] | None = None,
        message: str = "Validation error",
    ) -> None:
        super().__init__(message)
        self.field_errors = field_errors or {}
        self.form_errors = form_errors or []


class InternalError(DomainError):
    """An unexpected failure, rendered without internals."""

    graphql_code = "INTERNAL_SERVER_ERROR"
