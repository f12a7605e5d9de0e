"""Sessions, messages, events and runs."""

from __future__ import annotations

from datetime import datetime

import strawberry

from schema._shared.constraints import nullable, required
from schema._shared.scalars import JSONObject

from ..models import Event as EventRow
from ..models import Run as RunRow


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
