"""Accounts, tokens and what a user is entitled to."""

from __future__ import annotations

from datetime import datetime

import strawberry

from schema._shared.constraints import nullable


@strawberry.type(description="A signed-in user, as login and register answer.")
class AuthUser:
    id: strawberry.ID
    email: str
    name: str | None
    avatar_url: str | None
    type: str


@strawberry.type
class AuthResult:
    user: AuthUser
    token: str = strawberry.field(description="A JWT; also set as the `cloud_auth_token` cookie.")


@strawberry.type(description="The current user.")
class RemoteUser:
    id: strawberry.ID
    email: str
    name: str | None
    avatar_url: str | None


@strawberry.type
class Refreshed:
    success: bool
    token: str


@strawberry.type
class PasswordChanged:
    success: bool
    message: str
    token: str = strawberry.field(description="Earlier tokens stop working; this one works.")


@strawberry.type(description="The user's plan (none is stored here: `null`).")
class Subscription:
    plan_name: str
    status: str
    end_date: datetime | None


@strawberry.type
class Entitlement:
    user_type: str
    insight_history_days: int


@strawberry.type
class Entitlements:
    success: bool
    entitlements: Entitlement


@strawberry.type
class Success:
    success: bool


@strawberry.type
class Profile:
    id: strawberry.ID
    email: str
    name: str | None
    avatar_url: str | None
    has_password: bool
    updated_at: datetime
    last_login_at: datetime | None


@strawberry.type
class ProfileResult:
    user: Profile


@strawberry.input
class CredentialsInput:
    email: str | None = nullable(max_length=320)
    password: str | None = nullable(max_length=1000)


@strawberry.input
class UserUpdateInput:
    name: str | None = nullable(max_length=200)
    avatar_url: str | None = nullable(max_length=2048)


@strawberry.input
class PasswordChangeInput:
    current_password: str | None = nullable(max_length=1000)
    new_password: str | None = nullable(max_length=1000)
    confirm_password: str | None = nullable(max_length=1000)
