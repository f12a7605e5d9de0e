"""Arkloop's demo data: the user and API key that `facet serve` prints and GraphiQL starts
with in development work as printed, and seeding again changes nothing."""

from __future__ import annotations

import httpx

from app.db import Database
from schema.arkloop import seed


async def test_the_demo_user_signs_in_and_its_key_calls_the_api(
    database: Database, client: httpx.AsyncClient
) -> None:
    async with database.session() as session, session.begin():
        assert await seed.seed(session) == "arkloop: demo user 'demo' with an API key"
    login = await client.post(
        "/v1/auth/login", json={"login": seed.LOGIN, "password": seed.PASSWORD}
    )
    assert login.status_code == 200, login.text
    me = await client.get("/v1/me", headers={"Authorization": f"Bearer {seed.API_KEY}"})
    assert me.status_code == 200, me.text
    assert (me.json()["username"], me.json()["email"]) == (seed.LOGIN, seed.EMAIL)
    async with database.session() as session, session.begin():
        assert await seed.seed(session) == "arkloop: demo user exists, left as is"
    keys = await client.get("/v1/api-keys", headers={"Authorization": f"Bearer {seed.API_KEY}"})
    assert [key["name"] for key in keys.json()] == ["demo"]
