"""Loop: the autonomous improvement engine's issues, projects, goals, labels and comments."""

from __future__ import annotations

from strawberry.tools import merge_types

from app.domain import Domain
from schema._shared.extensions import DomainSchema, UnitOfWork, caches, domain_config
from schema._shared.scalars import SCALAR_OVERRIDES

from .context import LoopContext
from .engine_mutations import EngineMutation
from .engine_queries import EngineQuery
from .mutations import CoreMutation
from .queries import CoreQuery
from .seed import seed
from .settings import LoopSettings

schema = DomainSchema(
    query=merge_types("Query", (CoreQuery, EngineQuery)),
    mutation=merge_types("Mutation", (CoreMutation, EngineMutation)),
    config=domain_config(auto_camel_case=True),
    scalar_overrides=SCALAR_OVERRIDES,
    extensions=[UnitOfWork, *caches()],
)

domain = Domain(
    slug="loop",
    title="Loop API",
    settings=LoopSettings,
    schema=schema,
    context=LoopContext,
    seed=seed,
    local_port=4242,
)
