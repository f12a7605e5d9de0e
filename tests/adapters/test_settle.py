"""`settle` steps a level's coroutines itself instead of wrapping each in a task: it answers as
`gather(..., return_exceptions=True)` would, and when the task awaiting it is cancelled it
cancels every coroutine it holds as their tasks would be cancelled, lets their cleanup run to
its end, and leaves nothing behind."""

from __future__ import annotations

import asyncio
import gc
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from adapters.runtime.compiled.settle import settle


class Tracked:
    """Coroutines that record how they ended."""

    def __init__(self) -> None:
        self.ended: dict[str, str] = {}
        self.one_returned = asyncio.Event()

    async def wait_for(self, name: str, future: asyncio.Future[Any]) -> Any:
        try:
            value = await future
        except GeneratorExit:
            self.ended[name] = "closed"
            raise
        except asyncio.CancelledError:
            await asyncio.sleep(0)  # cleanup that awaits, as a session's rollback does
            self.ended[name] = "cancelled"
            raise
        self.ended[name] = "returned"
        self.one_returned.set()
        return value

    async def fail(self, error: BaseException) -> None:
        await asyncio.sleep(0)
        raise error


@pytest.fixture
def no_unawaited_coroutines() -> Iterator[None]:
    """Fails the test if a coroutine is collected without having been awaited or closed."""
    gc.collect()  # what earlier tests left
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
        gc.collect()
    assert not [w for w in caught if "never awaited" in str(w.message)]


async def test_answers_like_gather_with_exceptions_returned() -> None:
    loop = asyncio.get_running_loop()
    tracked = Tracked()
    shared, bare = loop.create_future(), loop.create_future()
    loop.call_soon(shared.set_result, "shared")
    loop.call_soon(bare.set_exception, LookupError("bare"))
    error = ValueError("failed")
    results = await settle(
        [
            tracked.wait_for("a", shared),
            tracked.wait_for("b", shared),
            tracked.fail(error),
            bare,
            asyncio.sleep(0, "slept"),
        ]
    )
    assert results[:3] == ["shared", "shared", error] and results[4] == "slept"
    assert isinstance(results[3], LookupError)
    assert tracked.ended == {"a": "returned", "b": "returned"}
    assert await settle([tracked.fail(error)]) == [error]


async def test_cancelled_mid_way_cancels_every_coroutine(no_unawaited_coroutines: None) -> None:
    loop = asyncio.get_running_loop()
    tracked = Tracked()
    never, done_soon = loop.create_future(), loop.create_future()
    tasks_before = asyncio.all_tasks()
    # Held here too, so only `settle` can have ended them.
    held = [tracked.wait_for(n, never) for n in "ab"] + [tracked.wait_for("c", done_soon)]
    settling = asyncio.ensure_future(settle([*held, never]))
    await asyncio.sleep(0)
    done_soon.set_result("c")
    await tracked.one_returned.wait()  # "c" finished; "a" and "b" still wait
    settling.cancel()
    with pytest.raises(asyncio.CancelledError):
        await settling
    assert tracked.ended == {"a": "cancelled", "b": "cancelled", "c": "returned"}
    assert all(coroutine.cr_frame is None for coroutine in held)
    assert asyncio.all_tasks() == tasks_before
    assert never.cancelled()  # as cancelling their tasks would have left it


async def test_cancelled_while_awaiting_one_coroutine(no_unawaited_coroutines: None) -> None:
    never: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    tracked = Tracked()
    held = tracked.wait_for("a", never)
    settling = asyncio.ensure_future(settle([held]))
    await asyncio.sleep(0)
    settling.cancel()
    with pytest.raises(asyncio.CancelledError):
        await settling
    assert tracked.ended == {"a": "cancelled"} and held.cr_frame is None


async def test_a_coroutine_cancelled_by_itself_is_its_result() -> None:
    cancelled: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    cancelled.cancel()
    tracked = Tracked()
    (alone,) = await settle([tracked.wait_for("a", cancelled)])
    first, second = await settle([tracked.wait_for("b", cancelled), asyncio.sleep(0, "b")])
    assert isinstance(alone, asyncio.CancelledError) and isinstance(first, asyncio.CancelledError)
    assert second == "b"


async def test_cancelled_again_while_cleaning_up_closes_what_is_left(
    no_unawaited_coroutines: None,
) -> None:
    never: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    cleaning: list[str] = []
    both_cleaning = asyncio.Event()
    ended: list[str] = []

    async def slow_cleanup() -> None:
        try:
            await never
        except asyncio.CancelledError:
            cleaning.append("cleaning")
            if len(cleaning) == 2:
                both_cleaning.set()
            try:
                await asyncio.Event().wait()
            except GeneratorExit:
                ended.append("closed")
                raise

    held = [slow_cleanup(), slow_cleanup()]
    settling = asyncio.ensure_future(settle(list(held)))
    await asyncio.sleep(0)
    settling.cancel()
    await both_cleaning.wait()
    settling.cancel()
    with pytest.raises(asyncio.CancelledError):
        await settling
    assert ended == ["closed", "closed"] and all(c.cr_frame is None for c in held)
