"""OpenLoomi's own variables (`FACET_OPENLOOMI_*`, and the product's names where it has one)."""

from __future__ import annotations

from typing import Any

from pydantic import AliasChoices, BaseModel, Field, field_validator
from pydantic_settings import SettingsConfigDict

from app.domain import DomainSettings
from app.ratelimit import Rate


def _named(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class OAuthProvider(BaseModel):
    """One OAuth2 provider's endpoints and this deployment's client there; a provider without
    a client id is not configured."""

    client_id: str | None = None
    client_secret: str | None = None
    authorize_url: str
    token_url: str
    # Read with the access token for the account's name (and, to sign in, the email).
    userinfo_url: str | None = None
    scope: str = ""
    # X requires PKCE.
    pkce: bool = False


PROVIDERS: dict[str, dict[str, Any]] = {
    "slack": {
        "authorize_url": "https://slack.com/oauth/v2/authorize",
        "token_url": "https://slack.com/api/oauth.v2.access",
        "scope": "channels:history,channels:read,chat:write,users:read",
    },
    "discord": {
        "authorize_url": "https://discord.com/oauth2/authorize",
        "token_url": "https://discord.com/api/oauth2/token",
        "userinfo_url": "https://discord.com/api/users/@me",
        "scope": "identify guilds",
    },
    "x": {
        "authorize_url": "https://twitter.com/i/oauth2/authorize",
        "token_url": "https://api.twitter.com/2/oauth2/token",
        "userinfo_url": "https://api.twitter.com/2/users/me",
        "scope": "tweet.read users.read offline.access",
        "pkce": True,
    },
    "github": {
        "authorize_url": "https://github.com/login/oauth/authorize",
        "token_url": "https://github.com/login/oauth/access_token",
        "userinfo_url": "https://api.github.com/user",
        "scope": "user:email",
    },
    "google": {
        "authorize_url": "https://accounts.google.com/o/oauth2/v2/auth",
        "token_url": "https://oauth2.googleapis.com/token",
        "userinfo_url": "https://openidconnect.googleapis.com/v1/userinfo",
        "scope": "openid email profile",
    },
}


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
    # Registrations per client address, in the `limits` notation (logins are counted by the
    # platform's throttle: `FACET_LOGIN_ATTEMPTS_PER_ACCOUNT`, `..._PER_ADDRESS`).
    register_rate_limit: Rate = "10/minute"
    cookie_secure: bool = False
    # The secret integration credentials are sealed under (any text; a key is derived from
    # it); unset: a random one kept in `<data_dir>/encryption_key` (mode 600).
    encryption_key: str | None = None
    # Where app passwords are checked: an IMAP server, `imaps://host:port` or `imap://...`.
    gmail_imap_url: str = "imaps://imap.gmail.com:993"
    outlook_imap_url: str = "imaps://outlook.office365.com:993"
    imap_timeout_seconds: float = 15.0
    # OAuth2 providers by name (slack, discord, x, github, google), as JSON in
    # `FACET_OPENLOOMI_OAUTH`; what is given for one is laid over its defaults above.
    oauth: dict[str, OAuthProvider] = Field(
        default_factory=lambda: {name: OAuthProvider(**p) for name, p in PROVIDERS.items()}
    )
    # Where providers send the browser back: this server's address as the browser sees it.
    public_url: str = "http://localhost:3414"
    oauth_session_seconds: int = Field(default=600, gt=0)

    @field_validator("oauth", mode="before")
    @classmethod
    def _over_defaults(cls, given: Any) -> Any:
        if not isinstance(given, dict):
            return given
        merged: dict[str, Any] = {name: dict(p) for name, p in PROVIDERS.items()}
        for name, value in given.items():
            found = value.model_dump() if isinstance(value, OAuthProvider) else value
            merged[name] = {**merged.get(name, {}), **found} if isinstance(found, dict) else found
        return merged

    # Uploads: the largest file, and what one user may keep in all.
    max_upload_bytes: int = Field(default=100 * 1024 * 1024, gt=0)
    storage_quota_bytes: int = Field(default=1024 * 1024 * 1024, gt=0)
