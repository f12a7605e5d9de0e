"""Steps most LoreOS tests take: a key, a character, a session."""

from __future__ import annotations

from typing import Any

from app.db import Database
from schema.loreos.service import apps

from .api import GraphQL, Rest

Api = Rest | GraphQL


async def sandbox_key(api: Api) -> str:
    outcome = await api.call("demoSandboxKey")
    assert outcome.status == 200, outcome
    return str(outcome.data["api_key"])


async def character(api: Api, key: str, slug: str = "mina", **content: Any) -> dict[str, Any]:
    body = {"slug": slug, "display_name": slug.title(), **content}
    outcome = await api.call("createCharacter", key, input=body)
    assert outcome.status == 200, outcome
    return dict(outcome.data)


async def session(api: Api, key: str, slug: str = "mina", ref: str = "user-1") -> str:
    outcome = await api.call(
        "createSession", key, input={"character": slug, "external_user_ref": ref}
    )
    assert outcome.status == 200, outcome
    return str(outcome.data["session_id"])


async def app_key(database: Database, name: str = "Metered") -> str:
    """A standard (non-demo) app's key, as `facet loreos create-app` makes one."""
    async with database.session() as db, db.begin():
        issued = await apps.create_app(db, name)
    return issued.secret
