"""HTTP → GraphQL variables: comma lists from query strings, JSON bodies pruned to known keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import orjson
from starlette.requests import Request

from app.errors import MalformedBody, Problem, ValidationFailed

if TYPE_CHECKING:
    from .route import BodyShape


def csv(value: str | None) -> list[str] | None:
    """`?status=todo,done` → ["todo", "done"]; blank items are ignored."""
    if value is None:
        return None
    return [item.strip() for item in value.split(",") if item.strip()]


NOT_AN_OBJECT = "Request body must be a JSON object"


async def read_json_body(request: Request, shape: BodyShape | None) -> Any:
    raw = await request.body()
    if not raw.strip():
        missing = Problem(("body",), "missing", NOT_AN_OBJECT)
        raise ValidationFailed(form_errors=[NOT_AN_OBJECT], problems=[missing])
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise MalformedBody("Malformed JSON in request body") from None
    if not isinstance(body, dict):
        wrong = Problem(("body",), "type", NOT_AN_OBJECT, expected="object")
        raise ValidationFailed(form_errors=[NOT_AN_OBJECT], problems=[wrong])
    return prune(body, shape) if shape is not None else body


def prune(value: dict[str, Any], shape: BodyShape) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    for key, item in value.items():
        if key not in shape:
            continue
        nested = shape[key]
        kept[key] = prune(item, nested) if nested is not None and isinstance(item, dict) else item
    return kept
