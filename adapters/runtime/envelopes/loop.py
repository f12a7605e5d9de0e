"""Loop's style: `{data}` for one record, `{data, total}` for a page, 204 with no body for deletes,
and every error as `{error, details?}` (`details` in zod's flattened form for validation)."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from app.errors import DomainError, InternalError, ValidationFailed

from . import JsonSchema, json_response

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


def render(kind: str, value: Any, status: int) -> Response:
    if kind == "empty":
        return Response(status_code=status)
    if kind == "maybe" and value is None:
        return Response(status_code=204)
    if kind == "item":
        return json_response({"data": value}, status)
    if kind == "page":
        return json_response({"data": value["items"], "total": value["total"]}, status)
    return json_response(value, status)


def render_error(error: DomainError) -> Response:
    if isinstance(error, InternalError):
        return json_response({"error": "Internal server error"}, 500)
    body: dict[str, Any] = {"error": error.message}
    if isinstance(error, ValidationFailed):
        body["details"] = {"formErrors": error.form_errors, "fieldErrors": error.field_errors}
    elif error.details:
        body["details"] = error.details
    return json_response(body, error.status)


def describe(kind: str, payload: JsonSchema) -> JsonSchema | None:
    """The JSON Schema of a success body, given the schema of the operation's root field."""
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


def _present(schema: JsonSchema) -> JsonSchema:
    """The schema without its `null` alternative."""
    if "anyOf" in schema:
        options = [option for option in schema["anyOf"] if option != {"type": "null"}]
        return options[0] if len(options) == 1 else {**schema, "anyOf": options}
    if isinstance(schema.get("type"), list):
        return {**schema, "type": next(t for t in schema["type"] if t != "null")}
    return schema


def media_type(kind: str) -> str:
    return "application/json"


def _object(**properties: JsonSchema) -> JsonSchema:
    return {"type": "object", "properties": properties, "required": list(properties)}
