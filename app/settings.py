"""Process settings: the platform's `FACET_*` variables. Each domain reads its product's own
variables in its `settings.py`."""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from .jsonvalues import DEFAULT_INPUT_DEPTH, MOST_INPUT_DEPTH
from .ratelimit import Rate


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FACET_", extra="ignore")

    database_url: str = "sqlite+aiosqlite:///./var/facet.db"
    sql_echo: bool = False
    # Connections kept open per process. Beyond these, up to `database_max_overflow` more are
    # opened under load and closed again when returned, and each new connection starts with
    # cold prepared-statement caches: size the pool for the requests served at once.
    database_pool_size: int = Field(default=20, ge=1)
    database_max_overflow: int = Field(default=10, ge=0)
    # Shared state for several processes (rate limits); in-process when unset.
    redis_url: str | None = None
    # The proxies in front of the server, comma-separated addresses or networks (CIDR): a
    # request's client address is read from X-Forwarded-For only when its direct peer is one
    # of them. Empty: forwarded headers are never read, whoever sends them.
    trusted_proxies: Annotated[tuple[str, ...], NoDecode] = ()
    # The largest request body of a domain that declares no limit of its own; larger ones are
    # answered 413 in the domain's error shape.
    max_body_bytes: int = Field(default=1024 * 1024, ge=1)
    # How many levels of arrays and objects a JSON value in a request may nest; deeper ones
    # are refused as invalid input (see app/jsonvalues.py for the ceiling).
    max_json_depth: int = Field(default=DEFAULT_INPUT_DEPTH, ge=1, le=MOST_INPUT_DEPTH)
    # Sign-in attempts (passwords, emailed codes) admitted per account and per client address;
    # past either the attempt is refused (429) before its secret is checked. A right secret
    # starts its account's count again (app/auth/throttle.py).
    login_attempts_per_account: Rate = "10/15 minutes"
    login_attempts_per_address: Rate = "100/15 minutes"

    # `production` turns off what only helps while developing (GraphQL introspection, unless
    # set below).
    environment: Literal["development", "production"] = "development"

    # What one GraphQL document may ask for; a document over a bound is answered with an
    # error and never runs (adapters/runtime/guards.py says how cost is counted).
    graphql_max_tokens: int = Field(default=5000, ge=1)
    graphql_max_aliases: int = Field(default=50, ge=0)
    graphql_max_depth: int = Field(default=15, ge=1)
    graphql_max_cost: int = Field(default=50_000, ge=1)
    graphql_list_size: int = Field(default=20, ge=1)
    # None: on in development, off in production.
    graphql_introspection: bool | None = None
    # Characters of registered persisted queries kept per domain (least recently used go).
    persisted_query_text: int = Field(default=1024 * 1024, ge=0)

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

    # Fixed operations run on compiled plans; false serves every request on the standard
    # executor (same answers, more CPU per request).
    compiled_plans: bool = True

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _proxy_networks(cls, value: object) -> object:
        """Each entry is read as a network (an address is one of a single address), and
        refused unless it is one: uvicorn takes what it cannot read for a host name no peer
        has, and would silently trust nobody."""
        entries = value.split(",") if isinstance(value, str) else value
        if not isinstance(entries, list | tuple):
            return value
        named = (str(entry).strip() for entry in entries)
        return tuple(str(ipaddress.ip_network(entry, strict=False)) for entry in named if entry)

    @property
    def introspection(self) -> bool:
        if self.graphql_introspection is not None:
            return self.graphql_introspection
        return self.environment == "development"


@lru_cache
def get_settings() -> Settings:
    return Settings()
