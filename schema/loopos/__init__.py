"""LoopOS AI: decision, listing, validation, valuation, ID, translation and protocol services
backed by the AI provider layer."""

from __future__ import annotations

from schema._shared.extensions import DomainSchema, UnitOfWork, caches, domain_config
from schema._shared.scalars import SCALAR_OVERRIDES

from .callbacks import QUEUE, deliver
from .context import LooposContext
from .mutations import Mutation
from .queries import Query

SLUG = "loopos"
JOBS = {QUEUE: deliver}

schema = DomainSchema(
    query=Query,
    mutation=Mutation,
    config=domain_config(auto_camel_case=False),
    scalar_overrides=SCALAR_OVERRIDES,
    extensions=[UnitOfWork, *caches()],
)

__all__ = ["JOBS", "SLUG", "LooposContext", "schema"]
