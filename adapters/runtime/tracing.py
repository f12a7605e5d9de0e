"""Trace ids: one per request, kept in a context variable for error bodies, on `request.state`
for resolvers, and sent back in a response header (e.g. `X-Trace-Id`) on every response."""

from __future__ import annotations

import uuid
from contextvars import ContextVar

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

current_trace_id: ContextVar[str] = ContextVar("current_trace_id", default="")


def new_trace_id() -> str:
    return uuid.uuid4().hex


class TraceMiddleware:
    """Gives every request a fresh trace id, answered in `header` (incoming ids are not
    trusted: a client could otherwise forge another request's id)."""

    def __init__(self, app: ASGIApp, header: str) -> None:
        self.app = app
        self.header = header

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        trace_id = new_trace_id()
        current_trace_id.set(trace_id)
        scope.setdefault("state", {})["trace_id"] = trace_id

        async def send_with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[self.header] = trace_id
            await send(message)

        await self.app(scope, receive, send_with_header)
