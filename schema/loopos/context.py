"""LoopOS AI's request context: no authentication (the product has none; it is rate limited),
and the process's AI provider."""

from __future__ import annotations

from app.ai import Provider, provider_for
from app.context import RequestContext

from .settings import LooposSettings


class LooposContext(RequestContext):
    domain_settings: LooposSettings

    @property
    def ai(self) -> Provider:
        return provider_for(self.settings)

    async def authenticate(self) -> None:
        self.principal = "anonymous"
