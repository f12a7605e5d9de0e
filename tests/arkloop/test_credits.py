"""Credits over both transports: a new account's grant, a run's spend from its recorded cost
(a loopback OpenAI-compatible server reports the tokens), refusal without credits before the
model server hears of the run, and one balance under concurrent spends."""

from __future__ import annotations

import asyncio
import json

from app.db import Database
from app.jobs import Worker
from schema.arkloop.repository import credits as ledger
from schema.arkloop.repository import runs
from schema.arkloop.settings import ArkloopSettings
from tests.live import Recorder

from .api import GraphQL, Rest, register
from .test_providers import add_model, create_provider
from .test_runs import thread_with_message

Api = Rest | GraphQL


async def account_of(api: Api, token: str) -> str:
    return str((await api.call("getMe", token=token)).data["account_id"])


async def priced_provider(api: Api, token: str, base_url: str) -> None:
    provider = await create_provider(api, token, f"{base_url}/v1")
    prices = {"cost_per_1k_input": 1.0, "cost_per_1k_output": 4.0}
    await add_model(api, token, provider["id"], "gpt-x", is_default=True, **prices)


async def drain(database: Database, account_id: str) -> None:
    async with database.session() as session, session.begin():
        left = await ledger.balance(session, account_id)
        await ledger.add(session, account_id, -left, "admin_adjust", note="spent out")


async def test_a_new_account_starts_with_its_grant(
    api: Api, arkloop_settings: ArkloopSettings
) -> None:
    token = await register(api)
    credits = (await api.call("getMyCredits", token=token)).data
    assert credits["balance"] == arkloop_settings.initial_credits > 0
    [grant] = credits["transactions"]
    assert (grant["amount"], grant["type"], grant["reference_type"]) == (
        arkloop_settings.initial_credits,
        "credit",
        "initial_grant",
    )
    assert grant["org_id"] == grant["account_id"] == await account_of(api, token)


async def test_a_run_spends_its_recorded_cost(
    api: Api, worker: Worker, upstream: tuple[Recorder, str], recorder: Recorder
) -> None:
    token = await register(api)
    await priced_provider(api, token, upstream[1])
    thread_id = await thread_with_message(api, token)
    counted = {"choices": [], "usage": {"prompt_tokens": 500, "completion_tokens": 100}}
    recorder.reply([json.dumps({"choices": [{"delta": {"content": "ok"}}]}), json.dumps(counted)])
    run = (await api.call("createRun", token=token, id=thread_id, input={})).data
    assert await worker.run_once() == 1
    # 0.9 USD at 100 credits a dollar
    credits = (await api.call("getMyCredits", token=token)).data
    assert credits["balance"] == 1000 - 90
    spend = credits["transactions"][0]
    assert (spend["amount"], spend["type"], spend["reference_type"]) == (-90, "debit", "run")
    assert (spend["reference_id"], spend["thread_title"]) == (run["run_id"], "T")
    bob = await register(api, "bob")
    theirs = (await api.call("getMyCredits", token=bob)).data
    assert theirs["balance"] == 1000
    assert [t["reference_type"] for t in theirs["transactions"]] == ["initial_grant"]


async def test_no_credits_refuses_the_run_before_the_model_is_called(
    api: Api,
    database: Database,
    worker: Worker,
    upstream: tuple[Recorder, str],
    recorder: Recorder,
) -> None:
    token = await register(api)
    account_id = await account_of(api, token)
    await priced_provider(api, token, upstream[1])
    thread_id = await thread_with_message(api, token)
    await drain(database, account_id)
    refused = await api.call("createRun", token=token, id=thread_id, input={})
    assert (refused.status, refused.code) == (402, "credits.insufficient")
    assert (await api.call("listRuns", token=token)).data == []
    assert recorder.requests == []


async def test_credits_spent_after_the_run_was_accepted_fail_it_unasked(
    api: Api,
    database: Database,
    worker: Worker,
    upstream: tuple[Recorder, str],
    recorder: Recorder,
) -> None:
    token = await register(api)
    await priced_provider(api, token, upstream[1])
    thread_id = await thread_with_message(api, token)
    run = (await api.call("createRun", token=token, id=thread_id, input={})).data
    await drain(database, await account_of(api, token))
    assert await worker.run_once() == 1
    assert recorder.requests == []
    assert (await api.call("getRun", token=token, id=run["run_id"])).data["status"] == "failed"
    async with database.session() as session:
        events = await runs.events_after(session, run["run_id"], 0, 10)
    assert events[-1].data["error_class"] == "credits.insufficient"


async def test_concurrent_spends_all_count(api: Api, database: Database) -> None:
    account_id = await account_of(api, await register(api))

    async def spend() -> None:
        async with database.session() as session, session.begin():
            await ledger.add(session, account_id, -7, "run")

    await asyncio.gather(*(spend() for _ in range(20)))
    async with database.session() as session:
        assert await ledger.balance(session, account_id) == 1000 - 140
