"""`facet openloomi ...`: what a user of the desktop app's skills runs once, so that the skill
scripts find a token where the app keeps it."""

from __future__ import annotations

import asyncio
import base64
import os
from pathlib import Path
from typing import Annotated

import typer

from app.auth.throttle import LoginThrottle
from app.db import Database
from app.errors import DomainError
from app.migrations import NotReady, prepare_for_serving
from app.settings import get_settings

from . import repository
from .service import auth
from .settings import OpenloomiSettings

commands = typer.Typer(help="OpenLoomi's own commands.", no_args_is_help=True)
TOKEN_FILE = Path("~/.openloomi/token")


@commands.callback()
def _group() -> None:
    """OpenLoomi's own commands."""


@commands.command()
def login(
    email: Annotated[str, typer.Option(help="The account's email.")],
    password: Annotated[str, typer.Option(help="Its password.")],
    register: Annotated[
        bool, typer.Option(help="Create the account when no user has this email.")
    ] = True,
) -> None:
    """Log in (creating the account when none has this email, unless --no-register) and write
    the token, base64-encoded, to ~/.openloomi/token (mode 600), where the skill scripts read
    it."""
    try:
        issued, created = asyncio.run(_sign_in(email, password, register))
    except NotReady as error:
        raise _fail(str(error)) from None
    except DomainError as error:
        raise _fail(error.message) from None
    path = write_token(issued.token)
    action = "registered and logged in" if created else "logged in"
    typer.echo(f"{action} as {issued.user.email}; token written to {path}")


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(1)


async def _sign_in(email: str, password: str, register: bool) -> tuple[auth.Issued, bool]:
    settings, domain_settings = get_settings(), OpenloomiSettings()
    await asyncio.to_thread(prepare_for_serving, settings.database_url)
    database = Database(settings.database_url)
    try:
        async with database.session() as session, session.begin():
            known = await repository.users.by_email(session, auth.normalized_email(email))
            if known is None and register:
                return await auth.register(session, domain_settings, email, password), True
            # Counted with the server's logins when they share Redis (the local address).
            attempts = LoginThrottle.of(settings, namespace="openloomi").client("127.0.0.1")
            return await auth.login(session, domain_settings, attempts, email, password), False
    finally:
        await database.dispose()


def write_token(token: str, path: Path = TOKEN_FILE) -> Path:
    """The token as the desktop app stores it: standard base64, readable by its owner only."""
    target = path.expanduser()
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(base64.b64encode(token.encode()).decode())
    target.chmod(0o600)  # a file that existed keeps its mode through open()
    return target
