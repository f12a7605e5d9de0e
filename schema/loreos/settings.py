"""LoreOS's own variables (`FACET_LOREOS_*`, and the product's names where it has one)."""

from __future__ import annotations

from pydantic import AliasChoices, Field
from pydantic_settings import SettingsConfigDict

from app.domain import DomainSettings
from app.ratelimit import Rate


class LoreosSettings(DomainSettings):
    model_config = SettingsConfigDict(env_prefix="FACET_LOREOS_")

    # `POST /v1/demo/sandbox-key` issues capped sandbox keys unless turned off.
    demo_sandbox_enabled: bool = Field(
        default=True,
        validation_alias=AliasChoices(
            "LOREOS_DEMO_SANDBOX_ENABLED", "FACET_LOREOS_DEMO_SANDBOX_ENABLED"
        ),
    )
    # Sandbox keys issued per client address (429 demo_sandbox_rate_limited past it).
    demo_sandbox_rate_limit: Rate = "10/hour"
    demo_max_characters: int = 3
    demo_max_sessions: int = 5
    demo_max_messages: int = 60
    demo_max_message_chars: int = 1200
    demo_key_ttl_seconds: int = 24 * 3600
    # The sandbox app's hard credit cap.
    demo_credit_limit: float = 100.0
    # The meter: what a reply reserves before its model call, and what it settles to (a base
    # per reply plus the characters read and written, per thousand).
    reply_reserve_credits: float = 2.0
    reply_base_credits: float = 0.5
    credits_per_1k_input_chars: float = 0.05
    credits_per_1k_output_chars: float = 0.2
    # Each server-sent event connection ends after this long; clients resume with `since`.
    stream_max_seconds: float = 300.0
    # Webhook channels: a delivery's time to answer, and whether a channel may name a private,
    # loopback or link-local address (never in production: the server would POST into its own
    # network).
    webhook_timeout_seconds: float = 10.0
    allow_private_webhooks: bool = False
    # Visual assets: their images are kept under `<data_dir>/assets/<app>/`, at most
    # `max_asset_bytes` each; an image named by URL is fetched once, within
    # `asset_fetch_seconds`, from a public https address only (unless private ones are allowed,
    # for local tests), trusting `asset_fetch_ca_file` besides the usual roots when it is set.
    data_dir: str = "./var/loreos"
    max_asset_bytes: int = 8 * 1024 * 1024
    asset_fetch_seconds: float = 15.0
    allow_private_asset_urls: bool = False
    asset_fetch_ca_file: str | None = None
