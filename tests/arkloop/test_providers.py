"""LLM providers and their models on both transports: keys sealed at rest and shown by prefix,
models under their provider, the provider's upstream model list from a real OpenAI-compatible
server on loopback, and runs whose `model` selector calls that provider with that model."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import text

from app.db import Database
from app.jobs import Worker

from ..live import Recorder
from .api import GraphQL, Rest, register
from .test_runs import thread_with_message

Api = Rest | GraphQL
KEY = "sk-test-0123456789abcdef"


async def create_provider(
    api: Api, token: str, base_url: str | None = None, **more: str
) -> dict[str, Any]:
    body = {"name": "main", "provider": "openai", "api_key": KEY, "base_url": base_url, **more}
    outcome = await api.call("createLlmProvider", token=token, input=body)
    assert outcome.status == 201, outcome
    return dict(outcome.data)


async def add_model(
    api: Api, token: str, provider_id: str, model: str, **more: object
) -> dict[str, Any]:
    body = {"model": model, **more}
    outcome = await api.call(
        "createLlmProviderModel", token=token, provider_id=provider_id, input=body
    )
    assert outcome.status == 201, outcome
    return dict(outcome.data)


async def test_provider_key_is_sealed_and_shown_by_prefix(api: Api, database: Database) -> None:
    token = await register(api)
    provider = await create_provider(api, token, "http://127.0.0.1:9/v1")
    assert provider["key_prefix"] == KEY[:8] and "api_key" not in provider
    assert provider["models"] == [] and provider["org_id"]
    async with database.session() as session:
        stored = (await session.execute(text("SELECT * FROM arkloop_llm_providers"))).one()
    assert KEY not in json.dumps([str(value) for value in stored])
    listed = (await api.call("listLlmProviders", token=token, scope="user")).data
    assert [p["id"] for p in listed] == [provider["id"]]
    changed = await api.call(
        "updateLlmProvider",
        token=token,
        provider_id=provider["id"],
        input={"api_key": "sk-other-key", "base_url": None},
    )
    assert changed.data["key_prefix"] == "sk-other" and changed.data["base_url"] is None
    assert changed.data["name"] == "main"


async def test_models_under_their_provider(api: Api) -> None:
    token = await register(api)
    provider = await create_provider(api, token)
    first = await add_model(api, token, provider["id"], "gpt-a", is_default=True, priority=1)
    assert (first["multiplier"], first["tags"], first["when"]) == (1.0, [], {})
    second = await add_model(
        api, token, provider["id"], "gpt-b", is_default=True, cost_per_1k_input=0.5, priority=2
    )
    listed = (await api.call("listLlmProviders", token=token)).data[0]["models"]
    assert [(m["model"], m["is_default"]) for m in listed] == [("gpt-b", True), ("gpt-a", False)]
    assert listed[0]["cost_per_1k_input"] == 0.5
    again = await api.call(
        "createLlmProviderModel", token=token, provider_id=provider["id"], input={"model": "gpt-a"}
    )
    assert (again.status, again.code) == (409, "llm_provider_models.model_exists")
    changed = await api.call(
        "updateLlmProviderModel",
        token=token,
        provider_id=provider["id"],
        model_id=first["id"],
        input={"tags": ["fast"], "cost_per_1k_output": None},
    )
    assert changed.data["tags"] == ["fast"] and changed.data["model"] == "gpt-a"
    gone = await api.call(
        "deleteLlmProviderModel", token=token, provider_id=provider["id"], model_id=second["id"]
    )
    assert gone.status == 204
    deleted = await api.call("deleteLlmProvider", token=token, provider_id=provider["id"])
    assert deleted.status == 204
    assert (await api.call("listLlmProviders", token=token)).data == []


async def test_bad_input_is_refused(api: Api) -> None:
    token = await register(api)
    provider = await create_provider(api, token)
    refusals = [
        {"name": "a^b", "provider": "openai", "api_key": KEY},
        {"name": "x", "provider": "mistral", "api_key": KEY},
        {"name": "x", "provider": "openai", "api_key": ""},
        {"name": "x", "provider": "openai", "api_key": KEY, "base_url": "ftp://host/v1"},
        {"name": "x", "provider": "openai", "api_key": KEY, "openai_api_mode": "other"},
    ]
    for body in refusals:
        outcome = await api.call("createLlmProvider", token=token, input=body)
        assert (outcome.status, outcome.code) == (422, "validation.error"), body
    taken = await api.call(
        "createLlmProvider",
        token=token,
        input={"name": "main", "provider": "openai", "api_key": KEY},
    )
    assert (taken.status, taken.code) == (409, "llm_providers.name_exists")
    negative = await api.call(
        "createLlmProviderModel",
        token=token,
        provider_id=provider["id"],
        input={"model": "m", "multiplier": -1},
    )
    assert negative.status == 422
    scope = await api.call("listLlmProviders", token=token, scope="everyone")
    assert scope.status == 422
    platform = await api.call("listLlmProviders", token=token, scope="platform")
    assert (platform.status, platform.code) == (403, "policy.denied")


async def test_another_accounts_provider_does_not_exist(api: Api) -> None:
    alice = await register(api, "alice")
    provider = await create_provider(api, alice)
    model = await add_model(api, alice, provider["id"], "gpt-a")
    bob = await register(api, "bob")
    assert (await api.call("listLlmProviders", token=bob)).data == []
    attempts = [
        ("updateLlmProvider", {"provider_id": provider["id"], "input": {"name": "mine"}}),
        ("deleteLlmProvider", {"provider_id": provider["id"]}),
        ("createLlmProviderModel", {"provider_id": provider["id"], "input": {"model": "x"}}),
        ("listLlmProviderAvailableModels", {"provider_id": provider["id"]}),
    ]
    for operation, variables in attempts:
        outcome = await api.call(operation, token=bob, variables=variables)
        assert (outcome.status, outcome.code) == (404, "llm_providers.not_found"), operation
    own = await create_provider(api, bob)
    crossed = await api.call(
        "deleteLlmProviderModel", token=bob, provider_id=own["id"], model_id=model["id"]
    )
    assert (crossed.status, crossed.code) == (404, "llm_provider_models.not_found")
    assert len((await api.call("listLlmProviders", token=alice)).data[0]["models"]) == 1


async def test_available_models_asks_the_provider(
    api: Api, upstream: tuple[Recorder, str], recorder: Recorder
) -> None:
    token = await register(api)
    provider = await create_provider(api, token, f"{upstream[1]}/v1")
    await add_model(api, token, provider["id"], "gpt-b")
    recorder.reply({"object": "list", "data": [{"id": "gpt-a"}, {"id": "gpt-b"}]})
    found = await api.call(
        "listLlmProviderAvailableModels", token=token, provider_id=provider["id"]
    )
    assert found.data == {
        "models": [
            {"id": "gpt-a", "name": "gpt-a", "configured": False},
            {"id": "gpt-b", "name": "gpt-b", "configured": True},
        ]
    }
    sent = recorder.requests[0]
    assert sent["path"] == "/v1/models" and sent["headers"]["authorization"] == f"Bearer {KEY}"
    offline = await create_provider(api, token, "http://127.0.0.1:9/v1", name="gone")
    await add_model(api, token, offline["id"], "local")
    found = await api.call("listLlmProviderAvailableModels", token=token, provider_id=offline["id"])
    assert found.data == {"models": [{"id": "local", "name": "local", "configured": True}]}


async def test_a_run_calls_the_selected_provider_and_model(
    api: Api, worker: Worker, upstream: tuple[Recorder, str], recorder: Recorder
) -> None:
    token = await register(api)
    provider = await create_provider(api, token, f"{upstream[1]}/v1")
    await add_model(api, token, provider["id"], "gpt-default", is_default=True)
    prices = {"cost_per_1k_input": 0.5, "cost_per_1k_output": 2.0, "multiplier": 2.0}
    await add_model(api, token, provider["id"], "gpt-chosen", **prices)
    thread_id = await thread_with_message(api, token)
    unknown = await api.call("createRun", token=token, id=thread_id, input={"model": "main^nope"})
    assert (unknown.status, unknown.code) == (422, "validation.error")
    chunks = [json.dumps({"choices": [{"delta": {"content": p}}]}) for p in ("Hi ", "there")]
    usage = json.dumps({"choices": [], "usage": {"prompt_tokens": 1000, "completion_tokens": 250}})
    recorder.reply([*chunks, usage, "[DONE]"])
    run = await api.call("createRun", token=token, id=thread_id, input={"model": "main^gpt-chosen"})
    assert run.status == 201, run
    assert await worker.run_once() == 1
    sent = recorder.requests[0]
    assert sent["path"] == "/v1/chat/completions"
    assert sent["headers"]["authorization"] == f"Bearer {KEY}"
    assert sent["json"]["model"] == "gpt-chosen" and sent["json"]["stream"] is True
    assert sent["json"]["stream_options"] == {"include_usage": True}
    messages = (await api.call("listMessages", token=token, id=thread_id)).data
    assert messages[-1]["content"] == "Hi there"
    runs = (await api.call("listRuns", token=token)).data
    assert [(r["status"], r["model"]) for r in runs] == [("completed", "main^gpt-chosen")]
    spent = (runs[0]["total_input_tokens"], runs[0]["total_output_tokens"])
    # (1000 * 0.5 + 250 * 2.0) / 1000 * 2.0
    assert spent == (1000, 250) and runs[0]["total_cost_usd"] == pytest.approx(2.0)
    month = (await api.call("getMyUsage", token=token)).data
    assert (month["total_input_tokens"], month["total_cost_usd"]) == (1000, pytest.approx(2.0))
    recorder.reply([json.dumps({"choices": [{"delta": {"content": "ok"}}]}), "[DONE]"])
    default = await api.call("createRun", token=token, id=thread_id, input={})
    assert await worker.run_once() == 1
    assert recorder.requests[1]["json"]["model"] == "gpt-default"
    runs = (await api.call("listRuns", token=token)).data
    assert runs[0]["run_id"] == default.data["run_id"] and runs[0]["model"] == "main^gpt-default"
