"""LoreOS: stateful characters for apps. Apps (tenants) and their keys, characters published as
immutable versions, sessions with a cursored event log, and replies written asynchronously by a
durable job through the AI provider layer, metered against hard credit caps."""

from __future__ import annotations

from app.domain import Domain, RequestLimits
from schema._shared.extensions import DomainSchema, UnitOfWork, caches, domain_config
from schema._shared.scalars import SCALAR_OVERRIDES

from .commands import commands
from .context import LoreosContext
from .mutations import Mutation
from .queries import Query
from .service import deliveries, replies, sessions
from .settings import LoreosSettings
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

domain = Domain(
    slug="loreos",
    title="LoreOS API",
    settings=LoreosSettings,
    schema=schema,
    context=LoreosContext,
    jobs={sessions.REPLY_QUEUE: replies.write_reply, deliveries.QUEUE: deliveries.deliver},
    # The product documents no local port; FastAPI's customary one.
    local_port=8000,
    # Room for an uploaded image and its form fields.
    limits=lambda settings: RequestLimits(
        max_body_bytes=max(MAX_BODY_BYTES, settings.max_asset_bytes + 64 * 1024)
    ),
    commands=commands,
    # Keys travel in the Authorization header only, so GraphQL may take images too.
    graphql_uploads=True,
)
