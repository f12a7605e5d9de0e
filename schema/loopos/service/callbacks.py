"""Requests with a `callback_url`: stored as a job at once, answered later by POSTing the result
(the body the synchronous call would have returned) to that URL, retried with backoff while the
receiver may yet accept it. The job table survives restarts. The target is checked on arrival
and again before each delivery (`app.outbound`); a refused one, a host that does not exist and
an answer that another attempt would not change (a redirect, a 4xx but 408, 425 and 429) fail
the job at once. The lookup and the POST each take at most `callback_timeout_seconds`, and the
worker runs at most `callback_concurrency` deliveries at once, the target hosts taking turns.
With a secret set, each body is signed: `X-LoopOS-Signature: sha256=<HMAC-SHA256 of the exact
body, hex>`."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
from enum import Enum
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app import outbound
from app.ai import provider_for
from app.errors import DomainError
from app.jobs import JobRun, enqueue

from ..settings import LooposSettings
from . import prepare, run

QUEUE = "loopos.callback"
FIELD = "callback_url"
# The payload key naming the target host, whose jobs the worker takes in turn with other hosts'.
TARGET = "target"


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
    url = request[FIELD]
    try:
        await outbound.check(url, settings.allow_private_callbacks, FIELD)
    except outbound.RefusedTarget as refused:
        raise refused.as_validation() from None
    payload = {"service": name, "request": request, TARGET: outbound.host_of(url, FIELD)}
    job_id = await enqueue(session, QUEUE, payload)
    return {"status": "accepted", "job_id": job_id, "callback_url": url}


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


async def deliver(settings: LooposSettings, job: JobRun) -> None:
    """Compute once (kept in the job's state), then POST until a 2xx answer."""
    url = job.payload["request"][FIELD]
    seconds = settings.callback_timeout_seconds
    await outbound.check_before_use(url, settings.allow_private_callbacks, FIELD, seconds)
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
    await outbound.post(url, content, headers, seconds, FIELD)
