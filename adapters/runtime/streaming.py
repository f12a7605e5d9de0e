"""Server-sent events from an async iterator of frames, with comment heartbeats. A client that
goes away cancels the iterator, so whatever it holds (sessions, waits) is released."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

from sse_starlette.event import ServerSentEvent
from sse_starlette.sse import EventSourceResponse

SEP = "\n"


@dataclass(frozen=True)
class Frame:
    data: str
    id: str | None = None
    event: str | None = None


def sse_response(
    frames: AsyncIterator[Frame], *, heartbeat_seconds: float, ping_comment: str = "ping"
) -> EventSourceResponse:
    async def events() -> AsyncIterator[ServerSentEvent]:
        async for frame in frames:
            yield ServerSentEvent(data=frame.data, id=frame.id, event=frame.event, sep=SEP)

    return EventSourceResponse(
        events(),
        ping=heartbeat_seconds,
        sep=SEP,
        ping_message_factory=lambda: ServerSentEvent(comment=ping_comment, sep=SEP),
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
