"""One module per product response style. Each renders results and errors at run time and
describes the same shapes as JSON Schema for the OpenAPI documents codegen writes."""

from __future__ import annotations

import importlib
from typing import Any, Protocol, cast

import orjson
from starlette.responses import Response

from app.errors import DomainError

JsonSchema = dict[str, Any]


class Envelope(Protocol):
    """What a product style provides; `kind` is a route's envelope kind (item, page, raw...)."""

    KINDS: frozenset[str]
    ERROR_SCHEMA: JsonSchema
    VALIDATION_STATUS: int
    MALFORMED_BODY_STATUS: int

    def render(self, kind: str, value: Any, status: int) -> Response: ...

    def render_error(self, error: DomainError) -> Response: ...

    def describe(self, kind: str, payload: JsonSchema) -> JsonSchema | None: ...

    def empty_statuses(self, kind: str) -> tuple[int, ...]:
        """Further success statuses a kind answers with no body (e.g. 204 for "nothing")."""
        ...

    def media_type(self, kind: str) -> str:
        """The success body's content type for OpenAPI (`application/json` for JSON kinds)."""
        ...


def json_response(body: Any, status: int) -> Response:
    return Response(orjson.dumps(body), status_code=status, media_type="application/json")


def get(style: str) -> Envelope:
    return cast(Envelope, importlib.import_module(f"{__name__}.{style}"))
