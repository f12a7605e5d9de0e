"""Arkloop's request context: the caller (an access token or an `ak-` API key) and the trace id
of the request."""

from __future__ import annotations

from functools import cached_property

from app.auth.bearer import bearer_token
from app.context import RequestContext

from . import auth
from .errors import InvalidAuthorization, MissingToken
from .loaders import ArkloopLoaders
from .settings import ArkloopSettings

REFRESH_COOKIE = "arkloop_refresh_token"


class ArkloopContext(RequestContext):
    principal: auth.Principal
    domain_settings: ArkloopSettings

    @cached_property
    def loaders(self) -> ArkloopLoaders:
        return ArkloopLoaders(self.session)

    @property
    def trace_id(self) -> str:
        return str(getattr(self.request.state, "trace_id", "")) if self.request else ""

    async def authenticate(self) -> None:
        header = self.request.headers.get("authorization") if self.request else None
        if not header:
            raise MissingToken("Missing Authorization header")
        token = bearer_token(header)
        if token is None:
            raise InvalidAuthorization("Authorization must be `Bearer <token>`")
        self.principal = await auth.principal_for(self.session, self.domain_settings, token)

    def set_refresh_cookie(self, secret: str) -> None:
        assert self.response is not None
        self.response.set_cookie(
            REFRESH_COOKIE,
            secret,
            max_age=self.domain_settings.refresh_token_ttl_seconds,
            httponly=True,
            secure=self.domain_settings.cookie_secure,
            samesite="strict",
            path="/",
        )

    def clear_refresh_cookie(self) -> None:
        assert self.response is not None
        self.response.delete_cookie(
            REFRESH_COOKIE, httponly=True, secure=self.domain_settings.cookie_secure, path="/"
        )
