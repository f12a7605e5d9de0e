"""Automatic persisted queries on the GraphQL endpoint (Apollo's protocol)."""

from __future__ import annotations

import hashlib
import json

import httpx

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
