"""The coded style (shapes in `adapters/envelope_shapes/coded.py`): bare JSON, 204 with no body
for deletes, a subscription's values as server-sent events, and every error as `{code, error,
message, trace_id, details?}` under dotted codes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import orjson
from starlette.responses import Response

from adapters.envelope_shapes.coded import MALFORMED_BODY_STATUS
from app.errors import DomainError, InternalError, MalformedBody, ValidationFailed

from ..streaming import Frame, sse_response
from ..tracing import current_trace_id
from . import Envelope, json_response

# Platform errors under this style's codes; domain errors already carry theirs.
CODES = {
    "BAD_REQUEST": "validation.error",
    "VALIDATION_ERROR": "validation.error",
    "UNAUTHENTICATED": "auth.unauthorized",
    "FORBIDDEN": "auth.forbidden",
    "NOT_FOUND": "not_found",
    "METHOD_NOT_ALLOWED": "http.method_not_allowed",
    "CONFLICT": "conflict",
    "PAYLOAD_TOO_LARGE": "http.request_too_large",
    "RATE_LIMITED": "rate_limit",
    "NOT_SUPPORTED": "not_supported",
    "UPSTREAM_FAILED": "provider.error",
    "INTERNAL": "internal.error",
}


class Style(Envelope):
    def render(self, kind: str, value: Any, status: int) -> Response:
        if kind == "empty":
            return Response(status_code=status)
        if kind == "probe":
            return json_response(value, status if value.get("status") == "ok" else 503)
        if kind == "sse":
            return sse_response(_frames(value), heartbeat_seconds=self.sse_heartbeat_seconds)
        return json_response(value, status)

    def render_error(self, error: DomainError) -> Response:
        code = CODES.get(error.code, error.code)
        message = "Internal server error" if isinstance(error, InternalError) else error.message
        body: dict[str, Any] = {
            "code": code,
            "error": code,
            "message": message,
            "trace_id": current_trace_id.get(),
        }
        details = _details(error)
        if details:
            body["details"] = details
        return json_response(
            body, MALFORMED_BODY_STATUS if isinstance(error, MalformedBody) else error.status
        )


async def _frames(events: AsyncIterator[dict[str, Any]]) -> AsyncIterator[Frame]:
    async for event in events:
        yield Frame(data=orjson.dumps(event).decode(), id=str(event["seq"]), event=event["type"])


def _details(error: DomainError) -> dict[str, Any] | None:
    if error.details or not isinstance(error, ValidationFailed):
        return error.details
    if not (error.field_errors or error.form_errors):
        return None
    return {"fields": error.field_errors, "errors": error.form_errors}
