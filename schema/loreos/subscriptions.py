"""A session's events as a subscription; REST serves the same stream as server-sent events."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Annotated

import strawberry

from app.errors import ValidationFailed
from schema._shared.constraints import constrained

from .context import Info
from .service import sessions
from .types.sessions import Event


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="The session's events after `since`, in order, then new ones as they are "
        "appended; each connection ends after five minutes (resume with the last cursor).",
    )
    async def session_event_stream(
        self,
        info: Info,
        session_id: Annotated[str, constrained(min_length=1, max_length=200)],
        since: Annotated[int, constrained(minimum=0)] = 0,
    ) -> AsyncGenerator[Event, None]:
        context = info.context
        try:
            await context.authenticate()
            if since < 0:  # field extensions do not wrap subscriptions, so checked here
                raise ValidationFailed(field_errors={"since": ["Must be 0 or more"]})
            opened = await sessions.get_session(context.session, context.principal, session_id)
        except BaseException:
            await context.finish(commit=False)
            raise
        # The stream outlives the request's unit of work: end it now, read with short sessions.
        await context.finish(commit=True)
        seconds = context.domain_settings.stream_max_seconds
        async for event in sessions.follow(context.database, opened.id, since, seconds):
            yield Event.of(event)
