"""Which executor a domain serves with: compiled plans, unless `FACET_COMPILED_PLANS=false` or
the installed Strawberry or graphql-core no longer has what the compiled runner relies on; then
the mismatch is logged once and every domain serves on the standard executor, with the same
answers. Compiled plans run on a copy of the domain's schema: the schema itself is left as
declared. (The compiled answers are held to the standard executor's in test_compiled_*.)"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from graphql.execution.executor import CollectedErrors

from adapters.runtime.compiled import internals
from adapters.runtime.execute import CompiledPlanExecutor, StandardExecutor
from app.db import Database
from app.domain import DomainSettings
from app.main import DOMAINS, create_app
from app.settings import Settings

from ..conftest import AUTH, http_client
from .conftest import runtime

LABELS = "{ labels { total items { name color } } }"


def test_plans_off_serve_every_domain_on_the_standard_executor(standard_app: FastAPI) -> None:
    for slug, domain in DOMAINS.items():
        executor = runtime(standard_app, slug).executor
        assert type(executor) is StandardExecutor
        assert executor.schema.execution_context_class is domain.schema.execution_context_class


def test_compiled_plans_run_on_a_copy_of_the_schema(app: FastAPI) -> None:
    for slug, domain in DOMAINS.items():
        executor = runtime(app, slug).executor
        assert isinstance(executor, CompiledPlanExecutor)
        assert executor.schema.execution_context_class.__name__ == "PlanExecution"
        assert domain.schema.execution_context_class.__name__ != "PlanExecution"


@pytest.fixture
def checked_afresh() -> Iterator[None]:
    internals.mismatches.cache_clear()
    yield
    internals.mismatches.cache_clear()


async def test_a_mismatch_is_logged_once_and_domains_serve_on_the_standard_executor(
    settings: Settings,
    domain_settings: dict[str, DomainSettings],
    database: Database,
    http: httpx.AsyncClient,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    checked_afresh: None,
) -> None:
    # A release without one of the internals the runner uses, while the domains are built.
    with monkeypatch.context() as release, caplog.at_level(logging.WARNING, "facet.compiled"):
        release.delattr(CollectedErrors, "has_nulled_position")
        apps = [create_app(settings=settings, domain_settings=domain_settings) for _ in "ab"]
    (logged,) = [record for record in caplog.records if record.name == "facet.compiled"]
    message = logged.getMessage()
    assert message.startswith("compiled plans are off") and "CollectedErrors" in message
    for app in apps:
        for slug in DOMAINS:
            assert type(runtime(app, slug).executor) is StandardExecutor
    try:
        async with http_client(apps[0], AUTH) as fallback:
            created = await fallback.post("/api/labels", json={"name": "ops", "color": "#123"})
            assert created.status_code == 201
            compiled, standard = await both(http, fallback, "GET", "/api/labels")
            assert standard == compiled
            for _ in "ab":  # the second time, compiled plans answer on `http`
                body = {"query": LABELS}
                compiled, standard = await both(http, fallback, "POST", "/graphql", json=body)
                assert standard == compiled and b'"total":1' in standard
    finally:
        for app in apps:
            await app.state.database.dispose()


async def both(
    compiled: httpx.AsyncClient, standard: httpx.AsyncClient, method: str, path: str, **kw: Any
) -> tuple[bytes, bytes]:
    """The same request answered on compiled plans, then on the standard executor."""
    answers = [await client.request(method, path, **kw) for client in (compiled, standard)]
    assert all(answer.status_code == 200 for answer in answers)
    return answers[0].content, answers[1].content
