"""Process settings: `FACET_*` variables, plus the products' own variables where they have one."""

from __future__ import annotations

import secrets
from functools import lru_cache
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_LOOP_API_KEY = "loop_dev_key"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FACET_", extra="ignore")

    database_url: str = "sqlite+aiosqlite:///./var/facet.db"
    sql_echo: bool = False
    # Connections kept open per process. Beyond these, up to `database_max_overflow` more are
    # opened under load and closed again when returned, and each new connection starts with
    # cold prepared-statement caches: size the pool for the requests served at once.
    database_pool_size: int = Field(default=20, ge=1)
    database_max_overflow: int = Field(default=10, ge=0)
    # Loop's server reads its key from LOOP_API_KEY; the dev default only ever serves local demos.
    loop_api_key: str = Field(
        default=DEV_LOOP_API_KEY,
        validation_alias=AliasChoices("LOOP_API_KEY", "FACET_LOOP_API_KEY"),
    )
    # Webhook secrets, read from the product's own variables; unset means the webhook refuses.
    github_webhook_secret: str | None = Field(
        default=None, validation_alias=AliasChoices("GITHUB_WEBHOOK_SECRET")
    )
    sentry_client_secret: str | None = Field(
        default=None, validation_alias=AliasChoices("SENTRY_CLIENT_SECRET")
    )
    posthog_webhook_secret: str | None = Field(
        default=None, validation_alias=AliasChoices("POSTHOG_WEBHOOK_SECRET")
    )
    # Where dispatched prompts tell agents to call back (Loop's `loopUrl`).
    loop_public_url: str = "http://localhost:4242"

    # Shared state for several processes (rate limits); in-process when unset.
    redis_url: str | None = None

    # AI provider: `offline` needs no network and never invents output.
    ai_provider: Literal["offline", "openai"] = "offline"
    ai_base_url: str = "https://api.openai.com/v1"
    ai_api_key: str | None = None
    ai_model: str = "gpt-4o-mini"
    ai_embedding_model: str = "text-embedding-3-small"
    ai_timeout_seconds: float = 120.0
    ai_long_timeout_seconds: float = 300.0
    ai_max_attempts: int = 4
    ai_backoff_seconds: float = 1.0

    # Background jobs (e.g. callback deliveries).
    jobs_worker: bool = True
    jobs_poll_seconds: float = 1.0
    jobs_lease_seconds: float = 600.0
    jobs_concurrency: int = 16
    jobs_max_attempts: int = 8
    jobs_backoff_seconds: float = 2.0
    jobs_backoff_max_seconds: float = 600.0

    loopos_max_body_bytes: int = 10 * 1024 * 1024
    loopos_rate_limit: str = "60/minute"

    # Arkloop, with the product's own variable names where it has one. Without a configured
    # JWT secret each process signs with a random one (tokens die with the process).
    arkloop_jwt_secret: str = Field(
        default_factory=lambda: secrets.token_hex(32),
        validation_alias=AliasChoices("ARKLOOP_AUTH_JWT_SECRET", "FACET_ARKLOOP_JWT_SECRET"),
    )
    arkloop_access_token_ttl_seconds: int = 900
    arkloop_refresh_token_ttl_seconds: int = 30 * 24 * 3600
    # One directory per project workspace (files agents and users keep with a project).
    arkloop_workspace_root: str = "./var/workspaces"
    arkloop_registration_mode: Literal["open", "invite_only", "disabled"] = "open"
    arkloop_cookie_secure: bool = False
    arkloop_turnstile_site_key: str | None = Field(
        default=None,
        validation_alias=AliasChoices(
            "ARKLOOP_TURNSTILE_SITE_KEY", "FACET_ARKLOOP_TURNSTILE_SITE_KEY"
        ),
    )
    arkloop_turnstile_secret_key: str | None = Field(
        default=None,
        validation_alias=AliasChoices(
            "ARKLOOP_TURNSTILE_SECRET_KEY", "FACET_ARKLOOP_TURNSTILE_SECRET_KEY"
        ),
    )
    # Mail (verification links, login codes, invitations): written to the outbox, and sent
    # through this SMTP server when a host is set (STARTTLS when offered, or implicit TLS).
    arkloop_smtp_host: str | None = None
    arkloop_smtp_port: int = 587
    arkloop_smtp_user: str | None = None
    arkloop_smtp_password: str | None = None
    arkloop_smtp_from: str = "Arkloop <no-reply@localhost>"
    arkloop_smtp_tls: bool = False
    arkloop_smtp_timeout_seconds: float = 30.0
    arkloop_email_verify_ttl_seconds: int = 24 * 3600
    arkloop_otp_ttl_seconds: int = 600
    arkloop_otp_resend_seconds: int = 60
    arkloop_otp_max_attempts: int = 5
    arkloop_invitation_ttl_seconds: int = 7 * 24 * 3600


@lru_cache
def get_settings() -> Settings:
    return Settings()
