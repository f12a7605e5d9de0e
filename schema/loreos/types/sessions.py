"""Sessions, messages, events and runs."""

from __future__ import annotations

from datetime import datetime

import strawberry

from schema._shared.constraints import nullable, required
from schema._shared.scalars import JSONObject

from ..models import Channel as ChannelRow
from ..models import Event as EventRow
from ..models import Run as RunRow
from ..models import as_utc
from ..service.trace import Traced

SIGNATURE_HEADER = "x-auto-dating-signature"
EVENT_ID_HEADER = "x-auto-dating-event-id"


@strawberry.input(description="Who talks to which character.")
class SessionInput:
    character: str = required(min_length=1, max_length=128)
    external_user_ref: str = required(min_length=1, max_length=200)
    external_user_display_name: str | None = nullable(max_length=120)
    proactive_enabled: bool | None = nullable()


@strawberry.type(description="A session: one end-user with one character.")
class OpenedSession:
    session_id: str
    character: str
    external_user_ref: str
    status: str
    # False when the end-user's open session with the character was returned.
    created: bool
    last_cursor: int
    created_at: datetime


@strawberry.input(description="A user message.")
class MessageInput:
    text: str = required(min_length=1, max_length=4000)
    reply_mode: str | None = nullable(max_length=40)
    context_events: list[JSONObject] | None = nullable()


@strawberry.type(description="A message accepted; the reply arrives as events.")
class MessageAccepted:
    session_id: str
    accepted: bool
    cursor: int
    sent_turn_index: int
    run_ref: str
    reply_mode: str
    idempotent_replay: bool


@strawberry.type(description="One entry of a session's event log.")
class Event:
    event_id: str
    session_id: str
    cursor: int
    type: str
    role: str
    payload: JSONObject
    run_ref: str | None
    created_at: datetime

    @classmethod
    def of(cls, row: EventRow) -> Event:
        return cls(
            event_id=row.id,
            session_id=row.session_id,
            cursor=row.cursor,
            type=row.type,
            role=row.role,
            payload=row.payload,
            run_ref=row.run_ref,
            created_at=row.created_at,
        )


@strawberry.type(description="Events after a cursor, ascending; poll again with next_cursor.")
class EventPage:
    session_id: str
    events: list[Event]
    next_cursor: int


@strawberry.type(description="One processed turn, redacted (no prompts).")
class Run:
    run_ref: str
    turn_index: int
    cursor: int
    status: str
    reply_mode: str
    model_calls: int
    provider: str | None
    model: str | None
    reserved_credits: float
    cost_credits: float | None
    latency_ms: int | None
    error: bool
    created_at: datetime
    completed_at: datetime | None

    @classmethod
    def of(cls, row: RunRow) -> Run:
        return cls(
            run_ref=row.id,
            turn_index=row.turn_index,
            cursor=row.cursor,
            status=row.status,
            reply_mode=row.reply_mode,
            model_calls=row.model_calls,
            provider=row.provider,
            model=row.model,
            reserved_credits=row.reserved_credits,
            cost_credits=row.settled_credits,
            latency_ms=row.latency_ms,
            error=row.status == "failed",
            created_at=row.created_at,
            completed_at=row.completed_at,
        )


@strawberry.type(description="A session's runs, in turn order.")
class RunList:
    runs: list[Run]


@strawberry.input(description="Where to push the session's events, and the secret signing them.")
class ChannelInput:
    url: str = required(min_length=1, max_length=2048)
    secret: str | None = nullable(min_length=1, max_length=512)


@strawberry.type(description="A webhook channel: each new event of the session POSTed, signed.")
class WebhookChannel:
    channel_id: str
    session_id: str
    url: str
    # The secret made for the channel when none was sent, shown only now; else null.
    secret: str | None
    signature_header: str
    event_id_header: str
    created_at: datetime

    @classmethod
    def listed(cls, row: ChannelRow) -> WebhookChannel:
        """A registered channel as listed: its secret is never shown again."""
        return cls(
            channel_id=row.id,
            session_id=row.session_id,
            url=row.url,
            secret=None,
            signature_header=SIGNATURE_HEADER,
            event_id_header=EVENT_ID_HEADER,
            created_at=row.created_at,
        )


@strawberry.type(description="A session's webhook channels, in registration order.")
class ChannelList:
    session_id: str
    channels: list[WebhookChannel]


@strawberry.type(description="A deleted channel: nothing more is pushed to it.")
class DeletedChannel:
    channel_id: str
    deleted: bool


@strawberry.type(description="What pushing one event to one channel came to.")
class TraceDelivery:
    channel_id: str
    # pending, retrying, delivered or failed.
    status: str
    attempts: int
    last_status_code: int | None
    updated_at: datetime


@strawberry.type(description="One event of a session's trace.")
class TraceEvent:
    event_id: str
    cursor: int
    type: str
    role: str
    run_ref: str | None
    created_at: datetime
    # The status of the delivery updated last (null when the session had no channel).
    delivery_status: str | None
    deliveries: list[TraceDelivery]
    # The turn's settled credits (null without a run, or while its reply is being written).
    usage_credits: float | None

    @classmethod
    def of(cls, traced: Traced) -> TraceEvent:
        event, deliveries = traced.event, traced.deliveries
        latest = max(deliveries, key=lambda d: as_utc(d.updated_at), default=None)
        return cls(
            event_id=event.id,
            cursor=event.cursor,
            type=event.type,
            role=event.role,
            run_ref=event.run_ref,
            created_at=event.created_at,
            delivery_status=latest.status if latest is not None else None,
            deliveries=[
                TraceDelivery(
                    channel_id=d.channel_id,
                    status=d.status,
                    attempts=d.attempts,
                    last_status_code=d.last_status_code,
                    updated_at=d.updated_at,
                )
                for d in deliveries
            ],
            usage_credits=traced.usage_credits,
        )


@strawberry.type(description="A session's latest events, newest first, with delivery and cost.")
class SessionTrace:
    session_id: str
    events: list[TraceEvent]
