"""Any OpenAI-compatible endpoint: chat completions (streamed or not, images as `image_url`
parts), structured output through `response_format` with a JSON Schema, and embeddings. Calls
time out (longer for long tasks) and are retried with backoff on 429 and 5xx."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Sequence
from typing import Any

import httpx
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception_type, stop_after_attempt

from app.settings import Settings

from .types import Message, ProviderFailed, Task, Usage
from .validation import validated

log = logging.getLogger("facet.ai")
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 60.0


class Retryable(Exception):
    def __init__(self, status: int, retry_after: float | None) -> None:
        super().__init__(f"HTTP {status}")
        self.retry_after = retry_after


def image_url(image: str) -> str:
    """URLs and data URLs pass through; bare base64 becomes a data URL."""
    if image.startswith(("http://", "https://", "data:")):
        return image
    return f"data:image/jpeg;base64,{image}"


def wire_message(message: Message) -> dict[str, Any]:
    if not message.images:
        return {"role": message.role, "content": message.text}
    parts: list[dict[str, Any]] = [{"type": "text", "text": message.text}]
    parts += [{"type": "image_url", "image_url": {"url": image_url(i)}} for i in message.images]
    return {"role": message.role, "content": parts}


def _retry_after(response: httpx.Response) -> float | None:
    try:
        return min(float(response.headers["retry-after"]), MAX_RETRY_AFTER)
    except (KeyError, ValueError):
        return None


class OpenAIProvider:
    name = "openai"

    def __init__(self, settings: Settings, transport: httpx.AsyncBaseTransport | None = None):
        self.settings = settings
        headers = {"Authorization": f"Bearer {settings.ai_api_key}"} if settings.ai_api_key else {}
        self.client = httpx.AsyncClient(
            base_url=settings.ai_base_url.rstrip("/") + "/", headers=headers, transport=transport
        )

    async def aclose(self) -> None:
        await self.client.aclose()

    async def complete(self, messages: Sequence[Message], *, long: bool = False) -> str:
        answer = await self._post("chat/completions", self._chat(messages), long)
        return self._content(answer)

    async def stream(
        self, messages: Sequence[Message], *, long: bool = False, usage: Usage | None = None
    ) -> AsyncIterator[str]:
        body = {**self._chat(messages), "stream": True}
        if usage is not None:
            body["stream_options"] = {"include_usage": True}
        response = await self._send("chat/completions", body, long, stream=True)
        try:
            async for line in response.aiter_lines():
                chunk = _stream_chunk(line)
                if usage is not None:
                    _count(chunk, usage)
                piece = _delta(chunk)
                if piece:
                    yield piece
        except httpx.HTTPError as error:  # the connection broke mid-answer
            log.warning("AI stream interrupted: %r", error)
            raise ProviderFailed("The AI provider's stream broke off") from None
        finally:
            await response.aclose()

    async def structured(self, task: Task) -> dict[str, Any]:
        body = {
            **self._chat(task.messages),
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": task.name, "schema": task.schema},
            },
        }
        content = self._content(await self._post("chat/completions", body, task.long))
        try:
            value = json.loads(content)
        except json.JSONDecodeError:
            log.warning("%s: answer is not JSON: %.200s", task.name, content)
            raise ProviderFailed(f"The AI answer for {task.name} was not JSON") from None
        return validated(value, task.schema, task.name)

    async def embed(self, texts: Sequence[str]) -> list[list[float]]:
        body = {"model": self.settings.ai_embedding_model, "input": list(texts)}
        answer = await self._post("embeddings", body, long=False)
        try:
            rows = sorted(answer["data"], key=lambda row: row["index"])
            return [[float(x) for x in row["embedding"]] for row in rows]
        except (KeyError, TypeError, ValueError):
            raise ProviderFailed("The AI provider answered embeddings malformed") from None

    def _chat(self, messages: Sequence[Message]) -> dict[str, Any]:
        return {"model": self.settings.ai_model, "messages": list(map(wire_message, messages))}

    @staticmethod
    def _content(answer: dict[str, Any]) -> str:
        try:
            content = answer["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            raise ProviderFailed("The AI provider answered without a message") from None
        if not isinstance(content, str):
            raise ProviderFailed("The AI provider answered without text")
        return content

    async def _post(self, path: str, body: dict[str, Any], long: bool) -> dict[str, Any]:
        response = await self._send(path, body, long, stream=False)
        try:
            answer = response.json()
        except ValueError:
            raise ProviderFailed("The AI provider answered something other than JSON") from None
        if not isinstance(answer, dict):
            raise ProviderFailed("The AI provider answered something other than an object")
        return answer

    async def _send(
        self, path: str, body: dict[str, Any], long: bool, *, stream: bool
    ) -> httpx.Response:
        timeout = (
            self.settings.ai_long_timeout_seconds if long else self.settings.ai_timeout_seconds
        )
        retrying = AsyncRetrying(
            retry=retry_if_exception_type(Retryable),
            wait=self._wait,
            stop=stop_after_attempt(self.settings.ai_max_attempts),
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    return await self._attempt(path, body, timeout, stream)
        except Retryable as error:
            log.warning("AI provider %s failed after retries: %s", path, error)
        except httpx.HTTPError as error:
            log.warning("AI provider %s unreachable: %r", path, error)
        raise ProviderFailed("The AI provider is unavailable")

    async def _attempt(
        self, path: str, body: dict[str, Any], seconds: float, stream: bool
    ) -> httpx.Response:
        request = self.client.build_request("POST", path, json=body, timeout=seconds)
        response = await self.client.send(request, stream=stream)
        if response.status_code in RETRY_STATUSES:
            await response.aclose()
            raise Retryable(response.status_code, _retry_after(response))
        if response.is_error:
            text = (await response.aread()).decode(errors="replace")
            await response.aclose()
            log.warning("AI provider %s answered %s: %.500s", path, response.status_code, text)
            raise ProviderFailed(f"The AI provider refused the request ({response.status_code})")
        return response

    def _wait(self, state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, Retryable) and error.retry_after is not None:
            return error.retry_after
        return float(self.settings.ai_backoff_seconds * 2 ** (state.attempt_number - 1))


def _stream_chunk(line: str) -> dict[str, Any]:
    """One server-sent-events line's JSON chunk ({} when it carries none)."""
    if not line.startswith("data:"):
        return {}
    data = line[5:].strip()
    if not data or data == "[DONE]":
        return {}
    try:
        chunk = json.loads(data)
    except ValueError:
        return {}
    return chunk if isinstance(chunk, dict) else {}


def _delta(chunk: dict[str, Any]) -> str | None:
    """The chunk's text delta, if it carries one."""
    try:
        content = chunk["choices"][0].get("delta", {}).get("content")
    except (KeyError, IndexError, TypeError, AttributeError):
        return None
    return content if isinstance(content, str) else None


def _count(chunk: dict[str, Any], usage: Usage) -> None:
    """The usage an OpenAI-compatible stream reports in its last chunk."""
    reported = chunk.get("usage")
    if not isinstance(reported, dict):
        return
    for name, field in (("prompt_tokens", "input_tokens"), ("completion_tokens", "output_tokens")):
        value = reported.get(name)
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            setattr(usage, field, value)
