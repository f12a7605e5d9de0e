"""`GET /v1/llms.txt` and `GET /v1/openapi.json`: served without a key, the guide written from
the same operations as the routes, so it names every route and the calls that follow each."""

from __future__ import annotations

import httpx

from .api import HTTP, ROUTES


async def test_the_guide_names_every_route_and_its_next_calls(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/llms.txt")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    guide = response.text
    assert guide.startswith("# LoreOS API") and "## Conventions" in guide
    for operation, (method, path) in HTTP.items():
        assert f"### {method} {path}\n" in guide, operation
        for action in ROUTES[operation].next_actions:
            assert f"`{action.command}`" in guide, (operation, action.command)
    assert "- header `Idempotency-Key`: String" in guide
    assert "  - external_user_ref: String!" in guide


async def test_the_public_schema_lists_only_v1_routes(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/v1/llms.txt" in paths and all(path.startswith("/v1/") for path in paths)
