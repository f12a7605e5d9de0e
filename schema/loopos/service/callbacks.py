"""Requests with a `callback_url`: stored as a job at once, answered later by POSTing the result
(the body the synchronous call would have returned) to that URL, retried with backoff until the
receiver accepts it. The job table survives restarts. The target is checked on arrival and again
before each delivery (`targets`); a refused one fails the job at once (a host that does not
resolve is retried like an unreachable receiver). With a secret set, each
body is signed: `X-LoopOS-Signature: sha256=<HMAC-SHA256 of the exact body, hex>`."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
from enum import Enum
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from app.ai import provider_for
from app.errors import DomainError
from app.jobs import GiveUp, JobRun, enqueue

from ..settings import LooposSettings
from . import prepare, run, targets

QUEUE = "loopos.callback"
DELIVERY_TIMEOUT = 30.0


def plain(value: Any) -> Any:
    """A Strawberry input as JSON-ready data, keyed by its (snake_case) wire names."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: plain(getattr(value, field.name)) for field in dataclasses.fields(value)
        }
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    return value


async def schedule(
    session: AsyncSession, settings: LooposSettings, name: str, request: dict[str, Any]
) -> dict[str, str]:
    """Check the request and its target, store the job, and return the acknowledgement body."""
    prepare(name, request)
    url = request["callback_url"]
    try:
        await targets.check(url, settings.allow_private_callbacks)
    except targets.RefusedTarget as refused:
        raise refused.as_validation() from None
    job_id = await enqueue(session, QUEUE, {"service": name, "request": request})
    return {"status": "accepted", "job_id": job_id, "callback_url": url}


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


async def deliver(settings: LooposSettings, job: JobRun) -> None:
    """Compute once (kept in the job's state), then POST until a 2xx answer."""
    url = job.payload["request"]["callback_url"]
    try:
        await targets.check(url, settings.allow_private_callbacks)
    except targets.Unresolved:
        raise
    except targets.RefusedTarget as refused:
        raise GiveUp(refused.message) from None
    if "body" not in job.state:
        try:
            body: Any = await run(
                job.payload["service"], job.payload["request"], provider_for(job.settings)
            )
            status = 200
        except DomainError as error:
            body, status = {"error": error.message}, error.status
        job.state.update(body=body, status=status)
    content = json.dumps(job.state["body"], ensure_ascii=False, separators=(",", ":")).encode()
    headers = {
        "Content-Type": "application/json",
        "X-LoopOS-Job-Id": job.id,
        "X-LoopOS-Status": str(job.state["status"]),
    }
    if settings.callback_secret:
        headers["X-LoopOS-Signature"] = signature(settings.callback_secret, content)
    async with httpx.AsyncClient(timeout=DELIVERY_TIMEOUT) as client:
        response = await client.post(url, content=content, headers=headers)
    response.raise_for_status()
