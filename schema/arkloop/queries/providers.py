"""The account's LLM providers and what a provider offers upstream."""

from __future__ import annotations

from typing import Annotated

import strawberry

from schema._shared import fields
from schema._shared.constraints import constrained

from ..service import providers, routing
from ..types.common import ArkloopInfo
from ..types.providers import AvailableModel, AvailableModels, LlmProvider


@strawberry.type
class ProviderQuery:
    @fields.query(
        description="The account's providers with their models (`scope=user`, the default; "
        "`platform` is for platform administrators)."
    )
    async def llm_providers(
        self,
        info: ArkloopInfo,
        scope: Annotated[str | None, constrained(pattern="user|platform")] = None,
    ) -> list[LlmProvider]:
        rows = await providers.list_providers(info.context.session, info.context.principal, scope)
        return [LlmProvider.of(row) for row in rows]

    @fields.query(
        description="The models the provider lists upstream (its `/models`), each marked when "
        "configured here; the configured ones when the provider cannot be reached."
    )
    async def llm_provider_available_models(
        self, info: ArkloopInfo, provider_id: strawberry.ID
    ) -> AvailableModels:
        ctx = info.context
        found = await routing.available_models(
            ctx.session, ctx.domain_settings, ctx.principal, provider_id
        )
        return AvailableModels(models=[AvailableModel.of(model) for model in found])
