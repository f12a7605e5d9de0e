"""Loop: the autonomous improvement engine's issues, projects, goals, labels and comments."""

from __future__ import annotations

from app.domain import DemoAccess, Domain, RequestLimits
from schema._shared.extensions import DomainSchema, UnitOfWork, caches, domain_config
from schema._shared.scalars import SCALAR_OVERRIDES

from .context import LoopContext
from .mutations import Mutation
from .queries import Query
from .seed import seed
from .settings import DEV_API_KEY, LoopSettings

schema = DomainSchema(
    query=Query,
    mutation=Mutation,
    config=domain_config(auto_camel_case=True),
    scalar_overrides=SCALAR_OVERRIDES,
    extensions=[UnitOfWork, *caches()],
)


def _limits(settings: LoopSettings) -> RequestLimits:
    return RequestLimits(max_body_bytes=settings.max_body_bytes)


def _demo(settings: LoopSettings) -> DemoAccess | None:
    """The local demo key; a key the deployment set (`LOOP_API_KEY`) is never shown."""
    if settings.api_key != DEV_API_KEY:
        return None
    return DemoAccess(f"API key {DEV_API_KEY}", headers={"Authorization": f"Bearer {DEV_API_KEY}"})


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
    demo=_demo,
)
