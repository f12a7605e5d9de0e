"""The style of a FastAPI app on pydantic v1: flat JSON objects, an HTML index page, request
validation as the legacy 422 `{"detail": [{loc, msg, type}]}`, unknown routes as
`{"detail": "Not Found"}`, and every other error as `{"error": message}`."""

from __future__ import annotations

from . import JsonSchema

KINDS = frozenset({"raw", "html"})
VALIDATION_STATUS = 422
MALFORMED_BODY_STATUS = 422

_DETAIL_ITEM: JsonSchema = {
    "type": "object",
    "properties": {
        "loc": {"type": "array", "items": {"type": ["string", "integer"]}},
        "msg": {"type": "string"},
        "type": {"type": "string"},
    },
    "required": ["loc", "msg", "type"],
}
ERROR_SCHEMA: JsonSchema = {
    "type": "object",
    "properties": {
        "error": {"type": "string"},
        "detail": {"anyOf": [{"type": "string"}, {"type": "array", "items": _DETAIL_ITEM}]},
    },
}


def describe(kind: str, payload: JsonSchema) -> JsonSchema | None:
    return payload


def empty_statuses(kind: str) -> tuple[int, ...]:
    return ()


def media_type(kind: str) -> str:
    return "text/html" if kind == "html" else "application/json"
