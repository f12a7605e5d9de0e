"""What only the REST surface has: Loop's exact envelopes, statuses, auth messages and paths."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from app.db import Database
from app.domain import DomainSettings
from app.main import DOMAINS, create_app
from app.settings import Settings

from ..conftest import TEST_LOOP_KEY, http_client


async def test_envelopes(http: httpx.AsyncClient) -> None:
    created = await http.post("/api/issues", json={"title": "t", "type": "task"})
    assert created.status_code == 201 and set(created.json()) == {"data"}
    listed = await http.get("/api/issues")
    assert set(listed.json()) == {"data", "total"} and listed.json()["total"] == 1
    deleted = await http.delete(f"/api/issues/{created.json()['data']['id']}")
    assert deleted.status_code == 204 and deleted.content == b""
    missing = await http.get("/api/issues/nope")
    assert missing.status_code == 404 and missing.json() == {"error": "Issue not found"}


async def test_auth_messages(app: FastAPI, database: Database) -> None:
    async with http_client(app) as anonymous:
        missing = await anonymous.get("/api/issues")
        assert (missing.status_code, missing.json()) == (
            401,
            {"error": "Missing or malformed Authorization header"},
        )
        malformed = await anonymous.get("/api/issues", headers={"Authorization": "Basic abc"})
        assert malformed.json() == {"error": "Missing or malformed Authorization header"}
        wrong = await anonymous.get("/api/issues", headers={"Authorization": "Bearer nope"})
        assert (wrong.status_code, wrong.json()) == (401, {"error": "Invalid API key"})
        gql = await anonymous.post("/graphql", json={"query": "{ issues { total } }"})
        assert gql.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        # A rejected write writes nothing.
        await anonymous.post("/api/labels", json={"name": "x", "color": "#0"})


async def test_public_routes(app: FastAPI, database: Database) -> None:
    async with http_client(app) as anonymous:
        health = (await anonymous.get("/health")).json()
        assert health["ok"] is True and health["service"] == "loop-api"
        assert (await anonymous.get("/")).json() == {"name": "Loop API", "version": "0.1.0"}
        for path in ("/api/openapi.json", "/openapi.json"):
            document = (await anonymous.get(path)).json()
            assert document["info"]["title"] == "Loop API"
        assert "swagger" in (await anonymous.get("/docs")).text.lower()


async def test_validation_error_shape(http: httpx.AsyncClient) -> None:
    response = await http.post("/api/issues", json={"title": "", "type": "task"})
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "Validation error"
    assert "title" in body["details"]["fieldErrors"]
    missing = await http.post("/api/issues", json={"title": "t"})
    assert missing.json()["details"]["fieldErrors"] == {"type": ["Required"]}
    bad_limit = await http.get("/api/issues", params={"limit": "abc"})
    assert bad_limit.status_code == 422 and "limit" in bad_limit.json()["details"]["fieldErrors"]


async def test_malformed_and_non_object_bodies(http: httpx.AsyncClient) -> None:
    broken = await http.post(
        "/api/issues", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert (broken.status_code, broken.json()) == (400, {"error": "Malformed JSON in request body"})
    for body in (b"[]", b"", b"42"):
        response = await http.post("/api/issues", content=body)
        assert response.status_code == 422, body
    assert (await http.get("/api/issues")).json()["total"] == 0


async def test_unknown_body_keys_are_ignored(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/api/issues",
        json={"title": "t", "type": "task", "extra": 1, "hypothesis": None} | {"agentSummary": "x"},
    )
    # hypothesis may not be null on create; unknown keys alone would be dropped.
    assert response.status_code == 422
    ok = await http.post("/api/issues", json={"title": "t", "type": "task", "extra": {"a": 1}})
    assert ok.status_code == 201 and "extra" not in ok.json()["data"]


async def test_unknown_route_is_404_in_loop_shape(http: httpx.AsyncClient) -> None:
    response = await http.get("/api/nothing-here")
    assert response.status_code == 404 and response.json() == {"error": "Not found"}


async def test_query_numbers_past_32_bits_read_as_loop_reads_them(http: httpx.AsyncClient) -> None:
    # Loop takes any offset >= 0 (an empty page) and any page; a limit past 200 is refused
    # as any other would be. GraphQL's Int is 32 bits wide; the query is not.
    assert (await http.post("/api/labels", json={"name": "n", "color": "c"})).status_code == 201
    for path in ("/api/issues", "/api/labels", "/api/templates", "/api/dispatch/queue"):
        for query in (f"offset={2**31}", f"offset={10**30}", f"page={10**12}"):
            response = await http.get(f"{path}?{query}")
            assert response.status_code == 200, (path, query, response.text)
            assert response.json()["data"] == []
    assert (await http.get(f"/api/labels?offset={2**40}")).json()["total"] == 1
    response = await http.get(f"/api/issues?limit={2**40}")
    assert (response.status_code, response.json()["details"]["fieldErrors"]) == (
        422,
        {"limit": ["Number must be less than or equal to 200"]},
    )


async def test_a_trailing_slash_is_an_unknown_route(http: httpx.AsyncClient) -> None:
    # Loop matches paths strictly: no redirect to the route without the slash, whose methods
    # would then answer 405.
    for method in ("GET", "POST", "PATCH", "DELETE"):
        for path in ("/api/projects/", "/api/issues/", "/health/"):
            response = await http.request(method, path, json={})
            assert (response.status_code, response.json()) == (404, {"error": "Not found"})


async def test_single_domain_at_root(
    settings: Settings, domain_settings: dict[str, DomainSettings], database: Database
) -> None:
    app = create_app("loop", settings, domain_settings)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://t"
    ) as client:
        assert (await client.get("/")).json()["name"] == "Loop API"
        listed = await client.get(
            "/api/issues", headers={"Authorization": f"Bearer {TEST_LOOP_KEY}"}
        )
        assert listed.json() == {"data": [], "total": 0}
    await app.state.database.dispose()


async def test_index_lists_domains(app: FastAPI) -> None:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://t"
    ) as client:
        domains = (await client.get("/")).json()["domains"]
    # Every hosted domain, by slug: a domain added with `facet new` is listed too.
    slugs = [d["slug"] for d in domains]
    assert slugs == sorted(DOMAINS) and {"arkloop", "loop", "loopos"} <= set(slugs)
    assert next(d for d in domains if d["slug"] == "loop")["graphql"] == "/loop/graphql"


async def test_a_failing_operation_writes_nothing(http: httpx.AsyncClient) -> None:
    await http.post("/api/labels", json={"name": "taken", "color": "#000"})
    mutation = """mutation {
      fresh: createLabel(input: {name: "fresh", color: "#111"}) { id }
      clash: createLabel(input: {name: "taken", color: "#222"}) { id }
    }"""
    result = (await http.post("/graphql", json={"query": mutation})).json()
    assert result["errors"][0]["extensions"]["reason"] == "CONFLICT"
    names = [label["name"] for label in (await http.get("/api/labels")).json()["data"]]
    assert names == ["taken"]
