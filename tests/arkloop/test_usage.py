"""Usage by month, day and model, of the caller's account and of another it belongs to, from
runs answered by a loopback OpenAI-compatible server that reports its tokens."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from app.jobs import Worker
from tests.live import Recorder

from .api import GraphQL, Rest, register
from .test_providers import add_model, create_provider
from .test_runs import thread_with_message

Api = Rest | GraphQL


async def test_usage_by_day_and_model(
    api: Api,
    worker: Worker,
    upstream: tuple[Recorder, str],
    recorder: Recorder,
) -> None:
    token = await register(api)
    provider = await create_provider(api, token, f"{upstream[1]}/v1")
    prices = {"cost_per_1k_input": 1.0, "cost_per_1k_output": 4.0}
    await add_model(api, token, provider["id"], "gpt-x", is_default=True, **prices)
    thread_id = await thread_with_message(api, token)
    counted = {"choices": [], "usage": {"prompt_tokens": 500, "completion_tokens": 100}}
    delta = {"choices": [{"delta": {"content": "ok"}}]}
    recorder.reply([json.dumps(delta), json.dumps(counted), "[DONE]"])
    run = (await api.call("createRun", token=token, id=thread_id, input={})).data
    assert await worker.run_once() == 1
    today = datetime.now(UTC).date().isoformat()
    row = {"input_tokens": 500, "output_tokens": 100, "cost_usd": pytest.approx(0.9)}
    daily = (await api.call("getMyUsageDaily", token=token, start=today, end=today)).data
    assert daily == [{"date": today, **row, "record_count": 1}]
    by_model = (await api.call("getMyUsageByModel", token=token)).data
    assert by_model == [{"model": "main^gpt-x", **row, "record_count": 1}]
    account_id = (await api.call("getRun", token=token, id=run["run_id"])).data["account_id"]
    month = (await api.call("getAccountUsage", token=token, account_id=account_id)).data
    assert (month["total_output_tokens"], month["record_count"]) == (100, 1)
    same = await api.call(
        "getAccountUsageDaily", token=token, account_id=account_id, start=today, end=today
    )
    assert same.data == daily
    bob = await register(api, "bob")
    for operation, more in [
        ("getAccountUsage", {}),
        ("getAccountUsageByModel", {}),
        ("getAccountUsageDaily", {"start": today, "end": today}),
    ]:
        outcome = await api.call(operation, token=bob, account_id=account_id, **more)
        assert (outcome.status, outcome.code) == (404, "accounts.not_found"), operation
    assert (await api.call("getMyUsageByModel", token=bob)).data == []


async def test_bad_ranges_are_refused(api: Api) -> None:
    token = await register(api)
    for start, end in [
        ("2024-13-01", "2024-12-31"),
        ("2024-02-02", "2024-02-01"),
        ("2024-01-01", "2026-01-01"),
        ("yesterday!", "2024-01-01"),
    ]:
        outcome = await api.call("getMyUsageDaily", token=token, start=start, end=end)
        assert (outcome.status, outcome.code) == (422, "validation.error"), (start, end)
    month = await api.call("getMyUsageByModel", token=token, month=13)
    assert month.status == 422
