"""Webhook push: each event appended to a session with channels becomes one delivery per
channel and a durable `loreos.webhook` job, stored in the transaction that appends the event,
so none is lost (at least once). The job POSTs `{"event": <the event as the events endpoint
answers it>}` with `x-auto-dating-signature: sha256=<HMAC-SHA256 of the exact body, hex>` and
`x-auto-dating-event-id`; a receiver that does not answer, or answers 5xx, 408, 425 or 429, is
tried again with the worker's backoff until `FACET_JOBS_MAX_ATTEMPTS`, any other answer ends
the delivery. The target is checked again before every attempt."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app import outbound
from app.clock import utcnow
from app.jobs import GiveUp, JobRun, enqueue
from schema._shared.scalars import format_datetime

from ..models import Delivery, Event, new_id
from ..repository import channels as repo
from ..settings import LoreosSettings

QUEUE = "loreos.webhook"
FIELD = "url"
PENDING, RETRYING, DELIVERED, FAILED = "pending", "retrying", "delivered", "failed"


def event_body(event: Event) -> dict[str, Any]:
    """An event as `GET /v1/sessions/{id}/events` answers it."""
    return {
        "event_id": event.id,
        "session_id": event.session_id,
        "cursor": event.cursor,
        "type": event.type,
        "role": event.role,
        "payload": event.payload,
        "run_ref": event.run_ref,
        "created_at": format_datetime(event.created_at),
    }


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


async def fan_out(session: AsyncSession, session_id: str, events: Sequence[Event]) -> None:
    """Queue every new event for each of the session's channels (flushed events only)."""
    channels = await repo.of_session(session, session_id)
    now = utcnow()
    for channel in channels:
        for event in events:
            delivery = Delivery(
                id=new_id("dlv_"),
                channel_id=channel.id,
                event_id=event.id,
                status=PENDING,
                attempts=0,
                last_status_code=None,
                updated_at=now,
            )
            session.add(delivery)
            await session.flush()
            await enqueue(session, QUEUE, {"delivery_id": delivery.id})


async def deliver(settings: LoreosSettings, job: JobRun) -> None:
    """One attempt at one delivery; what it came to is kept on the delivery."""
    async with job.database.session() as session:
        found = await repo.delivery(session, str(job.payload["delivery_id"]))
    if found is None:
        return
    delivery, channel, event = found
    body = json.dumps({"event": event_body(event)}, ensure_ascii=False, separators=(",", ":"))
    content = body.encode()
    headers = {
        "Content-Type": "application/json",
        "x-auto-dating-event-id": event.id,
        "x-auto-dating-signature": signature(channel.secret or "", content),
    }
    seconds = settings.webhook_timeout_seconds
    try:
        await outbound.check_before_use(
            channel.url, settings.allow_private_webhooks, FIELD, seconds
        )
        status = await outbound.post(channel.url, content, headers, seconds, FIELD)
    except outbound.Undelivered as undelivered:
        last = job.attempt >= job.settings.jobs_max_attempts
        await _record(job, delivery.id, FAILED if last else RETRYING, undelivered.status)
        raise
    except GiveUp as refused:
        await _record(job, delivery.id, FAILED, getattr(refused, "status", None))
        raise
    await _record(job, delivery.id, DELIVERED, status)


async def _record(job: JobRun, delivery_id: str, status: str, code: int | None) -> None:
    async with job.database.session() as session, session.begin():
        await repo.record_attempt(session, delivery_id, status, job.attempt, code)
