"""Loop: the autonomous improvement engine's issues, projects, goals, labels and comments."""

from __future__ import annotations

from strawberry.schema.config import StrawberryConfig

from schema._shared.extensions import DomainSchema, UnitOfWork, caches
from schema._shared.scalars import SCALAR_OVERRIDES

from .context import LoopContext
from .mutations import Mutation
from .queries import Query

SLUG = "loop"
LOCAL_PORT = 4242

schema = DomainSchema(
    query=Query,
    mutation=Mutation,
    config=StrawberryConfig(auto_camel_case=True),
    scalar_overrides=SCALAR_OVERRIDES,
    extensions=[UnitOfWork, *caches()],
)

__all__ = ["LOCAL_PORT", "SLUG", "LoopContext", "schema"]
