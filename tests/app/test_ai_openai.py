"""The OpenAI-compatible provider against a real local server: the exact requests it sends and
how it maps the answers, timeouts, and retries on 429 and 5xx."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator

import pytest

from app.ai import Message, ProviderFailed, Task, Usage
from app.ai.openai import OpenAIProvider
from app.settings import Settings

from ..live import Recorder, completion, serving


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[Recorder, str]]:
    recorder = Recorder()
    with serving(recorder.app) as url:
        yield recorder, url


@pytest.fixture
def recorder(server: tuple[Recorder, str]) -> Recorder:
    server[0].requests.clear()
    server[0].replies.clear()
    return server[0]


@pytest.fixture
async def provider(server: tuple[Recorder, str]) -> AsyncIterator[OpenAIProvider]:
    settings = Settings(
        ai_provider="openai",
        ai_base_url=f"{server[1]}/v1",
        ai_api_key="sk-test",
        ai_model="test-model",
        ai_backoff_seconds=0.01,
    )
    provider = OpenAIProvider(settings)
    yield provider
    await provider.aclose()  # its pooled connections, which would otherwise warn when collected


async def test_chat_sends_text_and_images_as_parts(recorder: Recorder, provider: OpenAIProvider):
    recorder.reply(completion("Hello!"))
    messages = [
        Message("system", "be brief"),
        Message("user", "what is this?", ("https://x/img.png", "aGVsbG8=")),
    ]
    assert await provider.complete(messages) == "Hello!"
    sent = recorder.requests[0]
    assert sent["path"] == "/v1/chat/completions"
    assert sent["headers"]["authorization"] == "Bearer sk-test"
    assert sent["json"] == {
        "model": "test-model",
        "messages": [
            {"role": "system", "content": "be brief"},
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "what is this?"},
                    {"type": "image_url", "image_url": {"url": "https://x/img.png"}},
                    {"type": "image_url", "image_url": {"url": "data:image/jpeg;base64,aGVsbG8="}},
                ],
            },
        ],
    }


async def test_streaming_yields_the_deltas(recorder: Recorder, provider: OpenAIProvider):
    chunks = [json.dumps({"choices": [{"delta": {"content": piece}}]}) for piece in ("Hel", "lo")]
    recorder.reply([*chunks, "[DONE]"])
    pieces = [piece async for piece in provider.stream([Message("user", "hi")])]
    assert pieces == ["Hel", "lo"]
    assert recorder.requests[0]["json"]["stream"] is True


async def test_streaming_reports_usage_when_asked(recorder: Recorder, provider: OpenAIProvider):
    delta = json.dumps({"choices": [{"delta": {"content": "ok"}}]})
    counted = json.dumps({"choices": [], "usage": {"prompt_tokens": 7, "completion_tokens": 2}})
    recorder.reply([delta, counted, "[DONE]"])
    usage = Usage()
    pieces = [piece async for piece in provider.stream([Message("user", "hi")], usage=usage)]
    assert pieces == ["ok"] and (usage.input_tokens, usage.output_tokens) == (7, 2)
    assert recorder.requests[0]["json"]["stream_options"] == {"include_usage": True}
    recorder.reply([delta, "[DONE]"])
    assert [piece async for piece in provider.stream([Message("user", "hi")])] == ["ok"]
    assert "stream_options" not in recorder.requests[1]["json"]


async def test_structured_output_sends_the_schema_and_validates(
    recorder: Recorder, provider: OpenAIProvider
):
    schema = {
        "type": "object",
        "properties": {"decision": {"enum": ["A", "B"]}},
        "required": ["decision"],
    }
    recorder.reply(completion('{"decision": "B"}'))
    task = Task("decision", [Message("user", "pick")], schema)
    assert await provider.structured(task) == {"decision": "B"}
    assert recorder.requests[0]["json"]["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "decision", "schema": schema},
    }
    recorder.reply(completion('{"decision": "C"}'))
    with pytest.raises(ProviderFailed):
        await provider.structured(task)


async def test_embeddings_in_input_order(recorder: Recorder, provider: OpenAIProvider):
    recorder.reply({"data": [{"index": 1, "embedding": [0, 1]}, {"index": 0, "embedding": [1, 0]}]})
    assert await provider.embed(["a", "b"]) == [[1.0, 0.0], [0.0, 1.0]]
    assert recorder.requests[0]["path"] == "/v1/embeddings"
    assert recorder.requests[0]["json"] == {"model": "text-embedding-3-small", "input": ["a", "b"]}


async def test_retries_429_and_5xx_then_succeeds(recorder: Recorder, provider: OpenAIProvider):
    recorder.reply({"error": "slow down"}, 429, {"Retry-After": "0"})
    recorder.reply({"error": "oops"}, 503)
    recorder.reply(completion("fine"))
    assert await provider.complete([Message("user", "hi")]) == "fine"
    assert len(recorder.requests) == 3


async def test_gives_up_without_leaking(recorder: Recorder, provider: OpenAIProvider):
    for _ in range(4):
        recorder.reply({"error": "secret internals"}, 500)
    with pytest.raises(ProviderFailed) as raised:
        await provider.complete([Message("user", "hi")])
    assert "secret" not in raised.value.message and len(recorder.requests) == 4
    recorder.reply({"error": "bad request"}, 400)
    with pytest.raises(ProviderFailed):
        await provider.complete([Message("user", "hi")])
    assert len(recorder.requests) == 5


def test_timeouts_default_and_long() -> None:
    settings = Settings()
    assert (settings.ai_timeout_seconds, settings.ai_long_timeout_seconds) == (120.0, 300.0)
