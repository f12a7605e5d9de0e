"""Permission checks on Arkloop's root fields: after authentication, the caller's role (narrowed
to an API key's scopes) must hold the field's permission, else 403 `policy.denied` with
`details.action` naming it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import strawberry
from strawberry.extensions import FieldExtension
from strawberry.types import Info

from schema._shared.constraints import ValidateInput
from schema._shared.fields import Authenticated

from .accounts import require


class Requires(FieldExtension):
    def __init__(self, permission: str) -> None:
        super().__init__()
        self.permission = permission

    async def resolve_async(
        self, next_: Callable[..., Awaitable[Any]], source: Any, info: Info, **kwargs: Any
    ) -> Any:
        require(info.context.principal, self.permission)
        return await next_(source, info, **kwargs)


def _extensions(permission: str) -> list[FieldExtension]:
    # Strawberry runs the last extension first: authentication, the permission, then input.
    return [ValidateInput(), Requires(permission), Authenticated()]


def query(permission: str, *, description: str | None = None) -> Any:
    return strawberry.field(extensions=_extensions(permission), description=description)


def mutation(permission: str, *, description: str | None = None) -> Any:
    return strawberry.mutation(extensions=_extensions(permission), description=description)
