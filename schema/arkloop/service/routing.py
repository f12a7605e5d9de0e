"""Which model a run talks to. A run's `model` is a selector: `provider_name^model_name` names
one of the account's configured models, a bare model name the first configured model of that
name, and none the account's default model (a provider's `is_default` model, else the highest
priority). A run of an account without providers goes to the server's own AI provider. Every
configured provider is called through its OpenAI-compatible API (`app.ai`), with its key."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from app.ai import Provider, Usage, provider_for
from app.sealing import Unsealable
from app.settings import Settings
from schema._shared.repository import Row

from .. import errors
from ..repository.providers import models, providers
from ..settings import ArkloopSettings
from .auth import Principal
from .providers import get_provider, sealer

log = logging.getLogger("facet.arkloop")
SEPARATOR = "^"
DEFAULT_BASE_URLS = {
    "openai": "https://api.openai.com/v1",
    "anthropic": "https://api.anthropic.com/v1",
}


@dataclass(frozen=True)
class Chosen:
    provider: Row
    model: Row

    @property
    def selector(self) -> str:
        return f"{self.provider.name}{SEPARATOR}{self.model.model}"


@dataclass(frozen=True)
class AvailableModel:
    id: str
    name: str
    configured: bool


async def choose(session: AsyncSession, account_id: str, selector: str | None) -> Chosen | None:
    """The configured model the selector names, or None (the server's provider answers)."""
    if selector is not None and SEPARATOR in selector:
        provider_name, model_name = selector.split(SEPARATOR, 1)
        provider = await providers.by_name(session, account_id, provider_name)
        model = await models.named(session, provider.id, model_name) if provider else None
        return Chosen(provider, model) if provider and model else None
    ranked = await models.ranked(session, account_id)
    if selector is not None:
        ranked = [row for row in ranked if row.model == selector]
    if not ranked:
        return None
    provider = await providers.get(session, ranked[0].provider_id)
    assert provider is not None
    return Chosen(provider, ranked[0])


async def choose_for_new_run(
    session: AsyncSession, account_id: str, selector: str | None
) -> Chosen | None:
    """As `route`, refusing a `provider^model` selector that names no configured model."""
    chosen = await choose(session, account_id, selector)
    if chosen is None and selector is not None and SEPARATOR in selector:
        raise errors.invalid(
            f"No configured model {selector!r}", reason="unknown_model", field="model"
        )
    return chosen


def cost(chosen: Chosen, usage: Usage) -> float | None:
    """What the call cost by the model's price table (per 1k tokens, times its multiplier);
    None when the model has no prices."""
    model = chosen.model
    if model.cost_per_1k_input is None and model.cost_per_1k_output is None:
        return None
    spent = usage.input_tokens * (model.cost_per_1k_input or 0.0)
    spent += usage.output_tokens * (model.cost_per_1k_output or 0.0)
    return round(float(spent) / 1000 * float(model.multiplier), 10)


def base_url(provider: Row) -> str:
    return str(provider.base_url or DEFAULT_BASE_URLS[provider.provider]).rstrip("/")


def api_key(settings: ArkloopSettings, provider: Row) -> str | None:
    try:
        return sealer(settings).open(provider.api_key_sealed)
    except Unsealable:  # sealed under another encryption key
        log.warning("LLM provider %s: its API key cannot be opened", provider.id)
        return None


def model_provider(settings: Settings, domain: ArkloopSettings, chosen: Chosen) -> Provider:
    """The AI provider that calls the chosen model with its provider's endpoint and key."""
    configured = settings.model_copy(
        update={
            "ai_provider": "openai",
            "ai_base_url": base_url(chosen.provider),
            "ai_api_key": api_key(domain, chosen.provider),
            "ai_model": chosen.model.model,
        }
    )
    return provider_for(configured)


async def available_models(
    session: AsyncSession, settings: ArkloopSettings, who: Principal, provider_id: str
) -> list[AvailableModel]:
    """The models the provider lists (its `/models`), marked when configured; when it cannot
    be reached, the configured ones."""
    provider = await get_provider(session, who, provider_id)
    configured = [row.model for row in await models.of_providers(session, [provider.id])]
    listed = await _listed(settings, provider)
    names = listed if listed is not None else configured
    return [AvailableModel(name, name, name in configured) for name in names]


async def _listed(settings: ArkloopSettings, provider: Row) -> list[str] | None:
    key = api_key(settings, provider) or ""
    if provider.provider == "anthropic":
        headers = {"x-api-key": key, "anthropic-version": "2023-06-01"}
    else:
        headers = {"Authorization": f"Bearer {key}"}
    timeout = settings.provider_models_timeout_seconds
    try:
        async with httpx.AsyncClient(timeout=timeout) as client:
            response = await client.get(f"{base_url(provider)}/models", headers=headers)
        response.raise_for_status()
        return [str(item["id"]) for item in response.json()["data"]]
    except (httpx.HTTPError, ValueError, KeyError, TypeError) as error:
        log.info("LLM provider %s: model list unavailable: %r", provider.id, error)
        return None
