"""The versioned style (shapes in `adapters/envelope_shapes/versioned.py`): `{schema_version,
data, next_actions}` around every answer, a subscription's values as `data:` frames, and errors
as FastAPI's `{"detail": ...}`: `{code, message, fix}` (request validation adds pydantic's
`errors`), a plain string for a missing or refused credential and for unknown routes. An error
offers its `fix` under `details["fix"]`; platform errors get this style's codes and fixes."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

import orjson
from starlette.responses import PlainTextResponse, Response

from adapters.envelope_shapes.versioned import SCHEMA_VERSION
from app.errors import (
    Busy,
    DomainError,
    Forbidden,
    InternalError,
    MalformedBody,
    MethodNotAllowed,
    NotFound,
    Problem,
    Unauthenticated,
    ValidationFailed,
)

from ..streaming import Frame, sse_response
from . import Envelope, file_response, json_response

if TYPE_CHECKING:
    from ..route import NextAction, Route

# Platform errors under this style's codes, each with its one-line fix.
PLATFORM = {
    "VALIDATION_ERROR": ("validation_error", "Correct the fields listed in detail.errors."),
    "BAD_REQUEST": ("validation_error", "Send a JSON body that matches the documented schema."),
    "CONFLICT": ("conflict", "Read the resource again and retry with its current state."),
    "PAYLOAD_TOO_LARGE": ("request_too_large", "Send a smaller request body."),
    "RATE_LIMITED": ("rate_limited", "Wait for the Retry-After window, then retry."),
    "NOT_SUPPORTED": ("not_supported", "Configure a model provider on the server."),
    "UPSTREAM_FAILED": ("upstream_error", "Retry later; the model provider failed."),
    "INTERNAL": ("internal_error", "Retry with backoff; report it if it persists."),
}
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
# Pydantic v2's wording for a value of the wrong type, by the type that was expected.
_WRONG_TYPE = {
    "String": ("Input should be a valid string", "string_type"),
    "ID": ("Input should be a valid string", "string_type"),
    "Int": ("Input should be a valid integer", "int_type"),
    "Float": ("Input should be a valid number", "float_type"),
    "Boolean": ("Input should be a valid boolean", "bool_type"),
    "list": ("Input should be a valid list", "list_type"),
    "CommaList": ("Input should be a valid list", "list_type"),
}
_NOT_A_DICT = ("Input should be a valid dictionary", "dict_type")


class Style(Envelope):
    def render(self, kind: str, value: Any, status: int) -> Response:
        return self._answer(kind, value, status, ())

    def render_route(self, route: Route, value: Any) -> Response:
        return self._answer(route.kind, value, route.status, route.next_actions)

    def _answer(
        self, kind: str, value: Any, status: int, hints: tuple[NextAction, ...]
    ) -> Response:
        if kind == "sse":
            return sse_response(_frames(value), heartbeat_seconds=self.sse_heartbeat_seconds)
        if kind == "text":
            return PlainTextResponse(value, status_code=status)
        if kind == "file":
            return file_response(value["content_base64"], value["content_type"], status)
        body = {
            "schema_version": SCHEMA_VERSION,
            "data": value,
            "next_actions": [_hint(action, value) for action in hints],
        }
        return json_response(body, status)

    def render_error(self, error: DomainError) -> Response:
        plain = _plain_detail(error)
        if plain is not None:
            return json_response({"detail": plain}, error.status)
        code, fix = PLATFORM.get(error.code, (error.code, ""))
        details = error.details or {}
        message = "Internal server error" if isinstance(error, InternalError) else error.message
        detail: dict[str, Any] = {"code": code, "message": message, "fix": details.get("fix", fix)}
        # What else the error carries goes beside them (e.g. the readiness a refusal is about).
        detail.update({key: value for key, value in details.items() if key not in detail})
        if isinstance(error, ValidationFailed):
            detail["errors"] = validation_errors(error)
        status = 422 if isinstance(error, MalformedBody) else error.status
        return json_response({"detail": detail}, status)


def _plain_detail(error: DomainError) -> str | None:
    """FastAPI's plain-string details: a credential missing or refused (the platform's own
    codes; a product code such as an expired key keeps the object), infrastructure
    unavailable, and unknown routes or methods."""
    if type(error).code in (Unauthenticated.code, Forbidden.code, Busy.code):
        return error.message
    if type(error) is NotFound:
        return "Not Found"
    if type(error) is MethodNotAllowed:
        return "Method Not Allowed"
    return None


def _hint(action: NextAction, value: Any) -> dict[str, str]:
    fields = value if isinstance(value, dict) else {}

    def filled(match: re.Match[str]) -> str:
        found = fields.get(match.group(1))
        return str(found) if isinstance(found, str | int) else match.group(0)

    return {
        "command": PLACEHOLDER.sub(filled, action.command),
        "description": action.description,
    }


async def _frames(events: AsyncIterator[dict[str, Any]]) -> AsyncIterator[Frame]:
    async for event in events:
        yield Frame(data=orjson.dumps(event).decode(), id=str(event["cursor"]))


def validation_errors(error: ValidationFailed) -> list[dict[str, Any]]:
    """Pydantic v2's `{loc, msg, type}` items for each problem."""
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
        msg, kind = "Field required", "missing"
    elif problem.kind in ("type", "null"):
        msg, kind = _WRONG_TYPE.get(problem.expected or "", _NOT_A_DICT)
    elif problem.choices:
        msg = "Input should be " + " or ".join(f"'{choice}'" for choice in problem.choices)
        kind = "enum"
    else:
        msg, kind = problem.message, "value_error"
    return {"loc": list(problem.loc), "msg": msg, "type": kind}
