"""Loop: the autonomous improvement engine's issues, projects, goals, labels and comments."""

from __future__ import annotations

from strawberry.tools import merge_types

from schema._shared.extensions import DomainSchema, UnitOfWork, caches, domain_config
from schema._shared.scalars import SCALAR_OVERRIDES

from .context import LoopContext
from .engine_mutations import EngineMutation
from .engine_queries import EngineQuery
from .mutations import CoreMutation
from .queries import CoreQuery

SLUG = "loop"
LOCAL_PORT = 4242

schema = DomainSchema(
    query=merge_types("Query", (CoreQuery, EngineQuery)),
    mutation=merge_types("Mutation", (CoreMutation, EngineMutation)),
    config=domain_config(auto_camel_case=True),
    scalar_overrides=SCALAR_OVERRIDES,
    extensions=[UnitOfWork, *caches()],
)

__all__ = ["LOCAL_PORT", "SLUG", "LoopContext", "schema"]
