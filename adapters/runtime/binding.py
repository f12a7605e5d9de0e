"""HTTP → GraphQL variables: comma lists from query strings, JSON bodies pruned to known keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import orjson
from starlette.requests import Request

from app.errors import BadRequest, ValidationFailed

if TYPE_CHECKING:
    from .route import BodyShape


def csv(value: str | None) -> list[str] | None:
    """`?status=todo,done` → ["todo", "done"]; blank items are ignored."""
    if value is None:
        return None
    return [item.strip() for item in value.split(",") if item.strip()]


async def read_json_body(request: Request, shape: BodyShape | None) -> Any:
    raw = await request.body()
    if not raw.strip():
        raise ValidationFailed(form_errors=["Request body must be a JSON object"])
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise BadRequest("Malformed JSON in request body") from None
    if not isinstance(body, dict):
        raise ValidationFailed(form_errors=["Request body must be a JSON object"])
    return prune(body, shape) if shape is not None else body


def prune(value: dict[str, Any], shape: BodyShape) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    for key, item in value.items():
        if key not in shape:
            continue
        nested = shape[key]
        kept[key] = prune(item, nested) if nested is not None and isinstance(item, dict) else item
    return kept
