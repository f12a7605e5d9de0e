"""Loop: the autonomous improvement engine's issues, projects, goals, labels and comments."""

from __future__ import annotations

from app.domain import Domain, RequestLimits
from schema._shared.extensions import DomainSchema, UnitOfWork, caches, domain_config
from schema._shared.scalars import SCALAR_OVERRIDES

from .context import LoopContext
from .mutations import Mutation
from .queries import Query
from .seed import seed
from .settings import LoopSettings

schema = DomainSchema(
    query=Query,
    mutation=Mutation,
    config=domain_config(auto_camel_case=True),
    scalar_overrides=SCALAR_OVERRIDES,
    extensions=[UnitOfWork, *caches()],
)


def _limits(settings: LoopSettings) -> RequestLimits:
    return RequestLimits(max_body_bytes=settings.max_body_bytes)


domain = Domain(
    slug="loop",
    title="Loop API",
    settings=LoopSettings,
    schema=schema,
    context=LoopContext,
    seed=seed,
    local_port=4242,
    limits=_limits,
    redirect_slashes=False,  # Hono matches paths strictly
)
