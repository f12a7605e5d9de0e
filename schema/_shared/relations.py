"""Relation fields: an object's field read through one of the request's dataloaders with one of
its attributes as the key (`parent: Issue | None = related(IssueById, key="parent_id")`).

Declared rather than written as a resolver body so that an executor can see what the field does:
the standard executor calls `Relation.resolve` per object, while the compiled runner (which knows
nothing of domains) reads each object's key and loads a whole level's keys through the same
dataloader itself, with no resolver call per object. The SQL and its batching are the same."""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.types import Info

from app.loaders import BatchLoader


@dataclass(frozen=True, slots=True)
class Relation:
    """`context.loaders[loader].load(source.<key_name>)`; a source without a key has no value."""

    kind: type[BatchLoader[Any, Any]]
    key_name: str
    key: attrgetter[Any] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", attrgetter(self.key_name))

    def loader(self, context: Any) -> DataLoader[Any, Any]:
        loader: DataLoader[Any, Any] = context.loaders[self.kind]
        return loader

    async def resolve(self, root: Any, info: Info) -> Any:
        key = self.key(root)
        return None if key is None else await self.loader(info.context).load(key)


def related(
    loader: type[BatchLoader[Any, Any]], *, key: str = "id", description: str | None = None
) -> Any:
    """A field whose value is what the request's `loader` holds for the source's `key`
    attribute; its GraphQL type is the annotation the field is assigned to."""
    return strawberry.field(resolver=Relation(loader, key).resolve, description=description)
