"""LLM providers and their models (owners and admins)."""

from __future__ import annotations

import strawberry

from schema._shared import fields
from schema._shared.rows import provided

from ..service import providers
from ..types.common import ArkloopInfo
from ..types.inputs import (
    CreateLlmProviderInput,
    CreateLlmProviderModelInput,
    UpdateLlmProviderInput,
    UpdateLlmProviderModelInput,
)
from ..types.providers import LlmProvider, LlmProviderModel


@strawberry.type
class ProviderMutation:
    @fields.mutation(description="The API key is stored encrypted; answers show its prefix.")
    async def create_llm_provider(
        self, info: ArkloopInfo, input: CreateLlmProviderInput
    ) -> LlmProvider:
        ctx = info.context
        row = await providers.create_provider(
            ctx.session, ctx.domain_settings, ctx.principal, provided(input)
        )
        return LlmProvider.of(row)

    @fields.mutation(description="`api_key` replaces the stored key.")
    async def update_llm_provider(
        self, info: ArkloopInfo, provider_id: strawberry.ID, input: UpdateLlmProviderInput
    ) -> LlmProvider:
        ctx = info.context
        row = await providers.update_provider(
            ctx.session, ctx.domain_settings, ctx.principal, provider_id, provided(input)
        )
        return LlmProvider.of(row)

    @fields.mutation(description="Deletes the provider with its models.")
    async def delete_llm_provider(self, info: ArkloopInfo, provider_id: strawberry.ID) -> bool:
        await providers.delete_provider(info.context.session, info.context.principal, provider_id)
        return True

    @fields.mutation(description="A default model clears the provider's other default.")
    async def create_llm_provider_model(
        self, info: ArkloopInfo, provider_id: strawberry.ID, input: CreateLlmProviderModelInput
    ) -> LlmProviderModel:
        row = await providers.create_model(
            info.context.session, info.context.principal, provider_id, provided(input)
        )
        return LlmProviderModel.of(row)

    @fields.mutation()
    async def update_llm_provider_model(
        self,
        info: ArkloopInfo,
        provider_id: strawberry.ID,
        model_id: strawberry.ID,
        input: UpdateLlmProviderModelInput,
    ) -> LlmProviderModel:
        row = await providers.update_model(
            info.context.session, info.context.principal, provider_id, model_id, provided(input)
        )
        return LlmProviderModel.of(row)

    @fields.mutation()
    async def delete_llm_provider_model(
        self, info: ArkloopInfo, provider_id: strawberry.ID, model_id: strawberry.ID
    ) -> bool:
        await providers.delete_model(
            info.context.session, info.context.principal, provider_id, model_id
        )
        return True
