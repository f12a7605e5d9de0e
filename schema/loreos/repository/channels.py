"""Webhook channels and their deliveries."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.clock import utcnow

from ..models import Channel, Delivery, Event, Session


async def of_session(session: AsyncSession, session_id: str) -> Sequence[Channel]:
    query = select(Channel).where(Channel.session_id == session_id).order_by(Channel.created_at)
    return (await session.scalars(query)).all()


async def by_url(session: AsyncSession, session_id: str, url: str) -> Channel | None:
    query = select(Channel).where(Channel.session_id == session_id, Channel.url == url)
    return await session.scalar(query)


async def delivery(
    session: AsyncSession, delivery_id: str
) -> tuple[Delivery, Channel, Event] | None:
    query = (
        select(Delivery, Channel, Event)
        .join(Channel, Channel.id == Delivery.channel_id)
        .join(Event, Event.id == Delivery.event_id)
        .where(Delivery.id == delivery_id)
    )
    found = (await session.execute(query)).one_or_none()
    return (found[0], found[1], found[2]) if found is not None else None


async def record_attempt(
    session: AsyncSession, delivery_id: str, status: str, attempts: int, code: int | None
) -> None:
    """What a delivery's latest attempt came to (a status code only when one was answered)."""
    values: dict[str, object] = {"status": status, "attempts": attempts, "updated_at": utcnow()}
    if code is not None:
        values["last_status_code"] = code
    await session.execute(update(Delivery).where(Delivery.id == delivery_id).values(values))


async def owned(session: AsyncSession, session_id: str, channel_id: str) -> Channel | None:
    query = select(Channel).where(Channel.session_id == session_id, Channel.id == channel_id)
    return await session.scalar(query)


async def remove(session: AsyncSession, channel: Channel) -> None:
    """The channel and its deliveries (a queued attempt then finds nothing to deliver)."""
    await session.execute(delete(Delivery).where(Delivery.channel_id == channel.id))
    await session.delete(channel)
    await session.flush()


async def of_events(session: AsyncSession, event_ids: Sequence[str]) -> Sequence[Delivery]:
    """The deliveries of these events, by channel registration order."""
    if not event_ids:
        return []
    query = (
        select(Delivery)
        .join(Channel, Channel.id == Delivery.channel_id)
        .where(Delivery.event_id.in_(event_ids))
        .order_by(Channel.created_at, Channel.id)
    )
    return (await session.scalars(query)).all()


async def count_of_character(session: AsyncSession, character_id: str) -> int:
    """Webhook channels on the character's sessions."""
    query = (
        select(func.count())
        .select_from(Channel)
        .join(Session, Session.id == Channel.session_id)
        .where(Session.character_id == character_id)
    )
    return int(await session.scalar(query) or 0)
