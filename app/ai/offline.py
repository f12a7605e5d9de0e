"""The default provider: no network, no model. It answers what can be worked out without one
(a task's deterministic answer, lexical embeddings) and names the missing capability for the
rest, never inventing output."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

from . import lexical
from .types import CapabilityMissing, Message, Task, Usage, has_images
from .validation import validated

READING_IMAGES = "reading images"


class OfflineProvider:
    name = "offline"

    async def complete(self, messages: Sequence[Message], *, long: bool = False) -> str:
        raise self._missing(messages, "text generation")

    async def stream(
        self, messages: Sequence[Message], *, long: bool = False, usage: Usage | None = None
    ) -> AsyncIterator[str]:
        raise self._missing(messages, "text generation")
        yield ""  # pragma: no cover  (makes this an async generator)

    async def structured(self, task: Task) -> dict[str, Any]:
        if task.offline is None:
            raise self._missing(task.messages, task.needs)
        return validated(task.offline(), task.schema, task.name)

    async def embed(self, texts: Sequence[str]) -> list[list[float]]:
        return [lexical.embed(text) for text in texts]

    def _missing(self, messages: Sequence[Message], capability: str) -> CapabilityMissing:
        return CapabilityMissing(READING_IMAGES if has_images(messages) else capability)
