"""Notifications over both transports: the one Arkloop writes when a run spends an account's
last credits, listed with filters, marked read one and all, and another user's not found."""

from __future__ import annotations

import json

from app.db import Database
from app.jobs import Worker
from schema.arkloop.repository import notifications as repo
from tests.live import Recorder

from .api import GraphQL, Rest, register
from .test_credits import account_of, priced_provider
from .test_runs import thread_with_message

Api = Rest | GraphQL


async def spend_everything(
    api: Api, token: str, worker: Worker, upstream: tuple[Recorder, str], recorder: Recorder
) -> str:
    """A run that costs more than the first grant; its id."""
    await priced_provider(api, token, upstream[1])
    thread_id = await thread_with_message(api, token)
    counted = {"choices": [], "usage": {"prompt_tokens": 20000, "completion_tokens": 0}}
    recorder.reply([json.dumps({"choices": [{"delta": {"content": "ok"}}]}), json.dumps(counted)])
    run = (await api.call("createRun", token=token, id=thread_id, input={})).data
    assert await worker.run_once() == 1
    return str(run["run_id"])


async def test_spending_the_last_credits_notifies_the_runs_starter(
    api: Api, worker: Worker, upstream: tuple[Recorder, str], recorder: Recorder
) -> None:
    token = await register(api)
    run_id = await spend_everything(api, token, worker, upstream, recorder)
    assert (await api.call("getMyCredits", token=token)).data["balance"] == 1000 - 2000
    [note] = (await api.call("listNotifications", token=token)).data["data"]
    assert (note["type"], note["read_at"]) == ("credits.exhausted", None)
    assert note["payload"]["run_id"] == run_id and note["payload"]["balance"] == -1000
    assert note["org_id"] == note["account_id"] == await account_of(api, token)
    typed = await api.call("listNotifications", token=token, type="broadcast")
    assert typed.data["data"] == []


async def test_marking_read_one_and_all(api: Api, database: Database) -> None:
    token = await register(api)
    me = (await api.call("getMe", token=token)).data
    async with database.session() as session, session.begin():
        ids = [
            (await repo.add(session, me["id"], me["account_id"], "broadcast", t, "b", {})).id
            for t in ("one", "two", "three")
        ]
    marked = await api.call("markNotificationRead", token=token, id=ids[0])
    assert marked.data == {"ok": True}
    again = await api.call("markNotificationRead", token=token, id=ids[0])
    assert again.data == {"ok": True}
    unread = (await api.call("listNotifications", token=token, unread_only=True)).data["data"]
    assert sorted(n["title"] for n in unread) == ["three", "two"]
    everything = await api.call("markAllNotificationsRead", token=token)
    assert everything.data == {"ok": True, "count": 2}
    assert (await api.call("markAllNotificationsRead", token=token)).data["count"] == 0
    listed = (await api.call("listNotifications", token=token)).data["data"]
    assert len(listed) == 3 and all(n["read_at"] for n in listed)
    bob = await register(api, "bob")
    theirs = await api.call("markNotificationRead", token=bob, id=ids[1])
    assert (theirs.status, theirs.code) == (404, "notifications.not_found")
    unknown = await api.call("markNotificationRead", token=bob, id="not-an-id")
    assert (unknown.status, unknown.code) == (404, "notifications.not_found")
    assert (await api.call("listNotifications", token=bob)).data["data"] == []
    assert (await api.call("markAllNotificationsRead", token=bob)).data["count"] == 0


async def test_bad_filters_are_refused(api: Api) -> None:
    token = await register(api)
    outcome = await api.call("listNotifications", token=token, type="")
    assert (outcome.status, outcome.code) == (422, "validation.error")
