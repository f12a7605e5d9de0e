"""The bare style: no envelope (each route answers its own JSON object or array), camelCase
names, and every error as `{error, code?, cause?}`, the message under `error` and whatever else
the error carries (a product code, a cause, `retryAfter`) beside it. Besides JSON a route may
answer with a redirect, an HTML page or a file's bytes."""

from __future__ import annotations

from . import JsonSchema

# "redirect" answers 302 to the URL the operation returns; "html" the page it returns; "file" the
# bytes of a `{contentBase64, contentType, fileName}` value, with that content type.
KINDS = frozenset({"raw", "redirect", "html", "file"})
VALIDATION_STATUS = 400
MALFORMED_BODY_STATUS = 400

ERROR_SCHEMA: JsonSchema = {
    "type": "object",
    "properties": {
        "error": {"type": "string"},
        "code": {"type": "string"},
        "cause": {"type": "string"},
    },
    "required": ["error"],
    "additionalProperties": {},
}

_MEDIA = {"html": "text/html", "file": "application/octet-stream"}


def describe(kind: str, payload: JsonSchema) -> JsonSchema | None:
    if kind == "redirect":
        return None
    if kind in _MEDIA:
        return {"type": "string", "format": "binary"} if kind == "file" else {"type": "string"}
    return payload


def empty_statuses(kind: str) -> tuple[int, ...]:
    return ()


def media_type(kind: str) -> str:
    return _MEDIA.get(kind, "application/json")
