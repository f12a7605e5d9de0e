"""Registering a session's webhook channel. The URL is checked when it is given (an http or
https URL whose host resolves to public addresses only, unless the settings allow private
ones) and again before each delivery. A channel receives the events appended after it is
registered, each signed with its secret: the one given, or one made here and shown once.
Registering the same URL again replaces its secret and keeps the channel."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from app import outbound
from app.clock import utcnow

from .. import errors
from ..models import Channel, new_id
from ..repository import channels as repo
from ..settings import LoreosSettings
from .apps import Principal, refuse_demo
from .deliveries import FIELD
from .sessions import get_session


@dataclass(frozen=True)
class Registered:
    channel: Channel
    # The secret made for the channel when none was given (shown only now), else None.
    issued_secret: str | None


async def register(
    session: AsyncSession,
    who: Principal,
    settings: LoreosSettings,
    session_id: str,
    url: str,
    secret: str | None,
) -> Registered:
    refuse_demo(who, "Webhook channels")
    opened = await get_session(session, who, session_id)
    try:
        await outbound.check(url, settings.allow_private_webhooks, FIELD)
    except outbound.RefusedTarget as refused:
        raise refused.as_validation() from None
    issued = None if secret else "whsec_" + secrets.token_hex(24)
    channel = await repo.by_url(session, opened.id, url)
    if channel is None:
        channel = Channel(
            id=new_id("chn_"),
            app_id=who.app_id,
            session_id=opened.id,
            url=url,
            created_at=utcnow(),
        )
        session.add(channel)
    channel.secret = secret or issued
    await session.flush()
    return Registered(channel, issued)


async def listed(session: AsyncSession, who: Principal, session_id: str) -> Sequence[Channel]:
    opened = await get_session(session, who, session_id)
    return await repo.of_session(session, opened.id)


async def remove(session: AsyncSession, who: Principal, session_id: str, channel_id: str) -> str:
    """Delete the session's channel: nothing more is pushed to it, queued attempts included."""
    opened = await get_session(session, who, session_id)
    channel = await repo.owned(session, opened.id, channel_id)
    if channel is None:
        raise errors.ChannelNotFound(f"No channel {channel_id!r} on this session")
    await repo.remove(session, channel)
    return channel.id
