"""What every group of Arkloop's types shares: the resolver's `Info`, the ID type, and the plain
answers (`{ok: true}`, liveness, readiness). Field names are the product's JSON names
(snake_case)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry
from strawberry.types import Info

if TYPE_CHECKING:
    from ..context import ArkloopContext

    ArkloopInfo = Info[ArkloopContext, None]
    # Rows hold ids as plain strings; GraphQL still types these fields as ID.
    ID = str
else:
    ArkloopInfo = Info
    ID = strawberry.ID


@strawberry.type
class Ok:
    ok: bool = True


@strawberry.type
class Health:
    status: str


@strawberry.type
class Readiness:
    status: str
    schema_version: str | None = None
    reason: str | None = None
