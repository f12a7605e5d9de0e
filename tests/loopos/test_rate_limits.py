"""LoopOS AI's rate limit over a real `facet serve`: a GraphQL operation spends one unit per
root field, so aliased mutations over the limit are refused before any runs (each would
store a callback job); REST requests spend one each; and the client is the peer's address,
or the one a trusted proxy forwarded, never one a client names itself.

Each test speaks from its own loopback address (127.0.0.0/8 is all local), so each has its
own count on the server the module shares."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
import websockets
from sqlalchemy import func, select

from app.db import Database
from app.jobs import Job

from ..live import facet_serve

LIMIT = 60
OVER_LIMIT = {"error": f"Rate limit exceeded: {LIMIT} per 1 minute"}
DECISION = {"prompt": "p", "options": ["red", "blue"], "item_context": "a blue bike"}
DECIDE = "loopos_ai_decision(input: $input) { __typename }"
SERVER = {
    "FACET_LOOPOS_RATE_LIMIT": f"{LIMIT}/minute",
    "FACET_LOOPOS_ALLOW_PRIVATE_CALLBACKS": "true",
    # Past the alias guard's default (50), so that what refuses 200 aliases is the quota.
    "FACET_GRAPHQL_MAX_ALIASES": "500",
}


@pytest.fixture(scope="module")
def untrusting(database_url: str) -> Iterator[str]:
    """The default: no proxies are trusted."""
    with facet_serve("--domain", "loopos", database_url=database_url, **SERVER) as url:
        yield url


@pytest.fixture(scope="module")
def behind_proxy(database_url: str) -> Iterator[str]:
    proxy = {"FACET_TRUSTED_PROXIES": "127.0.0.1"}
    with facet_serve("--domain", "loopos", database_url=database_url, **SERVER, **proxy) as url:
        yield url


@asynccontextmanager
async def client_at(address: str, url: str) -> AsyncIterator[httpx.AsyncClient]:
    """A client whose connections leave from `address`."""
    transport = httpx.AsyncHTTPTransport(local_address=address)
    async with httpx.AsyncClient(transport=transport, base_url=url, timeout=30) as client:
        yield client


def decisions(count: int, **extra: str) -> dict[str, Any]:
    """One GraphQL request running `count` aliased decisions."""
    fields = " ".join(f"d{n}: {DECIDE}" for n in range(count))
    return {
        "query": f"mutation Decide($input: DecisionInput!) {{ {fields} }}",
        "variables": {"input": {**DECISION, **extra}},
    }


def typename() -> dict[str, Any]:
    return {"query": "{ __typename }"}


async def stored_jobs(database: Database) -> int:
    async with database.session() as session:
        return int((await session.execute(select(func.count()).select_from(Job))).scalar_one())


def assert_over_limit(response: httpx.Response) -> None:
    assert (response.status_code, response.json()) == (429, OVER_LIMIT)
    assert 0 < int(response.headers["Retry-After"]) <= 60


async def test_aliased_mutations_over_the_limit_run_none(
    untrusting: str, database: Database
) -> None:
    hook = {"callback_url": "http://127.0.0.1:9/hook"}
    async with client_at("127.0.0.2", untrusting) as client:
        assert_over_limit(await client.post("/graphql", json=decisions(200, **hook)))
        assert await stored_jobs(database) == 0

        # Up to the limit they all run, each storing its job; then the quota is spent.
        answered = await client.post("/graphql", json=decisions(LIMIT, **hook))
        assert answered.status_code == 200
        kinds = {field["__typename"] for field in answered.json()["data"].values()}
        assert kinds == {"CallbackAccepted"}
        assert await stored_jobs(database) == LIMIT
        assert_over_limit(await client.post("/graphql", json=typename()))

        # REST routes are counted on their own, one per request.
        assert (await client.post("/loopos_ai_decision", json=DECISION)).status_code == 200


async def test_fragments_and_repeated_fields_count_as_they_run(untrusting: str) -> None:
    # `a` and `b` through the fragment, `c` inline, and `a` again: the same field, run once.
    request = {
        "query": f"""
            mutation M($input: DecisionInput!) {{
                ...Two
                ... on Mutation {{ c: {DECIDE} }}
                a: {DECIDE}
            }}
            fragment Two on Mutation {{ a: {DECIDE} b: {DECIDE} }}
        """,
        "variables": {"input": DECISION},
    }
    async with client_at("127.0.0.3", untrusting) as client:
        assert (await client.post("/graphql", json=decisions(LIMIT - 3))).status_code == 200
        answered = await client.post("/graphql", json=request)
        assert answered.status_code == 200 and sorted(answered.json()["data"]) == ["a", "b", "c"]
        assert_over_limit(await client.post("/graphql", json=typename()))


async def test_a_document_spends_the_operation_it_runs(untrusting: str) -> None:
    document = {
        "query": f"{decisions(LIMIT)['query']} query Small {{ __typename }}",
        "variables": {"input": DECISION},
    }
    async with client_at("127.0.0.4", untrusting) as client:
        small = await client.post("/graphql", json={**document, "operationName": "Small"})
        assert small.json() == {"data": {"__typename": "Query"}}
        # Now one short of what the mutation would spend.
        decide = await client.post("/graphql", json={**document, "operationName": "Decide"})
        assert_over_limit(decide)


async def test_rest_requests_spend_one_each(untrusting: str) -> None:
    async with client_at("127.0.0.5", untrusting) as client:
        for _ in range(LIMIT):
            assert (await client.post("/loopos_ai_decision", json=DECISION)).status_code == 200
        assert_over_limit(await client.post("/loopos_ai_decision", json=DECISION))
        # Another path has a count of its own, GraphQL too.
        assert (await client.get("/health")).status_code == 200
        assert (await client.post("/graphql", json=typename())).status_code == 200


async def test_forwarded_headers_from_an_untrusted_peer_are_ignored(untrusting: str) -> None:
    async with client_at("127.0.0.1", untrusting) as client:
        assert (await client.post("/graphql", json=decisions(LIMIT))).status_code == 200
        for spoofed in (
            {"X-Forwarded-For": "203.0.113.7"},
            {"X-Forwarded-For": "127.0.0.9, 203.0.113.8"},
            {"Forwarded": "for=203.0.113.9"},
            {"X-Real-IP": "203.0.113.10"},
        ):
            assert_over_limit(await client.post("/graphql", json=typename(), headers=spoofed))


async def test_websocket_operations_spend_the_same_quota(untrusting: str) -> None:
    uri = untrusting.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(
        uri, subprotocols=["graphql-transport-ws"], local_addr=("127.0.0.6", 0)
    ) as socket:
        await socket.send(json.dumps({"type": "connection_init"}))
        assert json.loads(await socket.recv())["type"] == "connection_ack"

        async def run(request: dict[str, Any], id: str) -> dict[str, Any]:
            await socket.send(json.dumps({"id": id, "type": "subscribe", "payload": request}))
            return json.loads(await socket.recv())

        refused = await run(decisions(LIMIT + 1), "over")
        assert refused["type"] == "error"
        assert refused["payload"][0]["message"] == OVER_LIMIT["error"]
        labels = refused["payload"][0]["extensions"]
        assert (labels["status"], labels["reason"]) == (429, "RATE_LIMITED")
        answered = await run(decisions(LIMIT), "within")
        assert answered["type"] == "next" and len(answered["payload"]["data"]) == LIMIT
    async with client_at("127.0.0.6", untrusting) as client:
        assert_over_limit(await client.post("/graphql", json=typename()))


async def test_a_trusted_proxy_names_each_client(behind_proxy: str) -> None:
    async with client_at("127.0.0.1", behind_proxy) as proxy:
        first = {"X-Forwarded-For": "198.51.100.1"}
        assert (
            await proxy.post("/graphql", json=decisions(LIMIT), headers=first)
        ).status_code == 200
        assert_over_limit(await proxy.post("/graphql", json=typename(), headers=first))
        # What a client wrote before the proxy's entry is its own claim, not its address.
        claimed = {"X-Forwarded-For": "198.51.100.7, 198.51.100.1"}
        assert_over_limit(await proxy.post("/graphql", json=typename(), headers=claimed))
        second = {"X-Forwarded-For": "198.51.100.2"}
        assert (await proxy.post("/graphql", json=typename(), headers=second)).status_code == 200
        # Without a forwarded address, the proxy is the client.
        assert (await proxy.post("/graphql", json=typename())).status_code == 200


async def test_an_untrusted_peer_behind_a_proxy_setting_is_itself(behind_proxy: str) -> None:
    async with client_at("127.0.0.2", behind_proxy) as client:
        assert (await client.post("/graphql", json=decisions(LIMIT))).status_code == 200
        spoofed = {"X-Forwarded-For": "198.51.100.3"}
        assert_over_limit(await client.post("/graphql", json=typename(), headers=spoofed))
