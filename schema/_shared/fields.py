"""Root fields of every domain: constraints checked, and authenticated unless marked public."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import strawberry
from strawberry.extensions import FieldExtension
from strawberry.types import Info

from .constraints import ValidateInput


class Authenticated(FieldExtension):
    async def resolve_async(
        self, next_: Callable[..., Awaitable[Any]], source: Any, info: Info, **kwargs: Any
    ) -> Any:
        await info.context.authenticate()
        return await next_(source, info, **kwargs)


def _extensions(public: bool) -> list[FieldExtension]:
    # Strawberry runs the last extension first: authentication before input checks.
    return [ValidateInput()] if public else [ValidateInput(), Authenticated()]


def query(*, public: bool = False, description: str | None = None) -> Any:
    return strawberry.field(extensions=_extensions(public), description=description)


def mutation(*, public: bool = False, description: str | None = None) -> Any:
    return strawberry.mutation(extensions=_extensions(public), description=description)
