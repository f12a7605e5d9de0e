"""A level's dataloader reads, made in bulk: the keys one dataloader is asked for at one level
go to its batch function in one call, as the dataloader would send them, without the future,
the task and the done callback it makes per key. What a key's future would have given (its
value, or the error it would raise) is read from the outcome. The results are cached in the
dataloader as its own loads' would be, and a key it already holds, or is loading, is read from
its future, so resolvers loading through the dataloader meet the same objects."""

from __future__ import annotations

from asyncio import CancelledError, Future, get_running_loop, wait
from typing import Any

from strawberry.dataloader import DataLoader
from strawberry.exceptions import WrongNumberOfResultsReturned

from .internals import LoaderParts, loader_parts


class Batch:
    """The distinct keys one dataloader is asked for at a level, then each key's outcome."""

    __slots__ = ("keys", "loader", "outcomes")

    def __init__(self, loader: DataLoader[Any, Any]) -> None:
        self.loader = loader
        self.keys: dict[Any, None] = {}
        self.outcomes: dict[Any, Any] = {}

    async def load(self) -> None:
        self.outcomes = await load_all(self.loader, list(self.keys))


async def load_all(loader: DataLoader[Any, Any], keys: list[Any]) -> dict[Any, Any]:
    """Each key's value, or the exception its `loader.load(key)` would raise."""
    parts = loader_parts(loader)
    cache = parts.cache
    outcomes: dict[Any, Any] = {}
    held: list[tuple[Any, Future[Any]]] = []
    missing: list[Any] = []
    for key in keys:
        future = cache.get(key) if cache is not None else None
        if future is None or future.cancelled():
            missing.append(key)
        else:
            held.append((key, future))
    size = parts.max_batch_size or len(missing) or 1
    for start in range(0, len(missing), size):
        outcomes.update(await _fetch(parts, missing[start : start + size]))
    for key, future in held:
        if not future.done():
            await wait((future,))  # never raises the future's own error or cancellation
        outcomes[key] = outcome(future)
    return outcomes


async def _fetch(loader: LoaderParts, keys: list[Any]) -> dict[Any, Any]:
    """One call of the batch function, with what `dispatch_batch` makes of its answer. The
    keys' futures are cached first, so a load of one of them meanwhile waits for this call."""
    loop = get_running_loop()
    futures = [loop.create_future() for _ in keys]
    if loader.cache is not None:
        for key, future in zip(keys, futures, strict=True):
            loader.cache.set(key, future)
    try:
        values = list(await loader.load(keys))
        if len(values) != len(keys):
            raise WrongNumberOfResultsReturned(expected=len(keys), received=len(values))
    except Exception as error:
        values = [error] * len(keys)
    except BaseException:
        for future in futures:
            future.cancel()
        raise
    for future, value in zip(futures, values, strict=True):
        if isinstance(value, BaseException):
            future.set_exception(value)
            future.exception()  # handed on in the outcome: not an error nobody retrieved
        else:
            future.set_result(value)
    return dict(zip(keys, values, strict=True))


def outcome(future: Future[Any]) -> Any:
    """A done future's result, or the exception awaiting it would raise."""
    if future.cancelled():
        return CancelledError()
    return future.exception() or future.result()


async def load_each(batches: list[Batch]) -> None:
    """One batch after another: a request's statements queue for its one connection anyway."""
    for batch in batches:
        await batch.load()
