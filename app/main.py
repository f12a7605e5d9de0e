"""Composition root: the hosted domains, and the ASGI app serving one or all of them."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import JSONResponse

import schema.arkloop
import schema.loop
import schema.loop.seed
import schema.loopos
from adapters.runtime.app import DomainSpec, build_domain_app
from adapters.runtime.limits import RequestLimits

from .ai import close_providers
from .db import Database
from .jobs import Worker
from .settings import Settings, get_settings


def _loopos_limits(settings: Settings) -> RequestLimits:
    return RequestLimits(
        max_body_bytes=settings.loopos_max_body_bytes,
        rate_limit=settings.loopos_rate_limit,
        redis_url=settings.redis_url,
    )


def _arkloop_limits(_: Settings) -> RequestLimits:
    return RequestLimits(max_body_bytes=schema.arkloop.MAX_BODY_BYTES)


DOMAINS: dict[str, DomainSpec] = {
    spec.slug: spec
    for spec in (
        DomainSpec(
            slug=schema.loop.SLUG,
            title="Loop API",
            schema=schema.loop.schema,
            context=schema.loop.LoopContext,
            local_port=schema.loop.LOCAL_PORT,
        ),
        DomainSpec(
            slug=schema.loopos.SLUG,
            title="LoopOS AI",
            schema=schema.loopos.schema,
            context=schema.loopos.LooposContext,
            limits=_loopos_limits,
            jobs=schema.loopos.JOBS,
        ),
        DomainSpec(
            slug=schema.arkloop.SLUG,
            title="Arkloop API",
            schema=schema.arkloop.schema,
            context=schema.arkloop.ArkloopContext,
            local_port=schema.arkloop.LOCAL_PORT,
            limits=_arkloop_limits,
            jobs=schema.arkloop.JOBS,
            trace_header=schema.arkloop.TRACE_HEADER,
        ),
    )
}

SEEDS = (schema.loop.seed.seed,)


# A collection of the youngest objects starts once this many more have been allocated than
# freed (Python's default is 700). A request allocates thousands that live until it answers: at
# the default, each request paid for several collections walking its own live objects.
YOUNG_COLLECTIONS_EVERY = 50_000


def prepare_heap_for_serving() -> None:
    """Take everything built so far (schemas, compiled plans, routes, ORM metadata: all of it
    lives as long as the process) out of the cyclic garbage collector's scans, so collections
    while serving walk only what requests allocate, and make those collections rarer (cyclic
    garbage between them stays a few megabytes). Call once the app is built."""
    gc.collect()
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTIONS_EVERY, middle, oldest)


def create_app(domain: str | None = None, settings: Settings | None = None) -> FastAPI:
    """All domains under `/<slug>`, or one domain at the root when `domain` is given."""
    settings = settings or get_settings()
    database = Database(
        settings.database_url,
        echo=settings.sql_echo,
        pool_size=settings.database_pool_size,
        max_overflow=settings.database_max_overflow,
    )

    served = [DOMAINS[domain]] if domain is not None else list(DOMAINS.values())
    handlers = {queue: handler for spec in served for queue, handler in spec.jobs.items()}

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
        await database.dispose()

    if domain is not None:
        app = build_domain_app(DOMAINS[domain], database, settings)
        app.router.lifespan_context = lifespan
    else:
        app = FastAPI(title="Facet", lifespan=lifespan, openapi_url=None, docs_url=None)
        for spec in DOMAINS.values():
            app.mount(f"/{spec.slug}", build_domain_app(spec, database, settings))

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
        for seed in SEEDS:
            async with database.session() as session, session.begin():
                report.append(await seed(session))
    finally:
        await database.dispose()
    return report


def _links(spec: DomainSpec) -> dict[str, str]:
    base = f"/{spec.slug}"
    return {
        "slug": spec.slug,
        "title": spec.title,
        "rest": base,
        "graphql": f"{base}/graphql",
        "openapi": f"{base}/openapi.json",
        "docs": f"{base}/docs",
    }
