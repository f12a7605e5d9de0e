"""Arkloop's own variables (`FACET_ARKLOOP_*`, and the product's names where it has one)."""

from __future__ import annotations

import secrets
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import SettingsConfigDict

from app.domain import DomainSettings


class ArkloopSettings(DomainSettings):
    model_config = SettingsConfigDict(env_prefix="FACET_ARKLOOP_")

    # Without a configured secret each process signs with a random one (tokens die with it).
    jwt_secret: str = Field(
        default_factory=lambda: secrets.token_hex(32),
        validation_alias=AliasChoices("ARKLOOP_AUTH_JWT_SECRET", "FACET_ARKLOOP_JWT_SECRET"),
    )
    access_token_ttl_seconds: int = 900
    refresh_token_ttl_seconds: int = 30 * 24 * 3600
    # One directory per project workspace (files agents and users keep with a project).
    workspace_root: str = "./var/workspaces"
    # What stored secrets (LLM providers' API keys) are sealed with; unset: a random one kept
    # in `encryption_key_file`, so they survive restarts.
    encryption_key: str | None = Field(
        default=None,
        validation_alias=AliasChoices("ARKLOOP_ENCRYPTION_KEY", "FACET_ARKLOOP_ENCRYPTION_KEY"),
    )
    encryption_key_file: str = "./var/arkloop_encryption_key"
    # How long `available-models` waits for a provider's model list.
    provider_models_timeout_seconds: float = 10.0
    # Credits: what a new account is granted, and how many a dollar of model cost spends.
    initial_credits: int = Field(default=1000, ge=0)
    credits_per_usd: int = Field(default=100, ge=1)
    registration_mode: Literal["open", "invite_only", "disabled"] = "open"
    cookie_secure: bool = False
    turnstile_site_key: str | None = Field(
        default=None,
        validation_alias=AliasChoices(
            "ARKLOOP_TURNSTILE_SITE_KEY", "FACET_ARKLOOP_TURNSTILE_SITE_KEY"
        ),
    )
    turnstile_secret_key: str | None = Field(
        default=None,
        validation_alias=AliasChoices(
            "ARKLOOP_TURNSTILE_SECRET_KEY", "FACET_ARKLOOP_TURNSTILE_SECRET_KEY"
        ),
    )
    # Mail (verification links, login codes, invitations): written to the outbox, and sent
    # through this SMTP server when a host is set (STARTTLS when offered, or implicit TLS).
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_from: str = "Arkloop <no-reply@localhost>"
    smtp_tls: bool = False
    smtp_timeout_seconds: float = 30.0
    email_verify_ttl_seconds: int = 24 * 3600
    otp_ttl_seconds: int = 600
    otp_resend_seconds: int = 60
    otp_max_attempts: int = 5
    invitation_ttl_seconds: int = 7 * 24 * 3600
    sse_heartbeat_seconds: float = Field(
        default=15.0,
        gt=0,
        validation_alias=AliasChoices(
            "ARKLOOP_SSE_HEARTBEAT_SECONDS", "FACET_ARKLOOP_SSE_HEARTBEAT_SECONDS"
        ),
    )
