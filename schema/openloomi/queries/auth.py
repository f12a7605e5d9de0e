"""The current user, their plan and entitlements."""

from __future__ import annotations

import strawberry

from app.errors import NotFound, Unauthenticated
from schema._shared import fields
from schema._shared.rows import from_row

from ..context import Info
from ..service import auth
from ..types.auth import Entitlement, Entitlements, Profile, ProfileResult, RemoteUser
from ..types.auth import Subscription as Plan

SIGNED_IN, NOT_SIGNED_IN = "/", "/login?error=invalid_token"


@strawberry.type
class AuthQuery:
    @fields.query(description="The current user.")
    async def remote_user(self, info: Info) -> RemoteUser:
        return from_row(
            RemoteUser, await auth.current_user(info.context.session, info.context.principal)
        )

    @fields.query(description="The current user's plan: none is kept here, so `null`.")
    async def subscription(self, info: Info) -> Plan | None:
        return None

    @fields.query(description="What the current user's plan entitles them to.")
    async def entitlements(self, info: Info) -> Entitlements:
        user = await auth.current_user(info.context.session, info.context.principal)
        return Entitlements(
            success=True, entitlements=Entitlement(user_type=user.type, insight_history_days=0)
        )

    @fields.query(description="The current user's profile.")
    async def profile(self, info: Info) -> ProfileResult:
        user = await auth.current_user(info.context.session, info.context.principal)
        return ProfileResult(
            user=Profile(
                id=user.id,
                email=user.email,
                name=user.name,
                avatar_url=user.avatar_url,
                has_password=True,
                updated_at=user.updated_at,
                last_login_at=user.last_login_at,
            )
        )

    @fields.query(
        public=True,
        description="Set a token as the auth cookies; answers where to go next (over REST, "
        "a redirect): `/`, or `/login?error=invalid_token` for a token that does not work.",
    )
    async def set_token(self, info: Info, token: str | None = None) -> str:
        context = info.context
        try:
            issued = await auth.adopt(context.session, context.domain_settings, token)
        except (Unauthenticated, NotFound):
            return NOT_SIGNED_IN
        context.set_auth_cookies(issued)
        return SIGNED_IN
