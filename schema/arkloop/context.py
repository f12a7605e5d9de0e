"""Arkloop's request context: the caller (an access token or an `ak-` API key), the trace id
of the request, and the root fields that need a permission of the caller (`permitted_query`,
`permitted_mutation`): after authentication, the caller's role (narrowed to an API key's
scopes) must hold the field's permission, else 403 `policy.denied` with `details.action`
naming it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import strawberry
from strawberry.extensions import FieldExtension
from strawberry.types import Info

from app.auth.bearer import bearer_token
from app.context import RequestContext
from schema._shared.constraints import ValidateInput
from schema._shared.fields import Authenticated

from .errors import InvalidAuthorization, MissingToken
from .service import auth
from .service.policy import require
from .settings import ArkloopSettings

REFRESH_COOKIE = "arkloop_refresh_token"


class ArkloopContext(RequestContext):
    principal: auth.Principal
    domain_settings: ArkloopSettings

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


class Requires(FieldExtension):
    def __init__(self, permission: str) -> None:
        super().__init__()
        self.permission = permission

    async def resolve_async(
        self, next_: Callable[..., Awaitable[Any]], source: Any, info: Info, **kwargs: Any
    ) -> Any:
        require(info.context.principal, self.permission)
        return await next_(source, info, **kwargs)


def _permitted(permission: str) -> list[FieldExtension]:
    # Strawberry runs the last extension first: authentication, the permission, then input.
    return [ValidateInput(), Requires(permission), Authenticated()]


def permitted_query(permission: str, *, description: str | None = None) -> Any:
    return strawberry.field(extensions=_permitted(permission), description=description)


def permitted_mutation(permission: str, *, description: str | None = None) -> Any:
    return strawberry.mutation(extensions=_permitted(permission), description=description)
