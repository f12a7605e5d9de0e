"""OpenLoomi's request context: the caller, from the `cloud_auth_token` cookie or an
`Authorization: Bearer` token (the cookie first, as the product reads them), and the auth
cookies a login sets and a logout clears."""

from __future__ import annotations

import base64
import secrets
from typing import Any

import orjson
import strawberry

from app.auth.bearer import bearer_token
from app.context import RequestContext

from .service import auth
from .settings import OpenloomiSettings

TOKEN_COOKIE = "cloud_auth_token"
# The cookies a login sets: the token (HttpOnly), a copy scripts can read, the claims, and a
# CSRF token twice.
AUTH_COOKIES = (
    TOKEN_COOKIE,
    "cloud_auth_token_client",
    "cloud_auth_payload",
    "csrf_token",
    "csrf_token_client",
)


class OpenloomiContext(RequestContext):
    principal: auth.Principal
    domain_settings: OpenloomiSettings

    @property
    def presented_token(self) -> str | None:
        request = self.request
        if request is None:
            return None
        return request.cookies.get(TOKEN_COOKIE) or bearer_token(
            request.headers.get("authorization")
        )

    async def authenticate(self) -> None:
        self.principal = await auth.principal_for(
            self.session, self.domain_settings, self.presented_token
        )

    def set_auth_cookies(self, issued: auth.Issued) -> None:
        assert self.response is not None
        claims = issued.claims
        payload = {key: claims[key] for key in ("id", "email", "exp", "iat")}
        csrf = secrets.token_urlsafe(24)
        values = (
            issued.token,
            issued.token,
            base64.urlsafe_b64encode(orjson.dumps(payload)).decode().rstrip("="),
            csrf,
            csrf,
        )
        for name, value in zip(AUTH_COOKIES, values, strict=True):
            self.response.set_cookie(
                name,
                value,
                max_age=self.domain_settings.token_ttl_seconds,
                httponly=name == TOKEN_COOKIE,
                secure=self.domain_settings.cookie_secure,
                samesite="lax",
                path="/",
            )

    def clear_auth_cookies(self) -> None:
        assert self.response is not None
        for name in AUTH_COOKIES:
            self.response.delete_cookie(name, path="/")


# What resolvers receive as `info`, typed with this context.
Info = strawberry.Info[OpenloomiContext, Any]
