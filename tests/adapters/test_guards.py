"""What one GraphQL document may ask for is bounded before anything runs: tokens, aliases,
depth and cost, with limits from settings, and introspection only where allowed. A refused
document is answered with a GraphQL error and changes nothing; the REST routes' own documents
are not measured."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from graphql import get_introspection_query
from sqlalchemy import func, select

from app.db import Database
from app.domain import DomainSettings
from app.main import create_app
from app.settings import Settings
from schema.loop.models import Label

from ..conftest import AUTH

DOMAINS = ("loop", "arkloop", "loopos")
REFUSED = {"code": "BAD_USER_INPUT", "reason": "VALIDATION_ERROR", "status": 422}
ISSUES = "issues(limit: 200) { items { id title labels { id name } } }"

Build = Callable[..., Awaitable[FastAPI]]


@pytest.fixture
async def build(
    settings: Settings, domain_settings: dict[str, DomainSettings], database: Database
) -> AsyncIterator[Build]:
    """Apps built with some settings changed, on the suite's database."""
    built: list[FastAPI] = []

    async def make(**changes: Any) -> FastAPI:
        changed = settings.model_copy(update=changes)
        built.append(create_app(settings=changed, domain_settings=domain_settings))
        return built[-1]

    yield make
    for application in built:
        await application.state.database.dispose()


async def graphql(app: FastAPI, slug: str, query: str, **body: Any) -> dict[str, Any]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=f"http://test/{slug}") as client:
        response = await client.post("/graphql", json={"query": query, **body}, headers=AUTH)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def refusal(answer: dict[str, Any]) -> str:
    """The first error's message, once every error is checked to be a refusal."""
    assert answer.get("data") is None, answer
    for error in answer["errors"]:
        assert REFUSED.items() <= error["extensions"].items()
    message: str = answer["errors"][0]["message"]
    return message


@pytest.mark.parametrize("slug", DOMAINS)
async def test_each_bound_refuses_on_every_domain(
    app: FastAPI, database: Database, slug: str
) -> None:
    aliases = "{ " + " ".join(f"a{i}: __typename" for i in range(51)) + " }"
    assert refusal(await graphql(app, slug, aliases)) == "51 aliases: over the limit of 50."
    tokens = "{ " + "__typename " * 5001 + "}"
    assert "more than 5000 tokens" in refusal(await graphql(app, slug, tokens))
    # Introspection counts too.
    deep = '{ __type(name: "Query") { ' + "ofType { " * 16 + "name" + " }" * 16 + " } }"
    assert refusal(await graphql(app, slug, deep)) == "Depth 17: over the limit of 15."
    assert (await graphql(app, slug, "{ a0: __typename a1: __typename }"))["data"]


async def test_cost_counts_list_sizes_and_refuses_before_running(
    app: FastAPI, database: Database
) -> None:
    one = await graphql(app, "loop", "{ " + ISSUES + " }")
    assert one == {"data": {"issues": {"items": []}}}
    # Each copy: 200 issues of two fields and 20 expected labels of two, 8,602 fields.
    many = "{ " + " ".join(f"a{i}: {ISSUES}" for i in range(6)) + " }"
    assert refusal(await graphql(app, "loop", many)) == "Cost 51612: over the limit of 50000."
    # A variable counts as the most its argument accepts (200), whatever is sent.
    variable = (
        "query($n: Int!) { "
        + " ".join(
            f"a{i}: issues(limit: $n) {{ items {{ id title labels {{ id name }} }} }}"
            for i in range(6)
        )
        + " }"
    )
    assert refusal(await graphql(app, "loop", variable, variables={"n": 1})).startswith(
        "Cost 51612:"
    )
    # Smaller pages cost less and run.
    small = (
        "{ " + " ".join(f"a{i}: issues(limit: 10) {{ items {{ id }} }}" for i in range(6)) + " }"
    )
    assert (await graphql(app, "loop", small))["data"]


async def test_a_refused_mutation_changes_nothing(app: FastAPI, database: Database) -> None:
    creations = " ".join(
        f'a{i}: createLabel(input: {{name: "l{i}", color: "red"}}) {{ id }}' for i in range(60)
    )
    assert "aliases" in refusal(await graphql(app, "loop", f"mutation {{ {creations} }}"))
    async with database.session() as session:
        assert await session.scalar(select(func.count()).select_from(Label)) == 0


async def test_limits_are_settings(build: Build) -> None:
    app = await build(graphql_max_aliases=1, graphql_max_depth=2, graphql_max_cost=30)
    two = "{ a: __typename b: __typename }"
    assert refusal(await graphql(app, "loop", two)) == "2 aliases: over the limit of 1."
    deep = "{ issues(limit: 1) { items { project { id } } } }"
    assert refusal(await graphql(app, "loop", deep)) == "Depth 3: over the limit of 2."
    # Pages of 20 (the expected list size for a list without an argument) of one field.
    costly = "{ issues(limit: 29) { items { id } } }"
    assert refusal(await graphql(app, "loop", costly)) == "Cost 31: over the limit of 30."


async def test_rest_routes_are_not_measured(build: Build) -> None:
    """A route's document is the product's own: even limits no client document passes leave
    every route working, and the same text sent to GraphQL runs too."""
    app = await build(graphql_max_cost=1, graphql_max_depth=1)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test/loop") as client:
        response = await client.get("/api/issues", params={"limit": 200}, headers=AUTH)
    assert response.status_code == 200
    assert response.json() == {"data": [], "total": 0}


async def test_fragments_are_measured_once_per_use(app: FastAPI, database: Database) -> None:
    """Each fragment spreads the next twice: 2^40 uses, one walk each would never end."""
    chain = " ".join(f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(40))
    query = f"{{ ...F0 }} {chain} fragment F40 on Query {{ __typename }}"
    assert refusal(await graphql(app, "loop", query)).startswith("Cost 1099511627776:")


@pytest.mark.parametrize(
    ("changes", "allowed"),
    [
        ({}, True),
        ({"environment": "production"}, False),
        ({"environment": "production", "graphql_introspection": True}, True),
        ({"graphql_introspection": False}, False),
    ],
)
async def test_introspection_is_a_setting(
    build: Build, changes: dict[str, Any], allowed: bool
) -> None:
    app = await build(**changes)
    for slug in DOMAINS:
        answer = await graphql(app, slug, get_introspection_query(descriptions=True))
        if allowed:
            assert answer["data"]["__schema"]["queryType"]["name"] == "Query"
        else:
            assert "introspection" in refusal(answer).lower()
