"""Real HTTP servers on loopback for tests: any ASGI app under uvicorn in a thread, on a free
port, and a scripted OpenAI-compatible endpoint that records what it was sent."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """Serve `app` on 127.0.0.1 at a free port; yields the base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


class Recorder:
    """Answers each POST with the next scripted reply (status, JSON body or SSE lines, headers)
    and records every request it receives (path, headers, raw and JSON body)."""

    def __init__(self) -> None:
        self.replies: list[tuple[int, Any, dict[str, str]]] = []
        self.requests: list[dict[str, Any]] = []
        self.app = Starlette(routes=[Route("/{path:path}", self._handle, methods=["POST"])])

    def reply(self, body: Any, status: int = 200, headers: dict[str, str] | None = None) -> None:
        self.replies.append((status, body, headers or {}))

    async def _handle(self, request: Request) -> Response:
        raw = await request.body()
        self.requests.append(
            {
                "path": request.url.path,
                "headers": dict(request.headers),
                "body": raw,
                "json": json.loads(raw or b"null"),
            }
        )
        status, body, headers = self.replies.pop(0) if self.replies else (200, {}, {})
        if isinstance(body, list) and all(isinstance(line, str) for line in body):
            stream = (f"data: {line}\n\n" for line in body)
            return StreamingResponse(stream, status_code=status, media_type="text/event-stream")
        return JSONResponse(body, status_code=status, headers=headers)


def completion(content: str) -> dict[str, Any]:
    """An OpenAI chat completion answering `content`."""
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}}],
    }
