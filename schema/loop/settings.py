"""Loop's own variables, under the names Loop's server reads (`FACET_LOOP_*` as well)."""

from __future__ import annotations

from pydantic import AliasChoices, Field
from pydantic_settings import SettingsConfigDict

from app.domain import DomainSettings

# Only ever serves local demos: a deployment sets LOOP_API_KEY.
DEV_API_KEY = "loop_dev_key"


class LoopSettings(DomainSettings):
    model_config = SettingsConfigDict(env_prefix="FACET_LOOP_")

    api_key: str = Field(
        default=DEV_API_KEY, validation_alias=AliasChoices("LOOP_API_KEY", "FACET_LOOP_API_KEY")
    )
    # Webhook secrets; unset means the webhook refuses every call.
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
    public_url: str = "http://localhost:4242"
    # The largest request body accepted (413 above): ample for a signal's payload or a long
    # description, small enough that one request cannot fill the database or the memory.
    max_body_bytes: int = Field(default=1024 * 1024, gt=0)
