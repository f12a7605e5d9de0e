"""Requests with a `callback_url`: stored as a job at once, answered later by POSTing the result
(the body the synchronous call would have returned) to that URL, retried with backoff until the
receiver accepts it. The job table survives restarts."""

from __future__ import annotations

import dataclasses
from enum import Enum
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from app.ai import provider_for
from app.errors import DomainError
from app.jobs import JobRun, enqueue

from ..settings import LooposSettings
from . import prepare, run

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


async def schedule(session: AsyncSession, name: str, request: dict[str, Any]) -> dict[str, str]:
    """Check the request, store the job, and return the acknowledgement body."""
    prepare(name, request)
    url = request["callback_url"]
    job_id = await enqueue(session, QUEUE, {"service": name, "request": request})
    return {"status": "accepted", "job_id": job_id, "callback_url": url}


async def deliver(_: LooposSettings, job: JobRun) -> None:
    """Compute once (kept in the job's state), then POST until a 2xx answer."""
    if "body" not in job.state:
        try:
            body: Any = await run(
                job.payload["service"], job.payload["request"], provider_for(job.settings)
            )
            status = 200
        except DomainError as error:
            body, status = {"error": error.message}, error.status
        job.state.update(body=body, status=status)
    headers = {"X-LoopOS-Job-Id": job.id, "X-LoopOS-Status": str(job.state["status"])}
    async with httpx.AsyncClient(timeout=DELIVERY_TIMEOUT) as client:
        response = await client.post(
            job.payload["request"]["callback_url"], json=job.state["body"], headers=headers
        )
    response.raise_for_status()
