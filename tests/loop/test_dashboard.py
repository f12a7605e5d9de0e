"""Dashboard: stats, activity chains and prompt health."""

from __future__ import annotations

from .api import GraphQL, Rest
from .test_issues import new_issue
from .test_prompts import new_template, new_version, review

Api = Rest | GraphQL


async def test_stats(api: Api) -> None:
    await api.call("createGoal", input={"title": "a"})
    await api.call("createGoal", input={"title": "b", "status": "achieved"})
    await new_issue(api, status="todo")
    await new_issue(api, status="todo", type="signal")
    doing = await new_issue(api, status="in_progress")
    await api.call("updateIssue", id=doing["id"], input={"status": "done"})
    await new_issue(api, status="in_progress")
    gone = await new_issue(api)
    await api.call("deleteIssue", id=gone["id"])
    stats = (await api.call("dashboardStats")).data
    assert stats == {
        "issues": {
            "total": 4,
            "byStatus": {"todo": 2, "done": 1, "in_progress": 1},
            "byType": {"task": 3, "signal": 1},
        },
        "goals": {"total": 2, "active": 1, "achieved": 1},
        "dispatch": {"queueDepth": 2, "activeCount": 1, "completedLast24h": 1},
    }


async def test_activity_chains_most_recent_first(api: Api) -> None:
    old = await new_issue(api, title="old root")
    root = await new_issue(api, title="root")
    child = await new_issue(api, title="child", parentId=root["id"])
    await api.call(
        "createRelation", id=child["id"], input={"type": "related", "relatedIssueId": old["id"]}
    )
    await api.call("updateIssue", id=child["id"], input={"title": "child, touched"})
    page = (await api.call("dashboardActivity")).data
    assert page["total"] == 2
    first, second = page["items"]
    assert first["root"]["id"] == root["id"] and second["root"]["id"] == old["id"]
    assert [c["issue"]["title"] for c in first["children"]] == ["child, touched"]
    assert first["children"][0]["relations"][0]["relatedIssueId"] == old["id"]
    assert first["latestActivity"] == first["children"][0]["issue"]["updatedAt"]
    assert len((await api.call("dashboardActivity", limit=1)).data["items"]) == 1
    assert (await api.call("dashboardActivity", limit=0)).status == 422


async def test_prompt_health(api: Api) -> None:
    template = await new_template(api)
    version = await new_version(api, template, "x")
    for n in range(6):
        await new_version(api, template, f"draft {n}")
    issue = await new_issue(api)
    await review(api, version, issue, 2)
    await review(api, version, issue, 3)
    quiet = await new_template(api, "quiet")
    health = (await api.call("dashboardPrompts")).data
    by_slug = {entry["template"]["slug"]: entry for entry in health}
    busy = by_slug["signal-triage"]
    assert busy["activeVersion"]["id"] == version["id"]
    assert [v["version"] for v in busy["recentVersions"]] == [7, 6, 5, 4, 3]
    assert busy["reviewSummary"] == {
        "totalReviews": 2,
        "avgClarity": 2.5,
        "avgCompleteness": 2.5,
        "avgRelevance": 2.5,
        "compositeScore": 2.5,
    }
    assert busy["needsAttention"] is True
    idle = by_slug["quiet"]
    assert idle["template"]["id"] == quiet["id"] and idle["activeVersion"] is None
    assert idle["reviewSummary"]["compositeScore"] is None and idle["needsAttention"] is False
