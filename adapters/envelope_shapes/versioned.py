"""The versioned style: every success body is `{schema_version, data, next_actions}`, where
`next_actions` lists `{command, description}` hints for the calls that usually follow (declared
with each operation); a subscription's values stream as server-sent `data:` frames; errors are
FastAPI's `{"detail": ...}`: an object `{code, message, fix}` (plus `errors` for request
validation), or a plain string for a missing or refused credential and for unknown routes."""

from __future__ import annotations

from . import JsonSchema

SCHEMA_VERSION = "v0"
# "sse" streams the values of a subscription, one `data:` frame each; "text" answers the
# operation's string as plain text (a guide for agents); "file" the bytes of a
# `{content_base64, content_type}` value, with that content type.
KINDS = frozenset({"raw", "sse", "text", "file"})
VALIDATION_STATUS = 422
MALFORMED_BODY_STATUS = 422

NEXT_ACTION_SCHEMA: JsonSchema = {
    "type": "object",
    "properties": {"command": {"type": "string"}, "description": {"type": "string"}},
    "required": ["command", "description"],
}

ERROR_SCHEMA: JsonSchema = {
    "type": "object",
    "properties": {
        "detail": {
            "anyOf": [
                {
                    "type": "object",
                    "properties": {
                        "code": {"type": "string"},
                        "message": {"type": "string"},
                        "fix": {"type": "string"},
                        "errors": {"type": "array", "items": {"type": "object"}},
                    },
                    "required": ["code", "message", "fix"],
                },
                {"type": "string"},
            ]
        }
    },
    "required": ["detail"],
}

EVENT_STREAM_SCHEMA: JsonSchema = {
    "type": "string",
    "description": "Server-sent events: `id: <cursor>` and `data: <the event as JSON>` per "
    "event, and `: ping` comments as heartbeats.",
}


def describe(kind: str, payload: JsonSchema) -> JsonSchema | None:
    if kind == "sse":
        return EVENT_STREAM_SCHEMA
    if kind == "text":
        return {"type": "string"}
    if kind == "file":
        return {"type": "string", "format": "binary"}
    return {
        "type": "object",
        "properties": {
            "schema_version": {"type": "string", "const": SCHEMA_VERSION},
            "data": payload,
            "next_actions": {"type": "array", "items": NEXT_ACTION_SCHEMA},
        },
        "required": ["schema_version", "data", "next_actions"],
    }


def empty_statuses(kind: str) -> tuple[int, ...]:
    return ()


def media_type(kind: str) -> str:
    media = {"sse": "text/event-stream", "text": "text/plain", "file": "application/octet-stream"}
    return media.get(kind, "application/json")
