"""Real HTTP servers on loopback for tests: any ASGI app under uvicorn in a thread, on a free
port, the `facet` command in a process of its own, and a scripted OpenAI-compatible endpoint
that records what it was sent."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
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
def serving(app: Any, tls: tuple[str, str] | None = None) -> Iterator[str]:
    """Serve `app` on 127.0.0.1 at a free port (over https with `tls`, a certificate and key
    file); yields the base URL."""
    port = free_port()
    certificate, key = tls or (None, None)
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        ssl_certfile=certificate,
        ssl_keyfile=key,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.01)
    try:
        yield f"{'https' if tls else 'http'}://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


ROOT = Path(__file__).resolve().parent.parent
# This checkout's `facet` command, whatever the environment installed.
FACET = [sys.executable, "-c", "import sys; from app.cli import cli; cli(sys.argv[1:])"]


def facet(*args: str, database_url: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run a `facet` subcommand to its end on the given database."""
    return subprocess.run(
        [*FACET, *args],
        cwd=ROOT,
        env=_facet_env(database_url, env),
        capture_output=True,
        text=True,
        timeout=120,
    )


@contextmanager
def facet_serve(*args: str, database_url: str, **env: str) -> Iterator[str]:
    """`facet serve` on a free loopback port until it answers `/` (the index, or a lone
    domain's root); yields its base URL. What it printed is in the error if it never does."""
    port = free_port()
    with tempfile.TemporaryFile("w+") as log:
        process = subprocess.Popen(
            [*FACET, "serve", "--host", "127.0.0.1", "--port", str(port), *args],
            cwd=ROOT,
            env=_facet_env(database_url, env),
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            if not _answers(process, base):
                _stop(process)
                log.seek(0)
                raise AssertionError(f"facet serve exited {process.returncode}:\n{log.read()}")
            yield base
        finally:
            _stop(process)


def _stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _answers(process: subprocess.Popen[str], base: str) -> bool:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and process.poll() is None:
        try:
            httpx.get(f"{base}/", timeout=2)
            return True
        except httpx.TransportError:
            time.sleep(0.2)
    return False


def _facet_env(database_url: str, extra: dict[str, str]) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("FACET_", "LOOP_", "ARKLOOP_"))
    }
    return {
        **env,
        "PYTHONPATH": str(ROOT),
        "FACET_DATABASE_URL": database_url,
        "FACET_JOBS_WORKER": "false",
        **extra,
    }


class Recorder:
    """Answers each POST or GET with the next scripted reply (status, JSON body or SSE lines,
    headers) and records every request it receives (path, headers, raw and JSON body)."""

    def __init__(self) -> None:
        self.replies: list[tuple[int, Any, dict[str, str]]] = []
        self.requests: list[dict[str, Any]] = []
        self.app = Starlette(routes=[Route("/{path:path}", self._handle, methods=["GET", "POST"])])

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
