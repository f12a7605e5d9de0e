"""What a hosted domain declares about itself. Each package under `schema/` exposes one `Domain`
as its `domain` attribute; `app.main` mounts every one it finds and knows none by name."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.ext.asyncio import AsyncSession

from .jobs import Handler, JobRun

if TYPE_CHECKING:
    from strawberry import Schema

    from .context import RequestContext


class DomainSettings(BaseSettings):
    """A product's own variables. Subclasses set their `env_prefix` (`FACET_<SLUG>_`) and alias
    the product's documented names; fields can also be passed by name."""

    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    # Read by the runtime: seconds between the comments that keep an idle server-sent event
    # stream open (`FACET_<SLUG>_SSE_HEARTBEAT_SECONDS`, or the product's own name).
    sse_heartbeat_seconds: float = Field(default=15.0, gt=0)


S = TypeVar("S", bound=DomainSettings)


@dataclass(frozen=True)
class RequestLimits:
    # None: the platform's default (`FACET_MAX_BODY_BYTES`); every domain has a body limit.
    max_body_bytes: int | None = None
    # In the `limits` notation ("60/minute"), per client address and endpoint: a REST request
    # spends one, a GraphQL operation one per root field (adapters/runtime/quota.py).
    rate_limit: str | None = None


@dataclass(frozen=True)
class DemoAccess:
    """How a local demo calls a domain: the credentials `facet serve` prints, and the request
    headers that carry them, which GraphiQL starts with in development."""

    credentials: str
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Domain(Generic[S]):
    slug: str
    title: str
    settings: type[S]
    schema: Schema
    context: type[RequestContext]
    # Loads the demo data into an empty domain, in the caller's transaction; says what it did.
    seed: Callable[[AsyncSession], Awaitable[str]] | None = None
    # Background job handlers by queue name; each gets the domain's settings and the attempt.
    jobs: Mapping[str, Callable[[S, JobRun], Awaitable[None]]] = field(default_factory=dict)
    # The product's documented local port, used when the domain is served alone.
    local_port: int | None = None
    limits: Callable[[S], RequestLimits] | None = None
    # The header carrying each request's trace id back (e.g. `X-Trace-Id`); none when unset.
    trace_header: str | None = None
    # Whether a path missing a route by its trailing slash alone (`/items/`) is redirected to
    # it, as a FastAPI product does; otherwise it is unknown, 404 like any other.
    redirect_slashes: bool = True
    # The domain's own commands, run as `facet <slug> ...` (a `typer.Typer`).
    commands: Any = None
    # The demo credentials under these settings (what the seed creates, or the product's
    # unconfigured default); None when they are the deployment's own, never shown.
    demo: Callable[[S], DemoAccess | None] | None = None

    def handlers(self, settings: S) -> dict[str, Handler]:
        """The job handlers, bound to this domain's settings."""
        return {queue: partial(handler, settings) for queue, handler in self.jobs.items()}
