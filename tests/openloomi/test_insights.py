"""Insights on both transports: add, list within days, fetch, update (details and timeline
appended), delete, the refresh call, paging, and another user's insight as 404."""

from __future__ import annotations

from typing import Any

import pytest

from .api import Api, register


async def add(api: Api, token: str, title: str = "Ship it", **more: object) -> str:
    created = await api.call(
        "createInsight", token=token, input={"title": title, "description": "Soon", **more}
    )
    assert created.status == 201
    assert created.data["message"] == "Insight created successfully"
    return str(created.data["id"])


async def test_add_list_fetch_update_delete(api: Api) -> None:
    token = await register(api)
    id = await add(
        api,
        token,
        importance="Important",
        urgency="As soon as possible",
        groups=["eng", "ops"],
        people=["Bo"],
        myTasks=[{"text": "write", "completed": False}],
    )
    listed = (await api.call("listInsights", token=token, days=7, limit=50)).data
    assert listed["hasMore"] is False and listed["rawMessagesIncluded"] is False
    [item] = listed["items"]
    assert (item["id"], item["importance"], item["urgency"]) == (id, "Important", "ASAP")
    assert (item["platform"], item["groups"], item["people"]) == ("manual", ["eng", "ops"], ["Bo"])
    fetched = (await api.call("getInsight", token=token, id=id, fetch=True)).data
    assert fetched["insight"] == item
    updates = {
        "title": "Shipped",
        "urgency": "Within 24 hours",
        "details": [{"content": "one"}],
        "timeline": [{"summary": "s", "label": "l"}],
        "myTasks": [{"text": "write", "completed": True}],
    }
    updated = await api.call("updateInsight", token=token, id=id, input={"updates": updates})
    assert updated.data == {"message": "Insight updated successfully", "id": id}
    again = await api.call(
        "updateInsight", token=token, id=id, input={"updates": {"details": [{"content": "two"}]}}
    )
    assert again.status == 200
    insight = (await api.call("getInsight", token=token, id=id, fetch=True)).data["insight"]
    assert (insight["title"], insight["urgency"]) == ("Shipped", "24h")
    assert insight["details"] == [{"content": "one"}, {"content": "two"}]
    assert insight["timeline"] == [{"summary": "s", "label": "l"}]
    assert insight["myTasks"] == [{"text": "write", "completed": True}]
    deleted = await api.call("deleteInsight", token=token, id=id)
    assert deleted.data == {"message": "Insights deleted successfully"}
    gone = await api.call("getInsight", token=token, id=id, fetch=True)
    assert (gone.status, gone.error) == (404, "Insight not found")


@pytest.mark.parametrize(
    ("body", "message"),
    [({"description": "d"}, "title is required"), ({"title": "t"}, "description is required")],
)
async def test_title_and_description_are_required(
    api: Api, body: dict[str, str], message: str
) -> None:
    token = await register(api)
    outcome = await api.call("createInsight", token=token, input=body)
    assert (outcome.status, outcome.error) == (400, message)


async def test_updates_object_is_required(api: Api) -> None:
    token = await register(api)
    id = await add(api, token)
    outcome = await api.call("updateInsight", token=token, id=id, input={})
    assert (outcome.status, outcome.error) == (400, "updates object is required")


async def test_refresh_and_all(api: Api) -> None:
    token = await register(api)
    refreshed = await api.call("getInsight", token=token, id="all")
    assert refreshed.data == {"successful": 0, "failed": 0, "errors": []}


async def test_paging_and_cursors(api: Api) -> None:
    token = await register(api)
    ids = [await add(api, token, title=f"t{n}") for n in range(5)]
    first = (await api.call("listInsights", token=token, limit=2)).data
    assert [i["id"] for i in first["items"]] == ids[:-3:-1] and first["hasMore"] is True
    after = first["items"][-1]["id"]
    second = (await api.call("listInsights", token=token, limit=2, starting_after=after)).data
    assert [i["id"] for i in second["items"]] == [ids[2], ids[1]]
    before = (await api.call("listInsights", token=token, limit=2, ending_before=ids[1])).data
    assert [i["id"] for i in before["items"]] == [ids[3], ids[2]]
    both = await api.call("listInsights", token=token, starting_after=after, ending_before=after)
    assert (both.status, both.error) == (
        400,
        "Only one of starting_after or ending_before can be provided.",
    )
    assert (await api.call("listInsights", token=token, days=0, limit=10)).data["items"]
    huge = await api.call("listInsights", token=token, days=2**31 - 1, limit=10)
    assert len(huge.data["items"]) == 5
    negative = await api.call("listInsights", token=token, days=-1)
    assert negative.status == (400 if api.name == "rest" else 422)  # GraphQL's bad input


async def test_another_users_insight_is_not_found(api: Api) -> None:
    alice = await register(api, "alice@example.com")
    bob = await register(api, "bob@example.com")
    id = await add(api, alice)
    attempts: list[tuple[str, dict[str, Any]]] = [
        ("getInsight", {"fetch": True}),
        ("updateInsight", {"input": {"updates": {"title": "mine"}}}),
        ("deleteInsight", {}),
    ]
    for operation, more in attempts:
        outcome = await api.call(operation, token=bob, id=id, **more)
        assert (outcome.status, outcome.error) == (404, "Insight not found")
    assert (await api.call("listInsights", token=bob)).data["items"] == []
    assert (await api.call("getInsight", token=alice, id=id, fetch=True)).status == 200
