"""Per-request dataloaders. Each is a class named for what it hands out and by what key
(`IssueById`, `LabelsByIssueId`), built on first use by the request's `Loaders`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, Generic, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader

K = TypeVar("K")
V = TypeVar("V")
L = TypeVar("L", bound="BatchLoader[Any, Any]")


class BatchLoader(DataLoader[K, V]):
    """A dataloader reading through the request's session."""

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(load_fn=self.load_batch)
        self.session = session

    async def load_batch(self, keys: list[K]) -> list[V]:
        raise NotImplementedError


class OneEach(BatchLoader[K, V | None], Generic[K, V]):
    """At most one value per key: `fetch` returns the values found, `key_of` tells whose."""

    async def fetch(self, keys: Sequence[K]) -> Iterable[V]:
        raise NotImplementedError

    def key_of(self, value: V) -> K:
        key: K = value.id  # type: ignore[attr-defined]
        return key

    async def load_batch(self, keys: list[K]) -> list[V | None]:
        found = {self.key_of(value): value for value in await self.fetch(keys)}
        return [found.get(key) for key in keys]


class ManyEach(BatchLoader[K, list[V]], Generic[K, V]):
    """A list per key: `fetch` returns `(key, value)` pairs, kept in the order it returns them."""

    async def fetch(self, keys: Sequence[K]) -> Iterable[tuple[K, V]]:
        raise NotImplementedError

    async def load_batch(self, keys: list[K]) -> list[list[V]]:
        grouped: defaultdict[K, list[V]] = defaultdict(list)
        for key, value in await self.fetch(keys):
            grouped[key].append(value)
        return [grouped[key] for key in keys]


class Loaders:
    """One request's dataloaders by class: `loaders[IssueById]`."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.built: dict[type[Any], Any] = {}

    def __getitem__(self, kind: type[L]) -> L:
        loader = self.built.get(kind)
        if loader is None:
            loader = self.built[kind] = kind(self.session)
        return loader
