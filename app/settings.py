"""Process settings: `FACET_*` variables, plus the products' own variables where they have one."""

from __future__ import annotations

from functools import lru_cache

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_LOOP_API_KEY = "loop_dev_key"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FACET_", extra="ignore")

    database_url: str = "sqlite+aiosqlite:///./var/facet.db"
    sql_echo: bool = False
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


@lru_cache
def get_settings() -> Settings:
    return Settings()
