"""`facet loreos ...`: what an operator runs on a fresh install (the account plane's device
flow needs a console this server does not have)."""

from __future__ import annotations

import asyncio
import json

import typer

from app.db import Database
from app.settings import get_settings

from .service import apps

commands = typer.Typer(help="LoreOS: apps and their keys.")


@commands.command("create-app")
def create_app(name: str) -> None:
    """Create an app and print `{"app_id", "api_key"}` as one JSON line (the key is shown only
    now)."""
    name = name.strip()
    if not name or len(name) > 200:
        raise typer.BadParameter("the name must have 1 to 200 characters")
    issued = asyncio.run(_create(name))
    typer.echo(json.dumps({"app_id": issued.app.id, "api_key": issued.secret}))


async def _create(name: str) -> apps.IssuedKey:
    database = Database(get_settings().database_url)
    try:
        async with database.session() as session, session.begin():
            return await apps.create_app(session, name)
    finally:
        await database.dispose()
