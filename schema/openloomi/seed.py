"""Demo data: a user to log in as (demo@openloomi.local, password `openloomi1`) with one insight,
added only when the domain has no user yet."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from . import repository
from .service import auth, insights
from .settings import OpenloomiSettings

DEMO_EMAIL, DEMO_PASSWORD = "demo@openloomi.local", "openloomi1"


async def seed(session: AsyncSession) -> str:
    if await repository.users.by_email(session, DEMO_EMAIL) is not None:
        return "openloomi: already has data, left as is"
    issued = await auth.register(session, OpenloomiSettings(), DEMO_EMAIL, DEMO_PASSWORD)
    await insights.create(
        session,
        issued.user.id,
        {"title": "Welcome to OpenLoomi", "description": "Insights you add appear here."},
    )
    return f"openloomi: demo user {DEMO_EMAIL} (password {DEMO_PASSWORD}) with one insight"
