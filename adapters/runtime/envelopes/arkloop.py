"""Arkloop's style: bare JSON objects and arrays, 204 with no body for deletes, run events as
server-sent events, and every error as `{code, message, trace_id, details?}` with product codes
(`auth.invalid_token`, `threads.not_found`, `validation.error`...). Errors also carry the code
under `error`, the key Arkloop's overview page shows."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from typing import Any

import orjson
from starlette.responses import Response

from app.errors import DomainError, InternalError, MalformedBody, ValidationFailed

from ..streaming import Frame, sse_response
from ..tracing import current_trace_id
from . import JsonSchema, json_response

# "probe" answers 200 when the value's `status` is "ok" and 503 otherwise (`/readyz`);
# "sse" streams the values of a subscription, one event each.
KINDS = frozenset({"raw", "empty", "probe", "sse"})
VALIDATION_STATUS = 422
MALFORMED_BODY_STATUS = 422
HEARTBEAT_SECONDS = float(os.environ.get("ARKLOOP_SSE_HEARTBEAT_SECONDS", "15"))

# Platform errors under Arkloop's codes; domain errors already carry theirs.
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

ERROR_SCHEMA: JsonSchema = {
    "type": "object",
    "properties": {
        "code": {"type": "string"},
        "error": {"type": "string"},
        "message": {"type": "string"},
        "trace_id": {"type": "string"},
        "details": {"type": "object", "additionalProperties": {}},
    },
    "required": ["code", "message", "trace_id"],
}

EVENT_STREAM_SCHEMA: JsonSchema = {
    "type": "string",
    "description": "Server-sent events: `id: <seq>`, `event: <type>`, `data: <the event as "
    "JSON>`, and `: ping` comments as heartbeats.",
}


def render(kind: str, value: Any, status: int) -> Response:
    if kind == "empty":
        return Response(status_code=status)
    if kind == "probe":
        return json_response(value, status if value.get("status") == "ok" else 503)
    if kind == "sse":
        return sse_response(_frames(value), heartbeat_seconds=HEARTBEAT_SECONDS)
    return json_response(value, status)


async def _frames(events: AsyncIterator[dict[str, Any]]) -> AsyncIterator[Frame]:
    async for event in events:
        yield Frame(data=orjson.dumps(event).decode(), id=str(event["seq"]), event=event["type"])


def render_error(error: DomainError) -> Response:
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


def _details(error: DomainError) -> dict[str, Any] | None:
    if error.details or not isinstance(error, ValidationFailed):
        return error.details
    if not (error.field_errors or error.form_errors):
        return None
    return {"fields": error.field_errors, "errors": error.form_errors}


def describe(kind: str, payload: JsonSchema) -> JsonSchema | None:
    if kind == "empty":
        return None
    if kind == "sse":
        return EVENT_STREAM_SCHEMA
    return payload


def empty_statuses(kind: str) -> tuple[int, ...]:
    return ()


def media_type(kind: str) -> str:
    return "text/event-stream" if kind == "sse" else "application/json"
