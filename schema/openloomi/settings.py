"""OpenLoomi's own variables (`FACET_OPENLOOMI_*`, and the product's names where it has one)."""

from __future__ import annotations

from pydantic import AliasChoices, Field
from pydantic_settings import SettingsConfigDict

from app.domain import DomainSettings


def _named(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class OpenloomiSettings(DomainSettings):
    model_config = SettingsConfigDict(env_prefix="FACET_OPENLOOMI_")

    # Files, workspaces and (when no secret is configured) the signing secret live here.
    data_dir: str = "./var/openloomi"
    # Signs tokens. Unset: a random one kept in `<data_dir>/auth_secret` (mode 600), so the
    # server and `facet openloomi login` agree.
    auth_secret: str | None = Field(
        default=None, validation_alias=_named("AUTH_SECRET", "FACET_OPENLOOMI_AUTH_SECRET")
    )
    token_ttl_seconds: int = Field(
        default=90 * 24 * 3600,
        gt=0,
        validation_alias=_named("AUTH_TOKEN_EXPIRY_SECONDS", "FACET_OPENLOOMI_TOKEN_TTL_SECONDS"),
    )
    # How long after expiry a token can still be refreshed.
    refresh_grace_seconds: int = Field(
        default=24 * 3600,
        ge=0,
        validation_alias=_named(
            "AUTH_TOKEN_REFRESH_GRACE_PERIOD_SECONDS", "FACET_OPENLOOMI_REFRESH_GRACE_SECONDS"
        ),
    )
    # Per client address, in the `limits` notation.
    login_rate_limit: str = "20/minute"
    register_rate_limit: str = "10/minute"
    cookie_secure: bool = False
    # A Fernet key (32 url-safe base64 bytes) sealing integration credentials; unset: one kept
    # in `<data_dir>/encryption_key` (mode 600).
    encryption_key: str | None = None
    # Where app passwords are checked: an IMAP server, `imaps://host:port` or `imap://...`.
    gmail_imap_url: str = "imaps://imap.gmail.com:993"
    outlook_imap_url: str = "imaps://outlook.office365.com:993"
    imap_timeout_seconds: float = 15.0
