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

from .jobs import JobRun, Queue

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


JobHandler = Callable[[S, JobRun], Awaitable[None]]


@dataclass(frozen=True)
class JobQueue(Generic[S]):
    """A queue of the domain's background jobs: the handler, given the domain's settings and
    the attempt, and what a worker gives the queue (`app.jobs.Queue`)."""

    handler: JobHandler[S]
    # Its attempts at once in a worker, read from the settings; None: FACET_JOBS_CONCURRENCY.
    concurrency: Callable[[S], int] | None = None
    # The payload key whose value groups its jobs, which then take turns (e.g. a target host).
    fair_by: str | None = None

    def bound(self, settings: S) -> Queue:
        concurrency = self.concurrency(settings) if self.concurrency else None
        return Queue(partial(self.handler, settings), concurrency, self.fair_by)


@dataclass(frozen=True)
class Domain(Generic[S]):
    slug: str
    title: str
    settings: type[S]
    schema: Schema
    context: type[RequestContext]
    # Loads the demo data into an empty domain, in the caller's transaction; says what it did.
    seed: Callable[[AsyncSession], Awaitable[str]] | None = None
    # Background job queues by name; a handler alone is a queue with the platform's defaults.
    jobs: Mapping[str, JobQueue[S] | JobHandler[S]] = field(default_factory=dict)
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
    # Whether GraphQL takes files (the GraphQL multipart request spec). Only for a domain whose
    # credentials a browser never sends by itself: with cookies, a cross-site form could post.
    graphql_uploads: bool = False

    def handlers(self, settings: S) -> dict[str, Queue]:
        """The job queues with their handlers, bound to this domain's settings."""
        return {
            name: (queue if isinstance(queue, JobQueue) else JobQueue(queue)).bound(settings)
            for name, queue in self.jobs.items()
        }
