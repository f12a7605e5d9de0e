"""A cache for what is derived from a request's text (a parsed GraphQL document, its
validation, its compiled plan, a registered query): least recently used out first, and bounded
by the total length of the texts it holds rather than by their number, since what is kept per
text grows with the text and clients choose the texts."""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from typing import Generic, TypeVar

from cachetools import LRUCache

V = TypeVar("V")


class TextCache(Generic[V]):
    def __init__(self, budget: int) -> None:
        """`budget`: the most characters of text held at once; a longer text is not kept.
        Entries put with `keep` (the server's own documents) are held outside the budget."""
        self.budget = budget
        self.kept: dict[Hashable, V] = {}
        self.entries: LRUCache[Hashable, tuple[int, V]] = LRUCache(
            maxsize=budget, getsizeof=lambda entry: entry[0]
        )

    def get(self, key: Hashable) -> V | None:
        if key in self.kept:
            return self.kept[key]
        entry = self.entries.get(key)
        return entry[1] if entry is not None else None

    def __contains__(self, key: Hashable) -> bool:
        return key in self.kept or key in self.entries

    def put(self, key: Hashable, text: str, value: V, *, keep: bool = False) -> None:
        """Hold `value` for `key`, weighing as `text` (one more, so an empty text counts)."""
        if keep:
            self.kept[key] = value
            return
        weight = len(text) + 1
        if weight <= self.budget:
            self.entries[key] = (weight, value)

    def pop(self, key: Hashable) -> None:
        self.entries.pop(key, None)

    def items(self) -> Iterator[tuple[Hashable, V]]:
        yield from self.kept.items()
        for key, (_, value) in self.entries.items():
            yield key, value

    def values(self) -> Iterator[V]:
        return (value for _, value in self.items())

    def __len__(self) -> int:
        return len(self.kept) + len(self.entries)
