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
    """Incoming trace ids are ignored unless `trust_incoming` (a trusted gateway in front)."""

    def __init__(self, app: ASGIApp, header: str, trust_incoming: bool = False) -> None:
        self.app = app
        self.header = header
        self.trust_incoming = trust_incoming

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        trace_id = self._incoming(scope) or new_trace_id()
        current_trace_id.set(trace_id)
        scope.setdefault("state", {})["trace_id"] = trace_id

        async def send_with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[self.header] = trace_id
            await send(message)

        await self.app(scope, receive, send_with_header)

    def _incoming(self, scope: Scope) -> str | None:
        if not self.trust_incoming:
            return None
        wanted = self.header.lower().encode()
        for name, value in scope.get("headers", ()):
            if name == wanted and 0 < len(value) <= 128:
                return bytes(value).decode("latin-1")
        return None
