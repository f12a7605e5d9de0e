"""Composition root: the hosted domains, and the ASGI app serving one or all of them."""

from __future__ import annotations

import asyncio
import gc
import importlib
import pkgutil
import re
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from starlette.routing import Mount
from starlette.types import ASGIApp

import schema
from adapters.runtime.app import build_domain_app

from .ai import close_providers
from .db import Database
from .domain import Domain, DomainSettings
from .jobs import Worker
from .settings import Settings, get_settings


def discover() -> dict[str, Domain[Any]]:
    """Every package under `schema/` (but `_shared`) declares its domain as `domain`."""
    found = (
        importlib.import_module(f"{schema.__name__}.{module.name}").domain
        for module in pkgutil.iter_modules(schema.__path__)
        if module.ispkg and not module.name.startswith("_")
    )
    return {domain.slug: domain for domain in sorted(found, key=lambda d: d.slug)}


DOMAINS = discover()


# The collector's thresholds while serving. The young generation keeps Python's default: a
# collection walks about what one request allocated. Requests leave cyclic garbage (futures,
# closures, per-request caches), and what is still in flight when the middle generation is
# collected moves to the oldest, which a full collection walks: collecting it every second time
# rather than every tenth keeps that walk short. `bench/gc_pauses.py` measured, in CPU time,
# a longest pause of 23 ms against 88 ms with the young threshold raised to 50,000, at the same
# CPU per request.
GC_THRESHOLDS = (700, 10, 2)


def prepare_heap_for_serving() -> None:
    """Take everything built so far (schemas, compiled plans, routes, ORM metadata: all of it
    lives as long as the process) out of the cyclic garbage collector's scans, so collections
    while serving walk only what requests allocate. Call once the app is built."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


class DomainMount(Mount):
    """Starlette's Mount matches `<prefix>/(?P<path>.*)$`, whose `.` stops at a newline: a path
    holding a decoded `%0A` matched no mount and got the outer app's 404, not the domain's."""

    def __init__(self, path: str, app: ASGIApp) -> None:
        super().__init__(path, app)
        self.path_regex = re.compile(rf"^{re.escape(self.path)}/(?P<path>.*)\Z", re.DOTALL)


def create_app(
    domain: str | None = None,
    settings: Settings | None = None,
    domain_settings: Mapping[str, DomainSettings] | None = None,
) -> FastAPI:
    """All domains under `/<slug>`, or one domain at the root when `domain` is given. Each
    domain reads its own settings from the environment unless `domain_settings` has them."""
    settings = settings or get_settings()
    given = domain_settings or {}
    database = Database(
        settings.database_url,
        echo=settings.sql_echo,
        pool_size=settings.database_pool_size,
        max_overflow=settings.database_max_overflow,
    )

    served = [DOMAINS[domain]] if domain is not None else list(DOMAINS.values())
    configured = {spec.slug: given.get(spec.slug) or spec.settings() for spec in served}
    handlers = {
        queue: handler
        for spec in served
        for queue, handler in spec.handlers(configured[spec.slug]).items()
    }

    built = {
        spec.slug: build_domain_app(spec, configured[spec.slug], database, settings)
        for spec in served
    }

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        stop = asyncio.Event()
        worker = None
        if handlers and settings.jobs_worker:
            worker = asyncio.create_task(Worker(database, settings, handlers).run(stop))
        yield
        stop.set()
        if worker is not None:
            await worker
        await close_providers()
        for domain_app in built.values():
            await domain_app.state.facet.close()
        await database.dispose()

    if domain is not None:
        app = built[domain]
        app.router.lifespan_context = lifespan
    else:
        app = FastAPI(title="Facet", lifespan=lifespan, openapi_url=None, docs_url=None)
        for slug, domain_app in built.items():
            app.router.routes.append(DomainMount(f"/{slug}", domain_app))

        @app.get("/", include_in_schema=False)
        async def index() -> JSONResponse:
            return JSONResponse({"domains": [_links(spec) for spec in DOMAINS.values()]})

    app.state.database = database
    return app


async def seed_all(settings: Settings | None = None) -> list[str]:
    """Load each domain's demo data, one transaction per domain."""
    database = Database((settings or get_settings()).database_url)
    report = []
    try:
        for domain in DOMAINS.values():
            if domain.seed is None:
                continue
            async with database.session() as session, session.begin():
                report.append(await domain.seed(session))
    finally:
        await database.dispose()
    return report


def banner(origin: str, domain: str | None = None, settings: Settings | None = None) -> list[str]:
    """What `facet serve` prints: each served domain's URLs at `origin` and, in development,
    the demo credentials it declares."""
    developing = (settings or get_settings()).environment == "development"
    lines = []
    for spec in [DOMAINS[domain]] if domain else DOMAINS.values():
        base = origin if domain else f"{origin}/{spec.slug}"
        lines += [
            spec.title,
            f"  REST     {base}/",
            f"  GraphQL  {base}/graphql",
            f"  OpenAPI  {base}/openapi.json",
            f"  docs     {base}/docs",
        ]
        demo = spec.demo(spec.settings()) if developing and spec.demo is not None else None
        if demo is not None:
            lines.append(f"  demo     {demo.credentials}")
            lines += [f"           {name}: {value}" for name, value in demo.headers.items()]
    return lines


def _links(spec: Domain[Any]) -> dict[str, str]:
    base = f"/{spec.slug}"
    return {
        "slug": spec.slug,
        "title": spec.title,
        "rest": base,
        "graphql": f"{base}/graphql",
        "openapi": f"{base}/openapi.json",
        "docs": f"{base}/docs",
    }
