"""A small schema exercising what Loop's does not: nullable and non-null resolver errors inside
lists, lists of lists, sync and async resolvers, dataloaders, relation fields whose objects many
sources share (one of them with bad data, in a leaf and in a list of leaves), a relation whose
key cannot always be read or loaded, a custom scalar, enums, and a field extension. Built fresh
per call so each test can install compiled plans or not."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum
from typing import Any, cast

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.extensions import FieldExtension
from strawberry.types import Info

from app.loaders import BatchLoader, Loaders
from schema._shared.relations import related

# The schema's datetimes (`at`) are written by this scalar, not Strawberry's built-in one.
Stamp = strawberry.scalar(
    name="Stamp",
    serialize=lambda value: value.strftime("%Y-%m-%dT%H:%M:%SZ"),
    parse_value=datetime.fromisoformat,
)


@strawberry.enum
class Color(Enum):
    RED = "red"
    GREEN = "green"


class Shout(FieldExtension):
    async def resolve_async(self, next_: Any, source: Any, info: Info, **kwargs: Any) -> Any:
        return str(await next_(source, info, **kwargs)).upper()


class NodeById(BatchLoader[int, "Node"]):
    """Reads no database; node 7 fails to load."""

    async def load_batch(self, ids: list[int]) -> list[Any]:  # a value or the error it raises
        return [LookupError("node 7 is gone") if i == 7 else node(i) for i in ids]


@strawberry.type
class Node:
    id: int
    name: str | None
    color: Color
    at: datetime
    # Never null in the schema, but node 5 lacks it: completing it fails.
    tag: str
    # A list of leaves read from the attribute; node 5's holds an Int out of range.
    marks: list[int]
    # A list of strings: node 5's holds an int (serialized as text), node 6's a null.
    words: list[str]
    twin_id: int | None
    twin: Node | None = related(NodeById, key="twin_id")
    # The same dataloader by another key: node 4's cannot be read, and node 7 fails to load.
    rival: Node | None = related(NodeById, key="rival_id")

    @property
    def rival_id(self) -> int:
        if self.id == 4:
            raise LookupError("node 4 has no rival")
        return 7 if self.id == 2 else self.id % 3 + 1

    @strawberry.field
    async def parent(self, info: Info) -> Node | None:
        return await info.context.loaders[NodeById].load(self.id // 2) if self.id > 1 else None

    @strawberry.field
    def grid(self) -> list[list[int | None]]:
        return [[self.id, None], [self.id * 2]]

    @strawberry.field
    async def broken(self) -> str | None:
        if self.id % 2:
            raise ValueError(f"odd {self.id}")
        return "even"

    @strawberry.field
    def strict(self) -> str:
        if self.id == 3:
            raise ValueError("three is not allowed")
        return "ok"

    @strawberry.field
    def missing(self) -> str:
        return None  # type: ignore[return-value]

    @strawberry.field(extensions=[Shout()])
    async def loud(self, word: str = "hi") -> str:
        return f"{word} {self.id}"


def node(id: int) -> Node:
    return Node(
        id=id,
        name=None if id == 4 else f"n{id}",
        color=Color.RED if id % 2 else Color.GREEN,
        at=datetime(2026, 1, id, tzinfo=UTC),
        tag=None if id == 5 else f"t{id}",  # type: ignore[arg-type]
        marks=[id, 2**40] if id == 5 else [id, id * 10],
        words=[f"w{id}", 5] if id == 5 else [f"w{id}", None] if id == 6 else [f"w{id}"],  # type: ignore[list-item]
        twin_id=None if id == 4 else 5 if id >= 3 else 2,
    )


@strawberry.type
class Query:
    @strawberry.field
    async def nodes(self, count: int = 3, colors: list[Color] | None = None) -> list[Node]:
        found = [node(i) for i in range(1, count + 1)]
        return [n for n in found if colors is None or n.color in colors]

    @strawberry.field
    async def maybe_nodes(self, count: int = 3) -> list[Node | None] | None:
        return [node(i) for i in range(1, count + 1)]

    @strawberry.field
    def one(self, id: int) -> Node:
        return node(id)


def build() -> strawberry.Schema:
    return strawberry.Schema(query=Query, scalar_overrides={datetime: Stamp})


class Context:
    """Like a domain's context: `loaders` holds the request's dataloaders, which hand out one
    object per key, and can be dropped for fresh ones. No session: the toy reads no database."""

    def __init__(self) -> None:
        self.fresh_loaders()

    def fresh_loaders(self) -> None:
        self.loaders = Loaders(cast(AsyncSession, None))


def context() -> Context:
    return Context()
