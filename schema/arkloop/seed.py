"""Demo data for a fresh Arkloop: a user with a known password and an API key whose secret is
fixed, so a local demo can sign in, or call the API and GraphQL at once. Runs only while the
demo user does not exist. Never seed a deployment's database: anyone can read these."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from .repository import identity
from .service import accounts, auth
from .settings import ArkloopSettings

LOGIN = "demo"
PASSWORD = "demo password"
EMAIL = "demo@example.com"
API_KEY = f"{auth.API_KEY_PREFIX}demo-0000000000000000000000000000"


async def seed(session: AsyncSession) -> str:
    if await identity.user_by_login(session, LOGIN) is not None:
        return "arkloop: demo user exists, left as is"
    # The sign-in that registering starts is not used; its signing key need not last.
    issued = await auth.register(session, ArkloopSettings(), LOGIN, PASSWORD, EMAIL, None)
    member = await identity.primary_membership(session, issued.user_id)
    assert member is not None
    owner = auth.Principal(issued.user_id, member.account_id, member.role)
    await accounts.create_api_key(session, owner, "demo", [], secret=API_KEY)
    return f"arkloop: demo user {LOGIN!r} with an API key"
