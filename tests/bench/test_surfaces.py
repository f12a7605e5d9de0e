"""The benchmark compares like with like: on each backend, the raw baseline and Facet's REST
route send the same number of statements and write the same JSON, and the GraphQL endpoint
answers the same compiled as on the standard executor (`facet bench` checks this too, but only
when someone runs it)."""

from __future__ import annotations

from typing import Any

import httpx

from app.db import Database
from bench.loop_surfaces import Call, Surfaces, list_calls, one_calls, same_answers
from bench.setup import HEADERS, combined_app, seed


async def test_raw_rest_and_graphql_agree(database: Database) -> None:
    app, facet = combined_app(database.url)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            surfaces = Surfaces(client, facet, app.state.pool)
            child = await seed(client, 6, HEADERS)
            for items in (1, 6):
                calls = list_calls(surfaces, items)
                await same_answers(surfaces, calls, lambda body: body["data"]["issues"])
                await same_statements(surfaces, calls)
            calls = one_calls(surfaces, child)
            await same_answers(surfaces, calls, lambda body: body["data"]["issue"])
            await same_statements(surfaces, calls)


async def same_statements(surfaces: Surfaces, calls: dict[str, Call]) -> None:
    counts: dict[str, Any] = {
        name: await surfaces.statements(name, call) for name, call in calls.items()
    }
    assert len(set(counts.values())) == 1, counts
