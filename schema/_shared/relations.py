"""Relation fields: an object's field read through one of the request's dataloaders with one of
its attributes as the key (`parent: Issue | None = related("issue_by_id", key="parent_id")`).

Declared rather than written as a resolver body so that an executor can see what the field does:
the standard executor calls `Relation.resolve` per object, while the compiled runner (which knows
nothing of domains) calls `Relation.load` for a whole level itself, with no resolver call per
object. The dataloader, and so the SQL and its batching, is the same."""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.types import Info


@dataclass(frozen=True, slots=True)
class Relation:
    """`context.loaders.<loader_name>.load(source.<key>)`; a source without a key has no value."""

    loader_name: str
    key: str

    def load(self, source: Any, context: Any) -> Awaitable[Any] | None:
        """The dataloader's future for the source's key; None when the source has no key."""
        key = getattr(source, self.key)
        if key is None:
            return None
        loader: DataLoader[Any, Any] = getattr(context.loaders, self.loader_name)
        return loader.load(key)

    async def resolve(self, root: Any, info: Info) -> Any:
        future = self.load(root, info.context)
        return None if future is None else await future


def related(loader: str, *, key: str = "id", description: str | None = None) -> Any:
    """A field whose value is what the request's dataloader `loader` holds for the source's
    `key` attribute; its GraphQL type is the annotation the field is assigned to."""
    return strawberry.field(resolver=Relation(loader, key).resolve, description=description)
