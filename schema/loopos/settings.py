"""LoopOS AI's limits (`FACET_LOOPOS_*`); the product documents no variables of its own."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from app.domain import DomainSettings


class LooposSettings(DomainSettings):
    model_config = SettingsConfigDict(env_prefix="FACET_LOOPOS_")

    max_body_bytes: int = 10 * 1024 * 1024
    rate_limit: str = "60/minute"
    # Callbacks to loopback, private, link-local and other internal addresses, for development.
    allow_private_callbacks: bool = False
    # Signs each callback body (X-LoopOS-Signature: sha256=<HMAC hex>); empty sends no signature.
    callback_secret: str = ""
    # Callback deliveries running at once in a worker, beside (never taking) other queues' slots.
    callback_concurrency: int = Field(default=8, ge=1)
    # The most one delivery may take: resolving the host, connecting, sending and the answer.
    callback_timeout_seconds: float = Field(default=10.0, gt=0)
