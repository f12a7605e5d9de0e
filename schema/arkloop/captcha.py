"""Cloudflare Turnstile: when a secret key is configured, register and login need a token the
siteverify endpoint accepts."""

from __future__ import annotations

import httpx

from .errors import CaptchaFailed
from .settings import ArkloopSettings

VERIFY_URL = "https://challenges.cloudflare.com/turnstile/v0/siteverify"


async def check(settings: ArkloopSettings, token: str | None, client_ip: str | None) -> None:
    secret = settings.turnstile_secret_key
    if secret is None:
        return
    if not token:
        raise CaptchaFailed("Captcha token required")
    form = {"secret": secret, "response": token, **({"remoteip": client_ip} if client_ip else {})}
    try:
        async with httpx.AsyncClient(timeout=10) as client:
            answer = (await client.post(VERIFY_URL, data=form)).json()
    except (httpx.HTTPError, ValueError):
        raise CaptchaFailed("Captcha could not be verified") from None
    if not answer.get("success"):
        raise CaptchaFailed("Captcha rejected")
