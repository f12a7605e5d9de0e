"""Awaiting a level's awaitables together, without a task per resolver."""

from __future__ import annotations

from asyncio import FIRST_COMPLETED, Future, sleep, wait
from collections.abc import Awaitable, Coroutine
from types import CoroutineType
from typing import Any

from .batches import outcome
from .internals import accept_yield


async def settle(awaitables: list[Any]) -> list[Any]:
    """Each awaitable's result or exception, like `gather(..., return_exceptions=True)`, but
    coroutines are stepped here rather than each wrapped in a task: all of them run until they
    suspend (on dataloader futures, which batch as before), then each is resumed once its
    future is done, until every one has finished. A bare future (a resolver may return a
    dataloader's) has nothing to resume: it is only read once the coroutines are done. A lone
    awaitable is simply awaited."""
    if len(awaitables) == 1:
        return [await _settled(awaitables[0])]
    results: list[Any] = [None] * len(awaitables)
    futures: list[tuple[int, Future[Any]]] = []
    suspended: list[tuple[int, Coroutine[Any, Any, Any], Any]] = []

    def step(index: int, coroutine: Coroutine[Any, Any, Any], error: Exception | None) -> None:
        try:
            yielded = coroutine.send(None) if error is None else coroutine.throw(error)
        except StopIteration as done:
            results[index] = done.value
        except BaseException as failed:  # returned, like gather(return_exceptions=True)
            results[index] = failed
        else:
            if isinstance(yielded, Future):
                accept_yield(yielded)
            suspended.append((index, coroutine, yielded))

    for index, awaitable in enumerate(awaitables):
        if isinstance(awaitable, Future):
            futures.append((index, awaitable))
        else:
            step(index, awaitable if type(awaitable) is CoroutineType else _await(awaitable), None)
    while suspended:
        blocked = [y for _, _, y in suspended if isinstance(y, Future) and not y.done()]
        try:
            # Resume whatever can go on as soon as it can: one coroutine may wait on another.
            # Many wait on one future (a dataloader's for a shared key): watch it once.
            await (
                wait(set(blocked), return_when=FIRST_COMPLETED)
                if len(blocked) == len(suspended)
                else sleep(0)
            )
        except BaseException:
            for _, coroutine, _ in suspended:
                coroutine.close()
            raise
        waiting, suspended = suspended, []
        for index, coroutine, yielded in waiting:
            if isinstance(yielded, Future) and not yielded.done():
                suspended.append((index, coroutine, yielded))
                continue
            bad = None
            if yielded is not None and not isinstance(yielded, Future):
                bad = RuntimeError(f"Task got bad yield: {yielded!r}")
            step(index, coroutine, bad)
    for index, future in futures:
        if not future.done():
            await wait((future,))  # never raises the future's own error or cancellation
        results[index] = outcome(future)
    return results


async def _await(awaitable: Awaitable[Any]) -> Any:
    return await awaitable


async def _settled(awaitable: Awaitable[Any]) -> Any:
    try:
        return await awaitable
    except BaseException as failed:  # returned, like gather(return_exceptions=True)
        return failed
