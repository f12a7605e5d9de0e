"""Awaiting a level's awaitables together, without a task per resolver."""

from __future__ import annotations

from asyncio import FIRST_COMPLETED, CancelledError, Future, current_task, sleep, wait
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
    awaitable is simply awaited.

    Cancelled meanwhile, it cancels the coroutines as their tasks would be cancelled, lets
    them finish their cleanup (which may await: a database session's rollback), and raises
    `CancelledError`."""
    if len(awaitables) == 1:
        return [await _settled(awaitables[0])]
    stepping = Stepping(len(awaitables))
    futures: list[tuple[int, Future[Any]]] = []
    for index, awaitable in enumerate(awaitables):
        if isinstance(awaitable, Future):
            futures.append((index, awaitable))
        else:
            coroutine = awaitable if type(awaitable) is CoroutineType else _await(awaitable)
            stepping.step(index, coroutine, None)
    try:
        await stepping.run()
    except BaseException:
        await stepping.cancel()
        raise
    results = stepping.results
    for index, future in futures:
        if not future.done():
            await wait((future,))  # never raises the future's own error or cancellation
        results[index] = outcome(future)
    return results


class Stepping:
    """Coroutines stepped as tasks would step them, and each one's result or exception."""

    __slots__ = ("results", "suspended")

    def __init__(self, size: int) -> None:
        self.results: list[Any] = [None] * size
        # Each coroutine not finished yet, with what it last yielded (a future it waits on).
        self.suspended: list[tuple[int, Coroutine[Any, Any, Any], Any]] = []

    def step(
        self, index: int, coroutine: Coroutine[Any, Any, Any], error: BaseException | None
    ) -> None:
        try:
            yielded = coroutine.send(None) if error is None else coroutine.throw(error)
        except StopIteration as done:
            self.results[index] = done.value
        except BaseException as failed:  # returned, like gather(return_exceptions=True)
            self.results[index] = failed
        else:
            if isinstance(yielded, Future):
                accept_yield(yielded)
            self.suspended.append((index, coroutine, yielded))

    async def run(self) -> None:
        """Resume whatever can go on as soon as it can (one coroutine may wait on another),
        until every coroutine has finished."""
        while self.suspended:
            blocked = [y for _, _, y in self.suspended if isinstance(y, Future) and not y.done()]
            # Many may wait on one future (a dataloader's for a shared key): watch it once.
            await (
                wait(set(blocked), return_when=FIRST_COMPLETED)
                if len(blocked) == len(self.suspended)
                else sleep(0)
            )
            waiting, self.suspended = self.suspended, []
            for index, coroutine, yielded in waiting:
                if isinstance(yielded, Future) and not yielded.done():
                    self.suspended.append((index, coroutine, yielded))
                    continue
                bad = None
                if yielded is not None and not isinstance(yielded, Future):
                    bad = RuntimeError(f"Task got bad yield: {yielded!r}")
                self.step(index, coroutine, bad)

    async def cancel(self) -> None:
        """Cancel every coroutine as its task would be cancelled: the future it waits on is
        cancelled (whoever made it, a database driver say, hears of it first) and it is resumed
        to meet the `CancelledError`; one not waiting on a future it could cancel has the error
        thrown in. Then run them to the end of their cleanup; cancelled again meanwhile, close
        those still running."""
        waiting, self.suspended = self.suspended, []
        for index, coroutine, yielded in waiting:
            if isinstance(yielded, Future) and (yielded.cancel() or yielded.cancelled()):
                self.suspended.append((index, coroutine, yielded))
            else:
                self.step(index, coroutine, CancelledError())
        try:
            await self.run()
        except BaseException:
            for _, coroutine, _ in self.suspended:
                coroutine.close()
            raise


async def _await(awaitable: Awaitable[Any]) -> Any:
    return await awaitable


async def _settled(awaitable: Awaitable[Any]) -> Any:
    try:
        return await awaitable
    except CancelledError as cancelled:
        task = current_task()
        if task is not None and task.cancelling():
            raise  # the caller is cancelled, not just what it awaits
        return cancelled
    except BaseException as failed:  # returned, like gather(return_exceptions=True)
        return failed
