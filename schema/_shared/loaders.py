"""Helpers to build per-request dataloaders from batch readers that return rows for many keys."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader

K = TypeVar("K")
V = TypeVar("V")


def one_each(
    fetch: Callable[[Sequence[K]], Awaitable[Iterable[V]]], key: Callable[[V], K]
) -> DataLoader[K, V | None]:
    """At most one value per key (`XById`)."""

    async def load(keys: list[K]) -> list[V | None]:
        found = {key(value): value for value in await fetch(keys)}
        return [found.get(k) for k in keys]

    return DataLoader(load_fn=load)


def many_each(
    fetch: Callable[[Sequence[K]], Awaitable[Iterable[tuple[K, V]]]],
) -> DataLoader[K, list[V]]:
    """A list per key, in the order the reader returns them (`XsByParentId`)."""

    async def load(keys: list[K]) -> list[list[V]]:
        grouped: defaultdict[Any, list[V]] = defaultdict(list)
        for k, value in await fetch(keys):
            grouped[k].append(value)
        return [grouped[k] for k in keys]

    return DataLoader(load_fn=load)
