"""A webhook receiver on loopback for LoreOS's channel tests, and draining the job worker."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from app.jobs import Worker


class Receiver:
    """Answers the first `failures` POSTs 503, then accepts those whose signature verifies
    with `secret` (401 otherwise); records every body it was sent and the events it took."""

    def __init__(self, secret: str, failures: int = 0, status: int = 200) -> None:
        self.secret = secret
        self.failures = failures
        self.status = status
        self.received: list[dict[str, Any]] = []
        self.accepted: list[dict[str, Any]] = []
        self.app = Starlette(routes=[Route("/hook", self.handle, methods=["POST"])])

    async def handle(self, request: Request) -> Response:
        raw = await request.body()
        self.received.append({"headers": dict(request.headers), "body": raw})
        if self.failures:
            self.failures -= 1
            return Response(status_code=503)
        expected = "sha256=" + hmac.new(self.secret.encode(), raw, hashlib.sha256).hexdigest()
        signature = request.headers.get("x-auto-dating-signature", "")
        if not hmac.compare_digest(signature, expected):
            return Response(status_code=401)
        if self.status == 200:
            self.accepted.append(json.loads(raw))
        return Response(status_code=self.status)


async def drain(worker: Worker) -> None:
    for _ in range(10):
        if not await worker.run_once():
            return
    raise AssertionError("jobs were still due after ten rounds")
