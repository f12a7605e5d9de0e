"""Arkloop's HTTP conventions: trace ids, the error body, body limits, probes, and being served
at the root on its own port by `facet serve --domain arkloop`."""

from __future__ import annotations

import httpx

from app.main import create_app
from app.settings import Settings

from .api import Rest, register


async def test_errors_and_trace_ids(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/nowhere")
    body = response.json()
    assert response.status_code == 404 and body["trace_id"] == response.headers["x-trace-id"]
    assert set(body) >= {"code", "message", "trace_id"}
    malformed = await client.post(
        "/v1/auth/login", content=b"{", headers={"Content-Type": "application/json"}
    )
    assert (malformed.status_code, malformed.json()["code"]) == (422, "validation.error")


async def test_a_trailing_slash_is_an_unknown_route(client: httpx.AsyncClient) -> None:
    # Go's ServeMux matches paths as registered: no redirect to the route without the slash.
    unknown = (await client.get("/v1/nowhere")).json()["code"]
    for method in ("GET", "POST", "DELETE"):
        response = await client.request(method, "/v1/threads/", json={})
        assert (response.status_code, response.json()["code"]) == (404, unknown)


async def test_bodies_over_one_mebibyte_are_refused(client: httpx.AsyncClient) -> None:
    token = await register(Rest(client))
    thread = (await client.post("/v1/threads", json={}, headers=_auth(token))).json()
    huge = {"content": "x" * (1024 * 1024)}
    response = await client.post(
        f"/v1/threads/{thread['id']}/messages", json=huge, headers=_auth(token)
    )
    assert response.status_code == 413 and response.json()["trace_id"]


async def test_probes(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = (await client.get("/readyz")).json()
    assert ready["status"] == "ok" and ready["schema_version"]


async def test_readyz_without_a_database() -> None:
    settings = Settings(database_url="postgresql+asyncpg://nobody@127.0.0.1:1/none")
    app = create_app("arkloop", settings)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.get("/readyz")
    await app.state.database.dispose()
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable" and response.json()["reason"]


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
