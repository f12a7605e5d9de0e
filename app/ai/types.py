"""What every AI provider takes and returns, and the errors they raise."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from app.errors import NotSupported, UpstreamFailed

JsonSchema = dict[str, Any]
Role = Literal["system", "user", "assistant"]


@dataclass(frozen=True)
class Message:
    """One chat message: text, plus images as URLs, data URLs or bare base64."""

    role: Role
    text: str
    images: tuple[str, ...] = ()


@dataclass(frozen=True)
class Task:
    """A structured-output request: messages in, an object valid against `schema` out.
    `offline` answers without a model when the task allows it (it may itself raise
    `CapabilityMissing`); `needs` names what a model would bring when it cannot."""

    name: str
    messages: Sequence[Message]
    schema: JsonSchema
    long: bool = False
    offline: Callable[[], dict[str, Any]] | None = field(default=None, compare=False)
    needs: str = "text generation"


@dataclass
class Usage:
    """Tokens a call spent, as the provider reported them (zero when it reports none)."""

    input_tokens: int = 0
    output_tokens: int = 0


class Provider(Protocol):
    name: str

    async def complete(self, messages: Sequence[Message], *, long: bool = False) -> str: ...

    def stream(
        self, messages: Sequence[Message], *, long: bool = False, usage: Usage | None = None
    ) -> AsyncIterator[str]:
        """The answer's text in pieces, as the model produces them; `usage`, when given, is
        filled with what the provider reports the call spent."""
        ...

    async def structured(self, task: Task) -> dict[str, Any]: ...

    async def embed(self, texts: Sequence[str]) -> list[list[float]]: ...


class CapabilityMissing(NotSupported):
    def __init__(self, capability: str, provider: str = "offline") -> None:
        super().__init__(
            f"{capability} is not supported by the {provider} provider "
            "(set FACET_AI_PROVIDER=openai and FACET_AI_BASE_URL to use a model)",
            details={"capability": capability, "provider": provider},
        )
        self.capability = capability


class ProviderFailed(UpstreamFailed):
    """The model endpoint failed or answered something unusable (details are logged only)."""


def has_images(messages: Sequence[Message]) -> bool:
    return any(message.images for message in messages)
