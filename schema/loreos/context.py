"""LoreOS's request context: the caller is the app its `Authorization: Bearer <key>` resolves
to. No key is 401 and a key that is unknown, malformed or revoked 403, both with a plain-string
`detail`; an expired key is 403 `api_key_expired`."""

from __future__ import annotations

import strawberry

from app.auth.bearer import bearer_token
from app.context import RequestContext

from . import errors
from .service import apps
from .settings import LoreosSettings


class LoreosContext(RequestContext):
    principal: apps.Principal
    domain_settings: LoreosSettings

    async def authenticate(self) -> None:
        header = self.request.headers.get("authorization") if self.request else None
        if not header:
            raise errors.MissingKey(errors.MISSING_KEY)
        token = bearer_token(header)
        if token is None:
            raise errors.InvalidKey(errors.INVALID_KEY)
        self.principal = await apps.principal_for(self.database, token)

    @property
    def client_ip(self) -> str | None:
        request = self.request
        return request.client.host if request is not None and request.client else None


# What resolvers receive as `info`, typed with this context.
Info = strawberry.Info[LoreosContext, None]
