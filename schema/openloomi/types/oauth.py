"""OAuth2 flows: starting one, finishing it, and what a poll of it answers."""

from __future__ import annotations

import enum

import strawberry

from schema._shared.constraints import nullable

from .auth import AuthUser


@strawberry.enum(description="Providers an account is connected through.")
class ConnectProvider(enum.Enum):
    slack = "slack"
    discord = "discord"
    x = "x"


@strawberry.enum(description="Providers a user signs in with.")
class SignInProvider(enum.Enum):
    github = "github"
    google = "google"


@strawberry.enum(description="Every provider a flow runs with.")
class AnyProvider(enum.Enum):
    slack = "slack"
    discord = "discord"
    x = "x"
    github = "github"
    google = "google"


@strawberry.type
class OAuthStarted:
    authorization_url: str
    state: str
    session_id: str = strawberry.field(description="The state again, to poll the flow with.")
    redirect_uri: str


@strawberry.type
class SignInStarted:
    url: str
    state: str
    session_id: str


@strawberry.type
class OAuthConnected:
    success: bool
    account_id: strawberry.ID
    platform: str
    display_name: str


@strawberry.type(description="A flow's progress; a finished sign-in carries a new token.")
class OAuthStatus:
    status: str
    session_id: str
    account_id: strawberry.ID | None = None
    token: str | None = None
    user: AuthUser | None = None
    error: str | None = None


@strawberry.input
class OAuthCodeInput:
    code: str | None = nullable(max_length=4096)
    state: str | None = nullable(max_length=200)
