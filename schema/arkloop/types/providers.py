"""LLM providers with their models, and a provider's upstream model list. A provider shows its
key's first characters (`key_prefix`), never the key."""

from __future__ import annotations

from datetime import datetime

import strawberry

from schema._shared.repository import Row
from schema._shared.scalars import JSONObject

from ..loaders import ModelsByProviderId
from ..service.routing import AvailableModel as AvailableModelValue
from .common import ID, ArkloopInfo


@strawberry.type
class LlmProviderModel:
    id: ID
    provider_id: ID
    model: str
    priority: int
    is_default: bool
    tags: list[str]
    when: JSONObject
    advanced_json: JSONObject
    multiplier: float
    cost_per_1k_input: float | None
    cost_per_1k_output: float | None
    cost_per_1k_cache_write: float | None
    cost_per_1k_cache_read: float | None

    @classmethod
    def of(cls, row: Row) -> LlmProviderModel:
        return cls(
            id=row.id,
            provider_id=row.provider_id,
            model=row.model,
            priority=row.priority,
            is_default=row.is_default,
            tags=row.tags,
            when=row.when,
            advanced_json=row.advanced_json,
            multiplier=row.multiplier,
            cost_per_1k_input=row.cost_per_1k_input,
            cost_per_1k_output=row.cost_per_1k_output,
            cost_per_1k_cache_write=row.cost_per_1k_cache_write,
            cost_per_1k_cache_read=row.cost_per_1k_cache_read,
        )


@strawberry.type
class LlmProvider:
    id: ID
    account_id: ID
    org_id: ID
    provider: str
    name: str
    key_prefix: str
    base_url: str | None
    openai_api_mode: str | None
    advanced_json: JSONObject | None
    created_at: datetime

    @strawberry.field(
        description="The models configured under the provider, highest priority first."
    )
    async def models(self, info: ArkloopInfo) -> list[LlmProviderModel]:
        rows = await info.context.loaders[ModelsByProviderId].load(self.id)
        return [LlmProviderModel.of(row) for row in rows]

    @classmethod
    def of(cls, row: Row) -> LlmProvider:
        return cls(
            id=row.id,
            account_id=row.account_id,
            org_id=row.account_id,
            provider=row.provider,
            name=row.name,
            key_prefix=row.key_prefix,
            base_url=row.base_url,
            openai_api_mode=row.openai_api_mode,
            advanced_json=row.advanced_json,
            created_at=row.created_at,
        )


@strawberry.type
class AvailableModel:
    id: str
    name: str
    configured: bool

    @classmethod
    def of(cls, value: AvailableModelValue) -> AvailableModel:
        return cls(id=value.id, name=value.name, configured=value.configured)


@strawberry.type
class AvailableModels:
    models: list[AvailableModel]
