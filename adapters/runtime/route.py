"""What a generated REST route is, and the one path every route runs through."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from app.errors import DomainError, ValidationFailed

from .binding import BodyShape, read_body
from .coercion import with_values
from .domain import DomainRuntime


@dataclass(frozen=True, slots=True)
class NextAction:
    """A hint for the call that usually follows a route's answer (styles that show them put
    them beside the data). `{name}` in the command is filled with the answer's field `name`."""

    command: str
    description: str


@dataclass(frozen=True, slots=True)
class Route:
    """One documented endpoint: a named GraphQL operation plus its HTTP metadata. A `stream`
    route runs a subscription and hands the envelope an async iterator of its values."""

    operation: str
    document: str
    field: str
    kind: str
    status: int
    body: str | None = None
    body_shape: BodyShape | None = None
    raw_body: str | None = None
    stream: bool = False
    body_required: bool = True
    next_actions: tuple[NextAction, ...] = ()


async def run_route(request: Request, route: Route, variables: dict[str, Any]) -> Response:
    """Bind the request to the operation's variables, execute it, and render the envelope."""
    runtime: DomainRuntime = request.app.state.facet
    bound = {name: value for name, value in variables.items() if value is not None}
    context = await runtime.context_getter(request)
    try:
        if route.body is not None and (route.body_required or (await request.body()).strip()):
            bound[route.body] = await read_body(request, route.body_shape)
        if route.raw_body is not None:
            bound[route.raw_body] = (await request.body()).decode("utf-8", errors="replace")
        value = await runtime.executor.execute(route, bound, context)
    except ValidationFailed as error:
        schema = runtime.executor.schema._schema
        failed = with_values(error, bound, route.body, schema)
        return _with_hooks(runtime.envelope.render_error(failed), context)
    except DomainError as error:
        return _with_hooks(runtime.envelope.error_response(error), context)
    finally:
        await request.close()  # the files a form body spooled
    return _with_hooks(runtime.envelope.render_route(route, value), context)


def _with_hooks(response: Response, context: Any) -> Response:
    """Headers the resolvers set on the context's response (cookies) go out with the answer."""
    hooks: Response | None = getattr(context, "response", None)
    if hooks is not None:
        response.raw_headers.extend(
            (name, value) for name, value in hooks.raw_headers if name == b"set-cookie"
        )
    return response
