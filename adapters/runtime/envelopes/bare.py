"""The bare style (shapes in `adapters/envelope_shapes/bare.py`): each route's own JSON, a
redirect, an HTML page or a file's bytes, and every error as `{error, ...}`: the message, then
what the error carries in its details (`code`, `cause`...). Request validation is 400 with
Zod's messages joined; a refused rate is 429 with `retryAfter`."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.responses import HTMLResponse, RedirectResponse, Response

from adapters.envelope_shapes.bare import VALIDATION_STATUS
from app.errors import DomainError, InternalError, RateLimited, ValidationFailed

from .. import zod
from ..binding import field_name
from . import Envelope, file_response, json_response


class Style(Envelope):
    def render(self, kind: str, value: Any, status: int) -> Response:
        if kind == "redirect":
            return RedirectResponse(str(value), status_code=status)
        if kind == "html":
            return HTMLResponse(str(value), status_code=status)
        if kind == "file":
            return _file(value, status)
        return json_response(value, status)

    def render_error(self, error: DomainError) -> Response:
        if isinstance(error, InternalError):
            return json_response({"error": "Internal server error"}, 500)
        if isinstance(error, ValidationFailed):
            return json_response({"error": validation_message(error)}, VALIDATION_STATUS)
        body: dict[str, Any] = {"error": error.message, **(error.details or {})}
        if isinstance(error, RateLimited):
            body["retryAfter"] = error.retry_after  # `Retry-After` is set for every style
        return json_response(body, error.status)


def validation_message(error: ValidationFailed) -> str:
    """Every problem as `field: message`, as a Zod error's issues are listed, joined."""
    if not error.problems:
        listed = [f"{name}: {text}" for name, texts in error.field_errors.items() for text in texts]
        return ", ".join(listed + error.form_errors) or error.message
    return ", ".join(_issue(problem.loc, zod.message(problem)) for problem in error.problems)


def _issue(loc: tuple[str | int, ...], message: str) -> str:
    return f"{field_name(loc[1:])}: {message}" if len(loc) > 1 else message


def _file(value: dict[str, Any], status: int) -> Response:
    headers = {}
    if value.get("fileName"):
        headers["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(value['fileName'])}"
    if value.get("cacheControl"):
        headers["Cache-Control"] = value["cacheControl"]
    return file_response(value["contentBase64"], value.get("contentType"), status, headers)
