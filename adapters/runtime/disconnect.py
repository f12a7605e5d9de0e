"""Stops a request's work when its client goes away before the answer starts. Servers such as
uvicorn let an application run to its end after the client disconnects, so a costly GraphQL
document would keep the process busy for nobody: here the request runs in its own task, and
once its body has arrived, the connection is watched and the task cancelled on a disconnect.
A response already under way (a stream) watches its connection itself and is left alone."""

from __future__ import annotations

import asyncio
from contextlib import suppress

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class CancelOnDisconnect:
    def __init__(self, app: ASGIApp, path_suffix: str) -> None:
        """Only requests whose path ends with `path_suffix` (the GraphQL endpoint) are watched:
        a REST route's work is bounded by its arguments."""
        self.app = app
        self.path_suffix = path_suffix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].endswith(self.path_suffix):
            await self.app(scope, receive, send)
            return
        await Watched(receive, send).run(self.app, scope)


class Watched:
    def __init__(self, receive: Receive, send: Send) -> None:
        self.outer_receive = receive
        self.outer_send = send
        self.body_received = asyncio.Event()
        # After the body, the watcher alone reads the connection; the application's later
        # reads get what it read.
        self.after_body: asyncio.Future[Message] = asyncio.get_running_loop().create_future()
        self.started = False
        self.abandoned = False

    async def run(self, app: ASGIApp, scope: Scope) -> None:
        handler = asyncio.ensure_future(app(scope, self.receive, self.send))
        watcher = asyncio.ensure_future(self.watch(handler))
        try:
            await handler
        except asyncio.CancelledError:
            if not self.abandoned:
                raise  # this request itself was cancelled (the server is stopping)
        finally:
            watcher.cancel()
            handler.cancel()
            with suppress(asyncio.CancelledError):
                await watcher

    async def receive(self) -> Message:
        if self.body_received.is_set():
            return await asyncio.shield(self.after_body)
        message = await self.outer_receive()
        if message["type"] != "http.request" or not message.get("more_body", False):
            self.body_received.set()
        return message

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
        await self.outer_send(message)

    async def watch(self, handler: asyncio.Future[None]) -> None:
        await self.body_received.wait()
        message = await self.outer_receive()
        self.after_body.set_result(message)
        if message["type"] == "http.disconnect" and not self.started:
            self.abandoned = True
            handler.cancel()
