"""The style of a FastAPI app on pydantic v1 (its shapes in `adapters/envelope_shapes`): flat
JSON objects, an HTML index page, request validation as the legacy 422 `{"detail": [{loc, msg,
type}]}`, unknown routes as `{"detail": "Not Found"}`, and every other error as
`{"error": message}` (500 always `{"error": "Internal Server Error"}`)."""

from __future__ import annotations

from typing import Any

from starlette.responses import HTMLResponse, Response

from app.errors import (
    DomainError,
    InternalError,
    MalformedBody,
    MethodNotAllowed,
    NotFound,
    Problem,
    ValidationFailed,
)

from . import Envelope, json_response

# Pydantic v1's wording for a value of the wrong type, by the type that was expected.
_WRONG_TYPE = {
    "String": ("str type expected", "type_error.str"),
    "ID": ("str type expected", "type_error.str"),
    "Int": ("value is not a valid integer", "type_error.integer"),
    "Float": ("value is not a valid float", "type_error.float"),
    "Boolean": ("value could not be parsed to a boolean", "type_error.bool"),
    "CommaList": ("value is not a valid list", "type_error.list"),
    "list": ("value is not a valid list", "type_error.list"),
}
_NOT_A_DICT = ("value is not a valid dict", "type_error.dict")


class Style(Envelope):
    def render(self, kind: str, value: Any, status: int) -> Response:
        if kind == "html":
            return HTMLResponse(value, status_code=status)
        return json_response(value, status)

    def render_error(self, error: DomainError) -> Response:
        if isinstance(error, ValidationFailed):
            return json_response({"detail": legacy_detail(error)}, 422)
        if isinstance(error, MalformedBody):
            item = {"loc": ["body", 0], "msg": "Expecting value", "type": "value_error.jsondecode"}
            return json_response({"detail": [item]}, 422)
        if isinstance(error, NotFound | MethodNotAllowed):
            detail = "Not Found" if error.status == 404 else "Method Not Allowed"
            return json_response({"detail": detail}, error.status)
        if isinstance(error, InternalError):
            return json_response({"error": "Internal Server Error"}, 500)
        return json_response({"error": error.message}, error.status)


def legacy_detail(error: ValidationFailed) -> list[dict[str, Any]]:
    if error.problems:
        return [_item(problem) for problem in error.problems]
    items = [
        {"loc": ["body", *path.split(".")], "msg": message, "type": "value_error"}
        for path, messages in error.field_errors.items()
        for message in messages
    ]
    items += [
        {"loc": ["body"], "msg": message, "type": "value_error"} for message in error.form_errors
    ]
    return items or [{"loc": ["body"], "msg": error.message, "type": "value_error"}]


def _item(problem: Problem) -> dict[str, Any]:
    if problem.kind == "missing":
        msg, kind = "field required", "value_error.missing"
    elif problem.kind == "null":
        msg, kind = "none is not an allowed value", "type_error.none.not_allowed"
    elif problem.kind == "type":
        msg, kind = _WRONG_TYPE.get(problem.expected or "", _NOT_A_DICT)
    elif problem.expected is not None:
        msg, kind = "value is not a valid enumeration member", "type_error.enum"
    else:
        msg, kind = problem.message, "value_error"
    return {"loc": list(problem.loc), "msg": msg, "type": kind}
