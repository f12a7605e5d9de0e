"""A level's bulk dataloader reads give what each key's `DataLoader.load` would, and leave the
dataloader's cache as its own loads would."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence

import pytest
from strawberry.dataloader import DataLoader
from strawberry.exceptions import WrongNumberOfResultsReturned

from adapters.runtime.compiled.batches import load_all

Answer = Callable[[list[str]], Sequence[object]]
Loader = Callable[[list[str]], Awaitable[Sequence[object]]]


def recording(answer: Answer | None = None) -> tuple[list[list[str]], Loader]:
    """A batch function that records its calls; it answers each key upper-cased by default."""
    calls: list[list[str]] = []

    async def load(keys: list[str]) -> Sequence[object]:
        calls.append(keys)
        return answer(keys) if answer else [k.upper() for k in keys]

    return calls, load


async def test_keys_go_in_batches_of_the_loaders_size_and_stay_cached() -> None:
    calls, load = recording()
    loader = DataLoader(load_fn=load, max_batch_size=2)
    outcomes = await load_all(loader, ["a", "b", "c", "d", "e"])
    assert outcomes == {"a": "A", "b": "B", "c": "C", "d": "D", "e": "E"}
    assert calls == [["a", "b"], ["c", "d"], ["e"]]
    assert await loader.load("c") == "C" and len(calls) == 3


async def test_a_failed_batch_is_every_keys_error_then_and_later() -> None:
    def fail(keys: list[str]) -> Sequence[object]:
        raise RuntimeError("database down")

    _, load = recording(fail)
    loader = DataLoader(load_fn=load)
    outcomes = await load_all(loader, ["a", "b"])
    assert [str(error) for error in outcomes.values()] == ["database down"] * 2
    with pytest.raises(RuntimeError, match="database down"):
        await loader.load("a")


async def test_an_exception_value_is_that_keys_error_and_a_short_answer_everyones() -> None:
    _, load = recording(lambda keys: [ValueError(k) if k == "b" else k for k in keys])
    outcomes = await load_all(DataLoader(load_fn=load), ["a", "b"])
    assert outcomes["a"] == "a" and isinstance(outcomes["b"], ValueError)

    _, short = recording(lambda keys: keys[:1])
    outcomes = await load_all(DataLoader(load_fn=short), ["a", "b"])
    assert all(isinstance(o, WrongNumberOfResultsReturned) for o in outcomes.values())


async def test_keys_the_loader_holds_or_is_loading_are_read_from_its_futures() -> None:
    calls, load = recording(lambda keys: [object() for _ in keys])
    loader = DataLoader(load_fn=load)
    held = await loader.load("a")
    in_flight = asyncio.ensure_future(loader.load("b"))
    outcomes = await load_all(loader, ["a", "b", "c"])
    assert outcomes["a"] is held and outcomes["b"] is await in_flight
    assert sorted(map(sorted, calls)) == [["a"], ["b"], ["c"]]
    assert await loader.load("c") is outcomes["c"]
