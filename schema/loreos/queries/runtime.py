"""LoreOS's runtime queries: every one reads the caller's app only."""

from __future__ import annotations

from typing import Annotated

import strawberry

from schema._shared import fields
from schema._shared.constraints import Constraints, constrained

from .. import guide
from ..context import Info
from ..service import apps, budgets, channels, characters, costs, health, trace, visual
from ..service import sessions as sessions_service
from ..service.runtime import compiled_context, runtime_view
from ..types.apps import Me
from ..types.assets import Feature, FeatureStatus, VisualAsset, VisualReadiness
from ..types.characters import Character, Readiness, ReadinessCheck, RuntimePreview
from ..types.health import SessionHealth
from ..types.sessions import (
    ChannelList,
    Event,
    EventPage,
    Run,
    RunList,
    SessionTrace,
    TraceEvent,
    WebhookChannel,
)
from ..types.usage import (
    CostMessage,
    GroupBy,
    MessageCostPair,
    MessageCosts,
    Rate,
    RateCard,
    Usage,
    UsageGroup,
)

Instant = Annotated[
    str | None, strawberry.argument(name="from", directives=[Constraints(max_length=64)])
]
Slug = Annotated[str, constrained(min_length=1, max_length=128)]
SessionId = Annotated[str, constrained(min_length=1, max_length=200)]
Optional200 = Annotated[str | None, constrained(min_length=1, max_length=200)]


@strawberry.type
class RuntimeQuery:
    @fields.query(public=True, description="A guide for coding agents (llms.txt), in Markdown.")
    async def llms_txt(self, info: Info) -> str:
        return guide.text(info.schema._schema)

    @fields.query(description="The app the presented key belongs to.")
    async def me(self, info: Info) -> Me:
        who = info.context.principal
        app = await apps.get_app(info.context.session, who)
        return Me(
            app_id=app.id,
            app_name=app.name,
            key_prefix=who.key_prefix,
            key_kind=app.kind,
            expires_at=who.expires_at,
            limit_credits=app.limit_credits,
            enforcement=app.enforcement,
        )

    @fields.query(description="A character of the caller's app, with its readiness.")
    async def character(
        self, info: Info, slug: Annotated[str, constrained(min_length=1, max_length=128)]
    ) -> Character:
        found = await characters.published(info.context.session, info.context.principal, slug)
        return Character.of(found)

    @fields.query(description="Per-area authoring readiness and a score.")
    async def character_readiness(
        self, info: Info, slug: Annotated[str, constrained(min_length=1, max_length=128)]
    ) -> Readiness:
        found = await characters.published(info.context.session, info.context.principal, slug)
        return Readiness.of(found.readiness)

    @fields.query(description="What the runtime will use of the character (safe context only).")
    async def character_runtime_preview(
        self, info: Info, slug: Annotated[str, constrained(min_length=1, max_length=128)]
    ) -> RuntimePreview:
        found = await characters.published(info.context.session, info.context.principal, slug)
        content = found.version.content
        return RuntimePreview(
            slug=found.character.slug,
            version_number=found.version.version_number,
            runtime=runtime_view(content),
            compiled_context=compiled_context(content),
            greeting=content.get("greeting"),
        )

    @fields.query(description="Whether the character can send images, check by check.")
    async def character_visual_readiness(self, info: Info, slug: Slug) -> VisualReadiness:
        found = await visual.readiness(info.context.session, info.context.principal, slug)
        return VisualReadiness(
            slug=found.character.slug,
            status="ready" if found.ready else "needs_work",
            ready=found.ready,
            checks=[ReadinessCheck(key=c.key, passed=c.passed, hint=c.hint) for c in found.checks],
            active_identity_asset_key=found.identity.asset_key if found.identity else None,
            assets=[VisualAsset.of(row, found.character.slug) for row in found.assets],
        )

    @fields.query(description="The character's background work, feature by feature.")
    async def character_feature_status(self, info: Info, slug: Slug) -> FeatureStatus:
        found = await visual.features(info.context.session, info.context.principal, slug)
        return FeatureStatus(
            slug=found.slug,
            proactive_enabled=found.proactive_enabled,
            features=[
                Feature(feature=f.feature, status=f.status, reason=f.reason) for f in found.features
            ],
        )

    @fields.query(description="A session's events with cursor > since, ascending.")
    async def session_events(
        self,
        info: Info,
        session_id: Annotated[str, constrained(min_length=1, max_length=200)],
        since: Annotated[int, constrained(minimum=0)] = 0,
        limit: Annotated[int, constrained(minimum=1, maximum=500)] = 100,
    ) -> EventPage:
        context = info.context
        found = await sessions_service.events(
            context.session, context.principal, session_id, since, limit
        )
        events = [Event.of(row) for row in found]
        next_cursor = events[-1].cursor if events else since
        return EventPage(session_id=session_id, events=events, next_cursor=next_cursor)

    @fields.query(description="A session's runs (one per processed turn), redacted.")
    async def session_runs(
        self, info: Info, session_id: Annotated[str, constrained(min_length=1, max_length=200)]
    ) -> RunList:
        context = info.context
        found = await sessions_service.runs(context.session, context.principal, session_id)
        return RunList(runs=[Run.of(row) for row in found])

    @fields.query(description="A session's latest events, newest first, with delivery and cost.")
    async def session_trace(
        self,
        info: Info,
        session_id: SessionId,
        limit: Annotated[int, constrained(minimum=1, maximum=500)] = 100,
    ) -> SessionTrace:
        context = info.context
        found = await trace.trace(context.session, context.principal, session_id, limit)
        return SessionTrace(session_id=session_id, events=[TraceEvent.of(t) for t in found])

    @fields.query(description="A session's webhook channels (their secrets are not shown).")
    async def session_channels(self, info: Info, session_id: SessionId) -> ChannelList:
        context = info.context
        found = await channels.listed(context.session, context.principal, session_id)
        return ChannelList(
            session_id=session_id, channels=[WebhookChannel.listed(row) for row in found]
        )

    @fields.query(description="A session's health, redacted: invariants, counts, the worker.")
    async def session_health(
        self,
        info: Info,
        session_id: SessionId,
        since: Annotated[str, constrained(min_length=1, max_length=16)] = "6h",
    ) -> SessionHealth:
        context = info.context
        found = await health.health(context.session, context.principal, session_id, since)
        return SessionHealth.of(found, since)

    @fields.query(description="The app's metered usage, grouped (resource_type by default).")
    async def usage(self, info: Info, group_by: GroupBy = "resource_type") -> Usage:
        found = await budgets.usage(info.context.session, info.context.principal, group_by)
        return Usage(
            group_by=found.group_by,
            total_credits=round(found.reserved + found.settled, 6),
            reserved_credits=found.reserved,
            settled_credits=found.settled,
            groups=[UsageGroup(key=k, credits=c, events=n) for k, c, n in found.groups],
        )

    @fields.query(description="The rate card: what each metered resource costs, in credits.")
    async def rates(self, info: Info) -> RateCard:
        resource_type, rates = budgets.rate_card(info.context.domain_settings)
        rate = Rate(
            resource_type=resource_type,
            reserve_credits=rates.reserve,
            base_credits=rates.base,
            credits_per_1k_input_chars=rates.per_1k_input_chars,
            credits_per_1k_output_chars=rates.per_1k_output_chars,
        )
        return RateCard(unit="credits", rates=[rate])

    @fields.query(description="Reply and image costs per (end-user, character) pair.")
    async def message_costs(
        self,
        info: Info,
        view: Annotated[str, constrained(min_length=1, max_length=20)] = "users",
        from_: Instant = None,
        to: Annotated[str | None, constrained(max_length=64)] = None,
        external_user_ref: Optional200 = None,
        character_slug: Optional200 = None,
        session_id: Optional200 = None,
        modality: Annotated[str, constrained(min_length=1, max_length=20)] = "all",
        limit: Annotated[int, constrained(minimum=1, maximum=100)] = 20,
        messages_per_pair: Annotated[int, constrained(minimum=0, maximum=25)] = 5,
        include_preview: bool = False,
    ) -> MessageCosts:
        query = costs.Query(
            view,
            modality,
            from_,
            to,
            external_user_ref,
            character_slug,
            session_id,
            limit,
            messages_per_pair,
            include_preview,
        )
        found = await costs.message_costs(info.context.session, info.context.principal, query)
        pairs = [_pair(pair) for pair in found]
        total = round(sum(pair.total_credits for pair in pairs), 6)
        return MessageCosts(
            view=view,
            modality=modality,
            from_=from_,
            to=to,
            total_credits=total,
            reply_credits=total,
            image_credits=0.0,
            pairs=pairs,
        )


def _pair(pair: costs.Pair) -> MessageCostPair:
    recent = [
        CostMessage(
            run_ref=message.run.id,
            session_id=message.run.session_id,
            turn_index=message.run.turn_index,
            run_status=message.run.status,
            ledger_status=message.usage.status,
            credits=message.usage.credits,
            created_at=message.usage.created_at,
            preview=message.preview,
        )
        for message in pair.recent
    ]
    return MessageCostPair(
        external_user_ref=pair.external_user_ref,
        character_slug=pair.character_slug,
        messages=pair.messages,
        reply_credits=pair.credits,
        image_credits=0.0,
        total_credits=pair.credits,
        last_message_at=pair.last_at,
        recent=recent,
    )
