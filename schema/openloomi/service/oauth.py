"""OAuth2 authorization code flows, with authlib's httpx client, against the providers in the
settings: connecting an account (Slack, Discord, X: the tokens become the account's sealed
credentials) or signing in (GitHub, Google: the provider's verified email finds or makes the
user). A flow's state is a random id kept server-side for `oauth_session_seconds`; it is
spent once. X uses PKCE (S256)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.httpx_client import AsyncOAuth2Client
from sqlalchemy.ext.asyncio import AsyncSession

from app.clock import utcnow
from app.errors import BadRequest, NotFound, NotSupported, UpstreamFailed
from schema._shared.repository import Row

from ..models import as_utc
from ..repository import oauth_sessions, users
from ..settings import OAuthProvider, OpenloomiSettings
from . import auth, integrations

# Account connections, by provider: the platform the account is kept under.
CONNECTS = {"slack": "slack", "discord": "discord", "x": "twitter"}
SIGN_INS = ("github", "google")
CALLBACKS = {
    "slack": "/api/slack/callback",
    "discord": "/api/discord/callback",
    "x": "/api/x/callback",
    "github": "/api/auth/callback/github",
    "google": "/api/auth/callback/google",
}
TITLES = {"slack": "Slack", "discord": "Discord", "x": "X", "github": "GitHub", "google": "Google"}
INVALID_STATE = "Invalid or expired state parameter"
MISSING = "Missing required parameters: code and state"
TIMEOUT_SECONDS = 20.0


@dataclass(frozen=True)
class Started:
    authorization_url: str
    state: str
    redirect_uri: str


def _configured(settings: OpenloomiSettings, provider: str) -> OAuthProvider:
    found = settings.oauth.get(provider)
    if found is None or not found.client_id:
        raise NotSupported(f"{TITLES[provider]} OAuth is not configured")
    return found


def _client(found: OAuthProvider, redirect_uri: str) -> AsyncOAuth2Client:
    return AsyncOAuth2Client(
        client_id=found.client_id,
        client_secret=found.client_secret,
        scope=found.scope or None,
        redirect_uri=redirect_uri,
        code_challenge_method="S256" if found.pkce else None,
        timeout=TIMEOUT_SECONDS,
    )


async def start(
    session: AsyncSession,
    settings: OpenloomiSettings,
    provider: str,
    user_id: str | None,
) -> Started:
    """A new flow: to connect an account for `user_id`, or to sign in when it is None."""
    found = _configured(settings, provider)
    redirect_uri = settings.public_url.rstrip("/") + CALLBACKS[provider]
    state = secrets.token_urlsafe(32)
    verifier = secrets.token_urlsafe(48) if found.pkce else None
    async with _client(found, redirect_uri) as client:
        url, _ = client.create_authorization_url(
            found.authorize_url, state=state, code_verifier=verifier
        )
    now = utcnow()
    await oauth_sessions.insert(
        session,
        {
            "id": state,
            "user_id": user_id,
            "provider": provider,
            "purpose": "connect" if user_id else "sign_in",
            "code_verifier": verifier,
            "redirect_uri": redirect_uri,
            "status": "pending",
            "created_at": now,
            "expires_at": now + timedelta(seconds=settings.oauth_session_seconds),
        },
    )
    return Started(url, state, redirect_uri)


async def finish(
    session: AsyncSession,
    settings: OpenloomiSettings,
    provider: str,
    code: str | None,
    state: str | None,
) -> Row:
    """Exchanges the code of a pending flow and completes it (the flow's row, updated)."""
    if not code or not state:
        raise BadRequest(MISSING)
    flow = await oauth_sessions.get(session, state)
    if (
        flow is None
        or flow.provider != provider
        or flow.status != "pending"
        or as_utc(flow.expires_at) <= utcnow()
    ):
        raise BadRequest(INVALID_STATE)
    found = _configured(settings, provider)
    token, profile = await _exchange(found, flow, code)
    if flow.purpose == "connect":
        assert flow.user_id is not None
        account = await integrations.connect(
            session, settings, flow.user_id, _account(provider, token, profile)
        )
        changes: dict[str, Any] = {"status": "completed", "account_id": account.id}
    else:
        user = await _user_for(session, provider, profile)
        changes = {"status": "completed", "result_user_id": user.id}
    updated = await oauth_sessions.update(session, flow.id, changes)
    assert updated is not None
    return updated


async def _exchange(
    found: OAuthProvider, flow: Row, code: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    title = TITLES[flow.provider]
    async with _client(found, flow.redirect_uri) as client:
        try:
            token = dict(
                await client.fetch_token(
                    found.token_url, code=code, code_verifier=flow.code_verifier
                )
            )
            profile: dict[str, Any] = {}
            if found.userinfo_url:
                answer = await client.get(found.userinfo_url)
                answer.raise_for_status()
                body = answer.json()
                profile = body.get("data", body) if isinstance(body, dict) else {}
        except OAuthError as error:
            raise BadRequest(
                error.description or error.error or f"{title} refused the code"
            ) from None
        except (httpx.HTTPError, ValueError):
            raise UpstreamFailed(f"Failed to contact {title} OAuth") from None
    if not token.get("access_token"):
        raise UpstreamFailed(f"{title} did not return an access token")
    return token, profile


def _account(provider: str, token: dict[str, Any], profile: dict[str, Any]) -> dict[str, Any]:
    team: dict[str, Any] = token["team"] if isinstance(token.get("team"), dict) else {}
    external = team.get("id") or profile.get("id")
    name = team.get("name") or profile.get("username") or profile.get("name") or TITLES[provider]
    platform = CONNECTS[provider]
    return {
        "platform": platform,
        "external_id": str(external or platform),
        "display_name": str(name),
        "credentials": token,
        "metadata": {key: value for key, value in (("team", team), ("profile", profile)) if value},
        "bot": {
            "name": f"{TITLES[provider]} · {name}",
            "description": f"Automatically created through {platform} authorization",
            "adapter": platform,
            "enable": True,
        },
    }


async def _user_for(session: AsyncSession, provider: str, profile: dict[str, Any]) -> Row:
    email = profile.get("email")
    if not isinstance(email, str) or "@" not in email or profile.get("email_verified") is False:
        raise BadRequest(f"{TITLES[provider]} did not share a verified email")
    known = await users.by_email(session, auth.normalized_email(email))
    if known is not None:
        return known
    name = profile.get("name") or profile.get("login")
    avatar = profile.get("picture") or profile.get("avatar_url")
    return await auth.create_without_password(
        session,
        email,
        name if isinstance(name, str) else None,
        avatar if isinstance(avatar, str) else None,
    )


async def flow_of(session: AsyncSession, provider: str, id: str | None) -> Row:
    flow = await oauth_sessions.get(session, id) if id else None
    if flow is None or flow.provider != provider:
        raise NotFound("Session not found")
    return flow


async def fail(session: AsyncSession, flow: Row, error: str) -> None:
    await oauth_sessions.update(session, flow.id, {"status": "error", "error": error})
