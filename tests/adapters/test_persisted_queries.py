"""Automatic persisted queries on the GraphQL endpoint (Apollo's protocol)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import httpx

from app.db import Database
from app.domain import DomainSettings
from app.main import create_app
from app.settings import Settings

from ..conftest import AUTH, http_client
from .conftest import runtime

QUERY = "query Labels { labels { total } }"
SHA = hashlib.sha256(QUERY.encode()).hexdigest()
EXTENSIONS = {"persistedQuery": {"version": 1, "sha256Hash": SHA}}


async def test_miss_then_register_then_hit(http: httpx.AsyncClient) -> None:
    unknown = {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}}
    miss = await http.post("/graphql", json={"extensions": unknown})
    assert miss.status_code == 200
    assert miss.json() == {
        "data": None,
        "errors": [
            {
                "message": "PersistedQueryNotFound",
                "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"},
            }
        ],
    }
    registered = await http.post("/graphql", json={"query": QUERY, "extensions": EXTENSIONS})
    assert registered.json() == {"data": {"labels": {"total": 0}}}
    hit = await http.post("/graphql", json={"extensions": EXTENSIONS})
    assert hit.content == registered.content
    get = await http.get(
        "/graphql",
        params={"extensions": json.dumps(EXTENSIONS)},
        headers={"Accept": "application/json"},
    )
    assert get.content == registered.content


async def test_wrong_hash_or_version_is_rejected(http: httpx.AsyncClient) -> None:
    wrong = await http.post("/graphql", json={"query": QUERY + " ", "extensions": EXTENSIONS})
    assert wrong.status_code == 400
    version = {"persistedQuery": {"version": 2, "sha256Hash": SHA}}
    assert (await http.post("/graphql", json={"extensions": version})).status_code == 400


def persisted(query: str) -> dict[str, Any]:
    sha = hashlib.sha256(query.encode()).hexdigest()
    return {"persistedQuery": {"version": 1, "sha256Hash": sha}}


async def test_registrations_are_bounded_and_compiled_only_when_used(
    settings: Settings, domain_settings: dict[str, DomainSettings], database: Database
) -> None:
    """Registered texts are held up to `FACET_PERSISTED_QUERY_TEXT` characters, least recently
    used out first; registering compiles nothing (a plan comes only from repeated runs)."""
    app = create_app(
        settings=settings.model_copy(update={"persisted_query_text": 2000}),
        domain_settings=domain_settings,
    )
    queries = [f"query Q{i} {{ labels {{ total }} }}" + " " * 60 for i in range(100)]
    try:
        async with http_client(app, AUTH) as client:
            for query in queries:
                answer = await client.post(
                    "/graphql", json={"query": query, "extensions": persisted(query)}
                )
                assert answer.json() == {"data": {"labels": {"total": 0}}}
            first = await client.post("/graphql", json={"extensions": persisted(queries[0])})
            assert first.json()["errors"][0]["message"] == "PersistedQueryNotFound"
            last = await client.post("/graphql", json={"extensions": persisted(queries[-1])})
            assert last.json() == {"data": {"labels": {"total": 0}}}
            plans = runtime(app, "loop").executor.plans  # type: ignore[attr-defined]
            compiled = {key[0] for key, _ in plans.plans.items()}
            assert queries[-1] in compiled and not compiled & set(queries[:-1])
    finally:
        await app.state.database.dispose()
