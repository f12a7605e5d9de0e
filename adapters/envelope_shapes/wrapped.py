"""The wrapped style: `{data}` for one record, `{data, total}` for a page, 204 with no body for
deletes, and every error as `{error, details?}` (`details` in zod's flattened form for
validation)."""

from __future__ import annotations

from . import JsonSchema

# "maybe" is `raw` when the operation returns a value and 204 with no body when it returns null.
KINDS = frozenset({"item", "page", "raw", "maybe", "empty"})
VALIDATION_STATUS = 422
MALFORMED_BODY_STATUS = 400

ERROR_SCHEMA: JsonSchema = {
    "type": "object",
    "properties": {
        "error": {"type": "string"},
        "details": {"type": "object", "additionalProperties": {}},
    },
    "required": ["error"],
}


def describe(kind: str, payload: JsonSchema) -> JsonSchema | None:
    if kind == "empty":
        return None
    if kind == "item":
        return _object(data=payload)
    if kind == "page":
        return _object(data=payload["properties"]["items"], total=payload["properties"]["total"])
    if kind == "maybe":
        return _present(payload)
    return payload


def empty_statuses(kind: str) -> tuple[int, ...]:
    return (204,) if kind == "maybe" else ()


def media_type(kind: str) -> str:
    return "application/json"


def _present(schema: JsonSchema) -> JsonSchema:
    """The schema without its `null` alternative."""
    if "anyOf" in schema:
        options = [option for option in schema["anyOf"] if option != {"type": "null"}]
        return options[0] if len(options) == 1 else {**schema, "anyOf": options}
    if isinstance(schema.get("type"), list):
        return {**schema, "type": next(t for t in schema["type"] if t != "null")}
    return schema


def _object(**properties: JsonSchema) -> JsonSchema:
    return {"type": "object", "properties": properties, "required": list(properties)}
