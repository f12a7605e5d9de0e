"""Run events as a subscription; REST serves the same stream as server-sent events."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Annotated

import strawberry

from app.errors import ValidationFailed
from schema._shared.constraints import constrained

from .service import runs
from .service.policy import require
from .types.common import ArkloopInfo
from .types.runs import RunEvent


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="The run's events after `after_seq`, in order; with `follow` (default) new "
        "ones as they happen, until the run ends.",
    )
    async def run_events(
        self,
        info: ArkloopInfo,
        run_id: strawberry.ID,
        after_seq: Annotated[int, constrained(minimum=0)] = 0,
        follow: bool = True,
    ) -> AsyncGenerator[RunEvent, None]:
        context = info.context
        try:
            await context.authenticate()
            require(context.principal, "data.runs.read")
            if after_seq < 0:  # field extensions do not wrap subscriptions, so checked here
                raise ValidationFailed(field_errors={"after_seq": ["Must be 0 or more"]})
            run = await runs.get_run(context.session, context.principal, run_id)
        except BaseException:
            await context.finish(commit=False)
            raise
        # The stream outlives the request's unit of work: end it now, read with short sessions.
        await context.finish(commit=True)
        async for event in runs.follow(context.database, run.id, after_seq, follow):
            yield RunEvent.of(event)
