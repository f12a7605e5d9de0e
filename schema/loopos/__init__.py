"""LoopOS AI: decision, listing, validation, valuation, ID, translation and protocol services
backed by the AI provider layer."""

from __future__ import annotations

from app.domain import Domain, JobQueue, RequestLimits
from schema._shared.extensions import DomainSchema, UnitOfWork, caches, domain_config
from schema._shared.scalars import SCALAR_OVERRIDES

from .context import LooposContext
from .mutations import Mutation
from .queries import Query
from .service.callbacks import QUEUE, TARGET, deliver
from .settings import LooposSettings

schema = DomainSchema(
    query=Query,
    mutation=Mutation,
    config=domain_config(auto_camel_case=False),
    scalar_overrides=SCALAR_OVERRIDES,
    extensions=[UnitOfWork, *caches()],
)


def _limits(settings: LooposSettings) -> RequestLimits:
    return RequestLimits(max_body_bytes=settings.max_body_bytes, rate_limit=settings.rate_limit)


def _callback_concurrency(settings: LooposSettings) -> int:
    return settings.callback_concurrency


domain = Domain(
    slug="loopos",
    title="LoopOS AI",
    settings=LooposSettings,
    schema=schema,
    context=LooposContext,
    jobs={QUEUE: JobQueue(deliver, _callback_concurrency, fair_by=TARGET)},
    limits=_limits,
)
