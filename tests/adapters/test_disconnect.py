"""A request whose client goes away mid-way: a server that stops such a request cancels the
application's task, and on a server that lets it run on, the GraphQL endpoint cancels it when
the disconnect arrives. Then the work the compiled runner was settling stops (the resolvers
waiting are cancelled as their tasks would be, nothing is answered), the request's session
gives its connection back, and that connection serves the next request."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import Callable
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from starlette.types import Receive, Scope, Send

from adapters.runtime.disconnect import CancelOnDisconnect
from app.db import Database, SerialSession

from ..conftest import AUTH, TEST_LOOP_KEY, http_client
from .conftest import runtime

# Two root fields: the runner settles their resolvers together.
QUERY = "{ labels { total } projects { total } }"
BODY = json.dumps({"query": QUERY}).encode()


class Stalled:
    """Every statement runs, then its caller waits for a release that never comes."""

    def __init__(self) -> None:
        self.reached = asyncio.Event()
        self.ended: list[str] = []

    def wrap(self, send: Callable[..., Any]) -> Callable[..., Any]:
        async def stalled(*args: Any, **kwargs: Any) -> Any:
            result = await send(*args, **kwargs)
            self.reached.set()
            try:
                await asyncio.Event().wait()
            except (GeneratorExit, asyncio.CancelledError) as stopped:
                self.ended.append(type(stopped).__name__)
                raise
            return result

        return stalled


def request(path: str, body: bytes) -> dict[str, Any]:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "server": ("test", 80),
        "client": ("127.0.0.1", 5000),
        "root_path": "",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": [
            (b"authorization", f"Bearer {TEST_LOOP_KEY}".encode()),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ],
    }


@pytest.mark.parametrize("stopped_by", ["server", "disconnect"])
async def test_the_work_stops_and_the_session_is_released(
    app: FastAPI, database: Database, monkeypatch: pytest.MonkeyPatch, stopped_by: str
) -> None:
    """The server cancels the request's task (as some servers do when the client goes), or,
    on servers that let the application run on, the disconnect itself stops the work."""
    runtime(app, "loop").executor.prepare(QUERY)  # compiled from its first run
    stalled = Stalled()
    for method in ("execute", "rows"):
        monkeypatch.setattr(SerialSession, method, stalled.wrap(getattr(SerialSession, method)))
    messages = [{"type": "http.request", "body": BODY, "more_body": False}]
    gone = asyncio.Event()
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        if messages:
            return messages.pop()
        await gone.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    serving = asyncio.ensure_future(app(request("/loop/graphql", BODY), receive, send))
    await asyncio.wait_for(stalled.reached.wait(), 10)
    assert database.engine.pool.checkedout() == 1  # type: ignore[attr-defined]
    if stopped_by == "server":
        serving.cancel()
        with pytest.raises(asyncio.CancelledError):
            await serving
    else:
        gone.set()
        await asyncio.wait_for(serving, 10)
    assert sent == []
    assert stalled.ended and set(stalled.ended) == {"CancelledError"}
    assert database.engine.pool.checkedout() == 0  # type: ignore[attr-defined]
    monkeypatch.undo()
    async with http_client(app, AUTH) as client:  # the connection given back still serves
        for _ in range(3):
            assert (await client.post("/graphql", json={"query": QUERY})).status_code == 200


async def test_a_real_server_cancels_when_the_client_leaves() -> None:
    """Under uvicorn, which lets an abandoned request run on, the watched path's work is
    cancelled once the client closes its connection; another path's is left to finish."""
    cancelled: list[str] = []
    finished: list[str] = []
    ended = asyncio.Event()

    async def slow(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        await receive()
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            cancelled.append(scope["path"])
            raise
        finished.append(scope["path"])
        ended.set()

    listening = socket.create_server(("127.0.0.1", 0))
    port = listening.getsockname()[1]
    watched = CancelOnDisconnect(slow, "/graphql")
    config = uvicorn.Config(watched, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    serving = asyncio.ensure_future(server.serve(sockets=[listening]))
    try:
        for path in ("/graphql", "/api/issues"):
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(f"POST {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            await writer.drain()
            await asyncio.sleep(0.2)
            writer.close()
        await asyncio.wait_for(ended.wait(), 10)  # the second request, a second later
        assert cancelled == ["/graphql"] and finished == ["/api/issues"]
    finally:
        server.should_exit = True
        await serving
