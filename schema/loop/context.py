"""Loop's request context: Loop's settings and its API-key check."""

from __future__ import annotations

from app.auth.bearer import bearer_token, same_secret
from app.context import RequestContext
from app.errors import Unauthenticated

from .errors import INVALID_KEY, MISSING_AUTH
from .settings import LoopSettings


class LoopContext(RequestContext):
    domain_settings: LoopSettings

    async def authenticate(self) -> None:
        """One timing-safe comparison against `LOOP_API_KEY`, as Loop's server does."""
        headers = self.request.headers if self.request is not None else {}
        token = bearer_token(headers.get("authorization"))
        if token is None:
            raise Unauthenticated(MISSING_AUTH)
        if not same_secret(token, self.domain_settings.api_key):
            raise Unauthenticated(INVALID_KEY)
        self.principal = "loop-api-key"
