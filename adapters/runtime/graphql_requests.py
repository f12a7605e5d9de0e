"""Reading GraphQL requests, and refusing malformed ones as GraphQL answers errors: 400 with
`{"data": null, "errors": [{"message", "extensions": {code, reason, status}}]}`, where
Strawberry answers plain text (and 500 for what it does not expect).

Request JSON is read by orjson, as REST bodies are. Python's json module, Strawberry's reader,
lets through a lone surrogate (`"\\ud800"`), which neither the database nor a response can
encode, and integers past 64 bits, which orjson cannot write back (orjson reads them as
floats); it fails on invalid UTF-8 and on nesting deep enough to overflow the stack with errors
Strawberry does not expect, hence 500s. orjson refuses them as malformed JSON, and reads at
most 1024 levels."""

from __future__ import annotations

from typing import Any

import orjson
from cross_web import HTTPException
from starlette.responses import Response

from app.errors import BadRequest, DomainError, MethodNotAllowed, NotFound

JSON_TYPES = {str: "a string", int: "a number", float: "a number", bool: "a boolean"}
# Strawberry refuses requests with these statuses; anything else is labelled a bad request.
REFUSALS: dict[int, type[DomainError]] = {404: NotFound, 405: MethodNotAllowed}


def decode_json(data: str | bytes) -> object:
    """JSON as the endpoint reads it; an `orjson.JSONDecodeError` is a `json.JSONDecodeError`,
    which Strawberry's WebSocket handlers answer as a message that is not JSON."""
    return orjson.loads(data)


def parse_json(data: str | bytes) -> dict[str, Any] | list[Any]:
    """A request body, or its `variables` or `extensions` sent in a query string: a JSON
    object (an array is a batch, which Strawberry refuses itself)."""
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError as error:
        raise HTTPException(400, f"Unable to parse the request's JSON: {error}") from None
    if not isinstance(value, dict | list):
        found = "null" if value is None else JSON_TYPES[type(value)]
        raise HTTPException(400, f"Expected a JSON object, found {found}")
    return value


def refusal(error: HTTPException) -> Response:
    """What Strawberry refused, answered in GraphQL's shape, labelled as domain errors are."""
    kind = REFUSALS.get(error.status_code, BadRequest)
    labels = {"code": kind.graphql_code, "reason": kind.code, "status": error.status_code}
    body = {"data": None, "errors": [{"message": error.reason, "extensions": labels}]}
    return Response(orjson.dumps(body), error.status_code, media_type="application/json")
