"""What each domain's consoles are sent, without a browser: the OpenAPI document names the
server it was served from, Swagger UI and GraphiQL load only the domain's own assets, and
GraphiQL starts with demo credentials in development alone, never with a deployment's own."""

from __future__ import annotations

import json
import re

import httpx
import pytest
from fastapi import FastAPI

from app.main import create_app
from app.settings import Settings
from schema.arkloop import seed as arkloop_seed
from schema.loop.settings import DEV_API_KEY, LoopSettings


def client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


def graphiql_options(page: str) -> dict[str, str]:
    found = re.search(r'<script id="graphiql-options" type="application/json">(.*?)</script>', page)
    assert found is not None
    return dict(json.loads(found.group(1)))


def asset_urls(page: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+)"', page)


@pytest.mark.parametrize(
    ("slug", "document"), [("loop", "/api/openapi.json"), ("arkloop", "/v1/openapi.json")]
)
async def test_a_mounted_domains_document_names_its_mount(
    app: FastAPI, slug: str, document: str
) -> None:
    async with client(app) as http:
        for path in ("/openapi.json", document):
            served = (await http.get(f"/{slug}{path}")).json()
            assert served["servers"] == [{"url": f"/{slug}"}]
            assert served["paths"]


async def test_a_domain_served_alone_names_the_root(settings: Settings) -> None:
    alone = create_app("loopos", settings=settings)
    try:
        async with client(alone) as http:
            assert (await http.get("/openapi.json")).json()["servers"] == [{"url": "/"}]
            page = (await http.get("/graphql", headers={"Accept": "text/html"})).text
    finally:
        await alone.state.database.dispose()
    assert graphiql_options(page) == {"endpoint": "/graphql", "headers": ""}
    assert all(url.startswith(("/graphql/assets/", "data:")) for url in asset_urls(page))


@pytest.mark.parametrize("slug", ["loop", "arkloop", "loopos"])
async def test_both_pages_load_the_domains_own_assets(app: FastAPI, slug: str) -> None:
    async with client(app) as http:
        graphiql = (await http.get(f"/{slug}/graphql", headers={"Accept": "text/html"})).text
        swagger = (await http.get(f"/{slug}/docs")).text
        urls = asset_urls(graphiql) + asset_urls(swagger)
        for url in urls:
            if not url.startswith("data:"):
                assert (await http.get(url)).status_code == 200, url
    assert {url.split("/")[1] for url in urls if not url.startswith("data:")} == {slug}
    assert "cdn" not in graphiql + swagger


async def test_graphiql_starts_with_the_demo_key_in_development(app: FastAPI) -> None:
    async with client(app) as http:
        page = (await http.get("/arkloop/graphql", headers={"Accept": "text/html"})).text
    headers = json.loads(graphiql_options(page)["headers"])
    assert headers == {"Authorization": f"Bearer {arkloop_seed.API_KEY}"}


async def test_graphiql_never_starts_with_a_key_the_deployment_set(app: FastAPI) -> None:
    # The suite's Loop has a key of its own (LOOP_API_KEY), not the demo's.
    async with client(app) as http:
        page = (await http.get("/loop/graphql", headers={"Accept": "text/html"})).text
    assert graphiql_options(page)["headers"] == ""


async def test_graphiql_starts_with_no_credentials_in_production(settings: Settings) -> None:
    production = settings.model_copy(update={"environment": "production"})
    alone = create_app(
        "loop", settings=production, domain_settings={"loop": LoopSettings(api_key=DEV_API_KEY)}
    )
    try:
        async with client(alone) as http:
            page = (await http.get("/graphql", headers={"Accept": "text/html"})).text
    finally:
        await alone.state.database.dispose()
    assert graphiql_options(page)["headers"] == ""
    assert "loop_dev_key" not in page
