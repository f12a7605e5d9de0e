"""What the server says about itself, to anyone: liveness, readiness, and how to sign up."""

from __future__ import annotations

import strawberry

from schema._shared import fields

from ..service import health
from ..types.auth import CaptchaConfig, RegistrationMode
from ..types.common import ArkloopInfo, Health, Readiness


@strawberry.type
class ServerQuery:
    @fields.query(public=True, description="Liveness probe.")
    async def healthz(self) -> Health:
        return Health(status="ok")

    @fields.query(public=True, description="Readiness: the database answers and is migrated.")
    async def readyz(self, info: ArkloopInfo) -> Readiness:
        version = await health.readiness(info.context.database)
        if version is None:
            return Readiness(status="unavailable", reason="database unavailable")
        return Readiness(status="ok", schema_version=version)

    @fields.query(public=True)
    async def registration_mode(self, info: ArkloopInfo) -> RegistrationMode:
        return RegistrationMode(mode=info.context.domain_settings.registration_mode)

    @fields.query(public=True)
    async def captcha_config(self, info: ArkloopInfo) -> CaptchaConfig:
        site_key = info.context.domain_settings.turnstile_site_key
        return CaptchaConfig(enabled=site_key is not None, site_key=site_key)
