"""One renderer per response style: results and errors as responses, in the shapes the style's
module of the same name in `adapters/envelope_shapes` describes to OpenAPI. Each domain app
builds its own, with the transport settings of that domain."""

from __future__ import annotations

import base64
import importlib
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any

import orjson
from starlette.responses import Response

from app.errors import DomainError, RateLimited

if TYPE_CHECKING:
    from ..route import Route


class Envelope(ABC):
    """A style's renderer; `kind` is a route's envelope kind (item, page, raw...)."""

    def __init__(self, *, sse_heartbeat_seconds: float) -> None:
        # Seconds between the comments that keep an idle server-sent event stream open.
        self.sse_heartbeat_seconds = sse_heartbeat_seconds

    @abstractmethod
    def render(self, kind: str, value: Any, status: int) -> Response: ...

    def render_route(self, route: Route, value: Any) -> Response:
        """A route's answer; styles that show a route's next actions override this."""
        return self.render(route.kind, value, route.status)

    @abstractmethod
    def render_error(self, error: DomainError) -> Response: ...

    def error_response(self, error: DomainError) -> Response:
        """The error as the style renders it, with the headers it calls for: a refusal to be
        retried later says when (`Retry-After`)."""
        response = self.render_error(error)
        if isinstance(error, RateLimited):
            response.headers["Retry-After"] = str(error.retry_after)
        return response


def json_response(body: Any, status: int) -> Response:
    return Response(orjson.dumps(body), status_code=status, media_type="application/json")


def file_response(
    content_base64: str,
    media_type: str | None,
    status: int,
    headers: dict[str, str] | None = None,
) -> Response:
    """A file a route answers as base64 (GraphQL's form of it), sent as its bytes."""
    media = media_type or "application/octet-stream"
    content = base64.b64decode(content_base64)
    return Response(content, status_code=status, media_type=media, headers=headers)


def get(style: str, *, sse_heartbeat_seconds: float) -> Envelope:
    """The renderer of `style`: the `Style` class of the module of that name."""
    module = importlib.import_module(f"{__name__}.{style}")
    style_class: type[Envelope] = module.Style
    return style_class(sse_heartbeat_seconds=sse_heartbeat_seconds)
