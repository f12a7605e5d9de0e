"""Insight tabs, feedback and the billing ledger on both transports; another user's tab is
404."""

from __future__ import annotations

from typing import Any

import pytest

from .api import Api, register


async def tab(api: Api, token: str, name: str) -> dict[str, Any]:
    created = await api.call(
        "createInsightTab", token=token, input={"name": name, "filter": {"platform": "gmail"}}
    )
    return dict(created.data["tab"])


async def test_tabs_add_change_reorder_delete(api: Api) -> None:
    token = await register(api)
    first, second, third = [await tab(api, token, name) for name in ("Mail", "Chat", "Todo")]
    assert [first["position"], second["position"], third["position"]] == [1, 2, 3]
    changed = await api.call(
        "changeInsightTab", token=token, tabId=second["id"], input={"enabled": False}
    )
    assert changed.data["tab"]["enabled"] is False and changed.data["tab"]["name"] == "Chat"
    for operation in ("reorderInsightTabs", "reorderInsightTabsPost"):
        moved = await api.call(operation, token=token, input={"tabIds": [third["id"]]})
        assert moved.data == {"success": True}
    listed = (await api.call("listInsightTabs", token=token)).data["tabs"]
    assert [t["name"] for t in listed] == ["Todo", "Mail", "Chat"]
    assert (await api.call("deleteInsightTab", token=token, tabId=first["id"])).data == {
        "success": True
    }
    listed = (await api.call("listInsightTabs", token=token)).data["tabs"]
    assert [t["name"] for t in listed] == ["Todo", "Chat"]


@pytest.mark.parametrize(
    ("operation", "body", "error"),
    [
        ("createInsightTab", {"name": "x"}, "Missing required fields"),
        ("createInsightTab", {"filter": {}}, "Missing required fields"),
        ("reorderInsightTabs", {}, "Invalid tabIds"),
        ("reorderInsightTabs", {"tabIds": ["nope"]}, "Invalid tabIds"),
    ],
)
async def test_bad_tabs(api: Api, operation: str, body: dict[str, Any], error: str) -> None:
    token = await register(api)
    outcome = await api.call(operation, token=token, input=body)
    assert (outcome.status, outcome.error) == (400, error)


async def test_another_users_tab_is_not_found(api: Api) -> None:
    alice = await register(api)
    bob = await register(api, "bob@example.com")
    mine = await tab(api, alice, "Mail")
    change = await api.call("changeInsightTab", token=bob, tabId=mine["id"], input={"name": "x"})
    assert (change.status, change.error) == (404, "Tab not found")
    delete = await api.call("deleteInsightTab", token=bob, tabId=mine["id"])
    assert (delete.status, delete.error) == (404, "Tab not found")
    reorder = await api.call("reorderInsightTabs", token=bob, input={"tabIds": [mine["id"]]})
    assert reorder.status == 400
    assert (await api.call("listInsightTabs", token=bob)).data == {"tabs": []}


async def test_feedback_and_ledger(api: Api) -> None:
    token = await register(api)
    body = {
        "content": "Feedback message",
        "email": "user@example.com",
        "systemInfo": {"platform": "darwin", "appVersion": "0.5.1"},
    }
    sent = await api.call("remoteFeedback", token=token, input=body)
    assert sent.status == 201 and sent.data["message"] == "Thank you for your feedback!"
    assert sent.data["feedbackId"]
    empty = await api.call("remoteFeedback", token=token, input={"content": ""})
    assert empty.status in (400, 422)
    assert (await api.call("remoteFeedback", input=body)).status == 401
    ledger = (await api.call("billingLedger", token=token, limit=5)).data
    assert ledger == {"items": [], "total": 0, "limit": 5, "offset": 0}
