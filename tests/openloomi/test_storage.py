"""Storage on both transports: disk usage by kind, task sessions listed, read and removed (one,
by age, all), cleanup by category; bad input is 400 and another user's session is 404."""

from __future__ import annotations

import pytest

from .api import Api, register


async def write(api: Api, token: str, task: str, content: str) -> None:
    written = await api.call(
        "writeWorkspaceFile",
        token=token,
        input={"taskId": task, "path": "a.txt", "content": content},
    )
    assert written.status == 200


async def test_sessions_and_usage(api: Api) -> None:
    token = await register(api)
    await write(api, token, "t1", "12345")
    await write(api, token, "t2", "123")
    usage = (await api.call("diskUsage", token=token)).data
    by_key = {c["key"]: c["sizeBytes"] for c in usage["categories"]}
    assert by_key["sessions"] == 8 and usage["totalBytes"] == sum(by_key.values())
    listed = (await api.call("listStorageSessions", token=token)).data["sessions"]
    assert sorted((s["taskId"], s["sizeBytes"]) for s in listed) == [("t1", 5), ("t2", 3)]
    one = (await api.call("getStorageSession", token=token, taskId="t1")).data
    assert one["session"]["sizeBytes"] == 5
    assert (await api.call("deleteStorageSession", token=token, taskId="t1")).data == {
        "deleted": True
    }
    gone = await api.call("getStorageSession", token=token, taskId="t1")
    assert (gone.status, gone.error) == (404, "Session not found")
    kept = await api.call("deleteStorageSessions", token=token, input={"olderThanDays": 1})
    assert kept.data == {"deleted": 0}
    everything = await api.call("deleteStorageSessions", token=token, input={"deleteAll": True})
    assert everything.data == {"deleted": 1}


async def test_cleanup(api: Api) -> None:
    token = await register(api)
    await write(api, token, "t1", "x")
    assert (await api.call("cleanupStorage", token=token, input={"category": "cache"})).data == {
        "category": "cache",
        "deleted": 0,
    }
    cleaned = await api.call("cleanupStorage", token=token, input={"category": "sessions"})
    assert cleaned.data == {"category": "sessions", "deleted": 1}
    assert (await api.call("listStorageSessions", token=token)).data["sessions"] == []


@pytest.mark.parametrize(
    ("operation", "variables", "error"),
    [
        ("cleanupStorage", {"input": {"category": "home"}}, "Invalid category"),
        ("cleanupStorage", {"input": {}}, "Invalid category"),
        ("deleteStorageSessions", {"input": {}}, "olderThanDays or deleteAll is required"),
        ("getStorageSession", {"taskId": "a.b"}, "Invalid taskId"),
    ],
)
async def test_bad_input(
    api: Api, operation: str, variables: dict[str, object], error: str
) -> None:
    token = await register(api)
    outcome = await api.call(operation, token=token, **variables)
    assert (outcome.status, outcome.error) == (400, error)


async def test_another_users_sessions_are_theirs(api: Api) -> None:
    alice = await register(api)
    bob = await register(api, "bob@example.com")
    await write(api, alice, "mine", "x")
    for operation in ("getStorageSession", "deleteStorageSession"):
        outcome = await api.call(operation, token=bob, taskId="mine")
        assert (outcome.status, outcome.error) == (404, "Session not found")
    assert (await api.call("listStorageSessions", token=bob)).data["sessions"] == []
    await api.call("deleteStorageSessions", token=bob, input={"deleteAll": True})
    assert len((await api.call("listStorageSessions", token=alice)).data["sessions"]) == 1
    anonymous = await api.call("listStorageSessions")
    assert (anonymous.status, anonymous.error) == (401, "Unauthorized")
