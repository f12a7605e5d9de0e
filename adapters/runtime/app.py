"""Builds one domain's ASGI app: its generated REST routes, GraphQL with GraphiQL, its OpenAPI
document and Swagger UI, and its product's error shapes for everything that goes wrong."""

from __future__ import annotations

import importlib
import json
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, cast

from fastapi import APIRouter, FastAPI, Request, WebSocket
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from graphql import parse, validate
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.routing import BaseRoute, Match
from strawberry import Schema
from strawberry.subscriptions import (
    GRAPHQL_SSE_PROTOCOL,
    GRAPHQL_TRANSPORT_WS_PROTOCOL,
    GRAPHQL_WS_PROTOCOL,
    MULTIPART_SUBSCRIPTION_PROTOCOL,
)

from app.auth.throttle import LoginThrottle
from app.context import RequestContext
from app.db import Database
from app.domain import Domain, DomainSettings, RequestLimits
from app.errors import (
    DomainError,
    InternalError,
    MethodNotAllowed,
    NotFound,
    ValidationFailed,
)
from app.settings import Settings

from . import envelopes
from .coercion import request_problem
from .consoles import Consoles, mount_assets
from .disconnect import CancelOnDisconnect
from .domain import DomainRuntime
from .execute import domain_executor
from .graphql import FacetGraphQLRouter
from .guards import GuardLimits, request_guards
from .json_depth import json_input_depth
from .limits import LimitsMiddleware
from .quota import Quota, operations_quota
from .route import Route
from .tracing import TraceMiddleware

log = logging.getLogger("facet")
# Subscriptions over WebSockets, and over plain HTTP as multipart or server-sent events.
SUBSCRIPTION_PROTOCOLS = (
    GRAPHQL_TRANSPORT_WS_PROTOCOL,
    GRAPHQL_WS_PROTOCOL,
    MULTIPART_SUBSCRIPTION_PROTOCOL,
    GRAPHQL_SSE_PROTOCOL,
)
OPENAPI_DIR = Path(__file__).resolve().parent.parent / "openapi"


class GeneratedAdapter(Protocol):
    """What `adapters/generated/<slug>.py` provides."""

    router: APIRouter
    ROUTES: tuple[Route, ...]
    ENVELOPE: str
    OPENAPI_PATHS: tuple[str, ...]


def generated_adapter(slug: str) -> GeneratedAdapter:
    """Imported on use, so `facet codegen` runs even when generated code is missing or stale."""
    return cast(GeneratedAdapter, importlib.import_module(f"adapters.generated.{slug}"))


def context_getter(
    spec: Domain[Any],
    domain_settings: DomainSettings,
    database: Database,
    settings: Settings,
    login_throttle: LoginThrottle,
) -> Callable[..., Awaitable[RequestContext]]:
    """A FastAPI dependency for HTTP requests and GraphQL WebSockets alike (FastAPI supplies
    `request` on one and `websocket` on the other). The domain's requests share one sign-in
    throttle."""

    async def get_context(
        request: Request = None,  # type: ignore[assignment]
        websocket: WebSocket = None,  # type: ignore[assignment]
    ) -> RequestContext:
        return spec.context(
            request or websocket,
            database,
            settings,
            domain_settings,
            login_throttle=login_throttle,
        )

    return get_context


def check_routes(schema: Schema, routes: Sequence[Route]) -> None:
    """Refuse to start if a committed route no longer fits the schema (codegen is stale)."""
    problems = [
        f"{route.operation}: {error.message}"
        for route in routes
        for error in validate(schema._schema, parse(route.document))
    ]
    if problems:
        raise RuntimeError("generated routes do not match the schema:\n" + "\n".join(problems))


def build_domain_app(
    spec: Domain[Any], domain_settings: DomainSettings, database: Database, settings: Settings
) -> FastAPI:
    adapter = generated_adapter(spec.slug)
    check_routes(spec.schema, adapter.ROUTES)
    envelope = envelopes.get(
        adapter.ENVELOPE, sse_heartbeat_seconds=domain_settings.sse_heartbeat_seconds
    )
    limits = spec.limits(domain_settings) if spec.limits is not None else RequestLimits()
    quota = _quota(limits, settings)
    # Every REST route and GraphQL request runs on this one executor.
    executor = domain_executor(
        spec.schema,
        compiled_plans=settings.compiled_plans,
        extensions=[
            json_input_depth(settings.max_json_depth),
            *request_guards(GuardLimits.of(settings), (r.document for r in adapter.ROUTES)),
            *operations_quota(quota),
        ],
    )
    for route in adapter.ROUTES:
        executor.prepare(route.document)
    login_throttle = LoginThrottle.of(settings, namespace=spec.slug)
    get_context = context_getter(spec, domain_settings, database, settings, login_throttle)
    app = FastAPI(title=spec.title, openapi_url=None, docs_url=None, redoc_url=None)
    app.router.redirect_slashes = spec.redirect_slashes
    app.state.facet = DomainRuntime(
        envelope=envelope,
        context_getter=get_context,
        executor=executor,
        closers=[login_throttle.close],
    )
    app.include_router(adapter.router)
    consoles = Consoles(spec.title, headers=_demo_headers(spec, domain_settings, settings))
    app.include_router(
        FacetGraphQLRouter(
            executor,
            persisted_budget=settings.persisted_query_text,
            consoles=consoles,
            context_getter=get_context,
            multipart_uploads_enabled=spec.graphql_uploads,
            subscription_protocols=SUBSCRIPTION_PROTOCOLS,
        ),
        prefix="/graphql",
    )
    _serve_openapi(app, spec, adapter.OPENAPI_PATHS, consoles)
    mount_assets(app)
    _render_errors(app, envelope)
    app.add_middleware(CancelOnDisconnect, path_suffix="/graphql")
    app.add_middleware(
        LimitsMiddleware,
        limits=limits,
        default_max_body=settings.max_body_bytes,
        quota=quota,
        envelope=envelope,
    )
    if spec.trace_header is not None:
        app.add_middleware(TraceMiddleware, header=spec.trace_header)
    return app


def _demo_headers(
    spec: Domain[Any], domain_settings: DomainSettings, settings: Settings
) -> Mapping[str, str]:
    """The demo credentials' headers, for GraphiQL to start with while developing."""
    demo = spec.demo(domain_settings) if spec.demo is not None else None
    return demo.headers if demo is not None and settings.environment == "development" else {}


def _quota(limits: RequestLimits, settings: Settings) -> Quota | None:
    """The domain's rate limit, if it has one: counted in Redis when one is configured, else
    in this process."""
    if limits.rate_limit is None:
        return None
    return Quota(limits.rate_limit, settings.redis_url, graphql_suffix="/graphql")


def _serve_openapi(
    app: FastAPI, spec: Domain[Any], paths: Sequence[str], consoles: Consoles
) -> None:
    """The committed document names no server; each answer names the one it was served from
    (the domain's mount, or the root), so Swagger UI's calls reach the domain's routes."""
    document = json.loads((OPENAPI_DIR / f"{spec.slug}.json").read_text())

    async def openapi(request: Request) -> JSONResponse:
        return JSONResponse(with_server(document, request.scope.get("root_path", "")))

    for path in paths:
        app.add_api_route(path, openapi, methods=["GET"], include_in_schema=False)

    async def docs(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return consoles.swagger(root, openapi_url=f"{root}/openapi.json")

    app.add_api_route("/docs", docs, methods=["GET"], include_in_schema=False)


def with_server(document: dict[str, Any], root_path: str) -> dict[str, Any]:
    """`document` with its one server: the path the domain is served under."""
    return {**document, "servers": [{"url": root_path or "/"}]}


def _render_errors(app: FastAPI, envelope: envelopes.Envelope) -> None:
    async def domain_error(_: Request, error: Exception) -> Response:
        assert isinstance(error, DomainError)
        return envelope.error_response(error)

    async def invalid_request(_: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        fields: dict[str, list[str]] = {}
        problems = []
        for problem in error.errors():
            fields.setdefault(str(problem["loc"][-1]), []).append(_message(problem))
            problems.append(request_problem(problem))
        return envelope.render_error(ValidationFailed(field_errors=fields, problems=problems))

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        if error.status_code == 404:
            return envelope.render_error(NotFound("Not found"))
        if error.status_code == 405:
            response = envelope.render_error(MethodNotAllowed("Method not allowed"))
            response.headers["Allow"] = ", ".join(_allowed_methods(app, request))
            return response
        return Response(str(error.detail), status_code=error.status_code, headers=error.headers)

    async def crash(_: Request, error: Exception) -> Response:
        log.exception("unhandled error", exc_info=error)
        return envelope.render_error(InternalError("Internal server error"))

    app.add_exception_handler(DomainError, domain_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(Exception, crash)


def _allowed_methods(app: FastAPI, request: Request) -> list[str]:
    """Every method some route serves at this path (Starlette reports only the first route's)."""
    methods: set[str] = set()
    for route in app.router.routes:
        if isinstance(route, BaseRoute) and route.matches(request.scope)[0] != Match.NONE:
            methods |= getattr(route, "methods", None) or set()
    return sorted(methods)


def _message(problem: dict[str, Any]) -> str:
    return str(problem.get("msg", "Invalid value"))
