"""The coded style: bare JSON objects and arrays, 204 with no body for deletes, a subscription's
values as server-sent events, and every error as `{code, message, trace_id, details?}` with dotted
codes (`auth.invalid_token`, `threads.not_found`, `validation.error`...). Errors also carry the
code under `error`, for clients that read that key."""

from __future__ import annotations

from . import JsonSchema

# "probe" answers 200 when the value's `status` is "ok" and 503 otherwise (`/readyz`);
# "sse" streams the values of a subscription, one event each.
KINDS = frozenset({"raw", "empty", "probe", "sse"})
VALIDATION_STATUS = 422
MALFORMED_BODY_STATUS = 422

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
