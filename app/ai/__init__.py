"""The AI provider layer every AI-backed domain uses: chat (text and images, streamed or not),
structured output validated against a JSON Schema, and embeddings. `FACET_AI_PROVIDER` picks
the provider: `offline` (default, no network) or `openai` (any OpenAI-compatible endpoint)."""

from __future__ import annotations

from app.settings import Settings

from .offline import OfflineProvider
from .openai import OpenAIProvider
from .types import CapabilityMissing, Message, Provider, ProviderFailed, Task, Usage

__all__ = [
    "CapabilityMissing",
    "Message",
    "Provider",
    "ProviderFailed",
    "Task",
    "Usage",
    "close_providers",
    "provider_for",
]

_shared: dict[str, Provider] = {}


def provider_for(settings: Settings) -> Provider:
    """The process's provider for these settings, created once (it keeps a connection pool)."""
    key = settings.model_dump_json(include={n for n in Settings.model_fields if n[:3] == "ai_"})
    if key not in _shared:
        _shared[key] = (
            OpenAIProvider(settings) if settings.ai_provider == "openai" else OfflineProvider()
        )
    return _shared[key]


async def close_providers() -> None:
    """Release the providers' connection pools (at shutdown: they belong to its event loop)."""
    providers = list(_shared.values())
    _shared.clear()
    for provider in providers:
        if isinstance(provider, OpenAIProvider):
            await provider.aclose()
