"""The wrapped style (shapes in `adapters/envelope_shapes/wrapped.py`): `{data}` for one record,
`{data, total}` for a page, 204 with no body for deletes, errors as `{error, details?}`, with
request validation worded as Zod words it."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from app.errors import DomainError, InternalError, ValidationFailed

from .. import zod
from . import Envelope, json_response


class Style(Envelope):
    def render(self, kind: str, value: Any, status: int) -> Response:
        if kind == "empty":
            return Response(status_code=status)
        if kind == "maybe" and value is None:
            return Response(status_code=204)
        if kind == "item":
            return json_response({"data": value}, status)
        if kind == "page":
            return json_response({"data": value["items"], "total": value["total"]}, status)
        return json_response(value, status)

    def render_error(self, error: DomainError) -> Response:
        if isinstance(error, InternalError):
            return json_response({"error": "Internal server error"}, 500)
        body: dict[str, Any] = {"error": error.message}
        if isinstance(error, ValidationFailed):
            body["details"] = zod.details(error)
        elif error.details:
            body["details"] = error.details
        return json_response(body, error.status)
