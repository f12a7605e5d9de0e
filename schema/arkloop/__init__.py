"""Arkloop: the agent platform's accounts and auth, threads, messages, runs with their event
streams, and projects."""

from __future__ import annotations

from app.domain import DemoAccess, Domain, RequestLimits
from schema._shared.extensions import DomainSchema, UnitOfWork, caches, domain_config
from schema._shared.scalars import SCALAR_OVERRIDES

from . import seed
from .context import ArkloopContext
from .mutations import Mutation
from .queries import Query
from .service import agent, mail, runs
from .settings import ArkloopSettings
from .subscriptions import Subscription

MAX_BODY_BYTES = 1024 * 1024

schema = DomainSchema(
    query=Query,
    mutation=Mutation,
    subscription=Subscription,
    config=domain_config(auto_camel_case=False),
    scalar_overrides=SCALAR_OVERRIDES,
    extensions=[UnitOfWork, *caches()],
)


def _demo(_: ArkloopSettings) -> DemoAccess:
    return DemoAccess(
        f"user {seed.LOGIN!r}, password {seed.PASSWORD!r}; API key {seed.API_KEY}",
        headers={"Authorization": f"Bearer {seed.API_KEY}"},
    )


domain = Domain(
    slug="arkloop",
    title="Arkloop API",
    settings=ArkloopSettings,
    schema=schema,
    context=ArkloopContext,
    seed=seed.seed,
    jobs={runs.QUEUE: agent.execute, mail.QUEUE: mail.deliver},
    local_port=19001,
    limits=lambda _: RequestLimits(max_body_bytes=MAX_BODY_BYTES),
    trace_header="X-Trace-Id",
    redirect_slashes=False,  # Go's ServeMux matches paths as registered
    demo=_demo,
)
