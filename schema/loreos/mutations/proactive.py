"""Proactive controls and the proactive test."""

from __future__ import annotations

from typing import Annotated

import strawberry

from schema._shared import fields
from schema._shared.constraints import constrained
from schema._shared.rows import provided

from ..context import Info
from ..service import proactive
from ..types.proactive import ProactiveControls, ProactiveControlsInput, ProactiveTest

SessionId = Annotated[str, constrained(min_length=1, max_length=200)]


@strawberry.type
class ProactiveMutation:
    @fields.mutation(description="Override (or with null, clear) a session's proactive controls.")
    async def update_proactive_controls(
        self, info: Info, session_id: SessionId, input: ProactiveControlsInput
    ) -> ProactiveControls:
        context = info.context
        opened = await proactive.update_controls(
            context.session, context.principal, session_id, provided(input)
        )
        return ProactiveControls(
            session_id=opened.id,
            proactive_enabled=opened.proactive_enabled,
            overrides=opened.proactive_controls,
            effective=await proactive.effective(context.session, opened),
        )

    @fields.mutation(description="Have the character start one message now, bypassing the gates.")
    async def proactive_test(self, info: Info, session_id: SessionId) -> ProactiveTest:
        context = info.context
        run = await proactive.test(
            context.session, context.principal, context.domain_settings, session_id
        )
        return ProactiveTest(
            session_id=run.session_id,
            accepted=True,
            run_ref=run.id,
            cursor=run.cursor,
            reply_mode=run.reply_mode,
        )
