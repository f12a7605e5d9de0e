"""Issue behaviour, run over REST and GraphQL alike."""

from __future__ import annotations

import pytest

from .api import GraphQL, Rest

Api = Rest | GraphQL


async def new_issue(api: Api, **fields: object) -> dict:
    body = {"title": "Investigate login failures", "type": "task", **fields}
    outcome = await api.call("createIssue", input=body)
    assert outcome.status == 201, outcome
    return outcome.data


async def test_create_applies_defaults_and_numbers(api: Api) -> None:
    first = await new_issue(api)
    second = await new_issue(api, title="Second")
    assert first["status"] == "triage" and first["priority"] == 0
    assert second["number"] == first["number"] + 1
    assert first["id"] and first["deletedAt"] is None and first["createdAt"].endswith("Z")
    # The create answer is the issue alone; an issue created without labels reads back with none.
    assert first["hypothesis"] is None and "labels" not in first
    assert (await api.call("getIssue", id=first["id"])).data["labels"] == []


async def test_create_with_labels_hypothesis_and_payload(api: Api) -> None:
    bug = (await api.call("createLabel", input={"name": "bug", "color": "#f00"})).data
    api_label = (await api.call("createLabel", input={"name": "api", "color": "#00f"})).data
    hypothesis = {
        "statement": "S",
        "confidence": 0.5,
        "evidence": ["e1"],
        "validationCriteria": "V",
    }
    issue = await new_issue(
        api,
        type="hypothesis",
        labelIds=[bug["id"], api_label["id"], bug["id"]],
        hypothesis=hypothesis,
        signalPayload={"event": "error_rate", "nested": {"v": [1, 2]}},
    )
    assert issue["hypothesis"] == hypothesis
    assert issue["signalPayload"] == {"event": "error_rate", "nested": {"v": [1, 2]}}
    fetched = (await api.call("getIssue", id=issue["id"])).data
    # Each label once, whole, by name.
    assert fetched["labels"] == [api_label, bug]


@pytest.mark.parametrize(
    "body",
    [
        {"type": "task"},
        {"title": "", "type": "task"},
        {"title": "x" * 501, "type": "task"},
        {"title": "t", "type": "nonsense"},
        {"title": "t", "type": "task", "priority": 5},
        {"title": "t", "type": "task", "priority": "high"},
        {"title": 123, "type": "task"},
        {"title": "t", "type": "task", "description": None},
        {"title": "t", "type": "hypothesis", "hypothesis": {"statement": "s"}},
        {
            "title": "t",
            "type": "hypothesis",
            "hypothesis": {
                "statement": "s",
                "confidence": 2,
                "evidence": [],
                "validationCriteria": "v",
            },
        },
    ],
)
async def test_create_rejects_invalid_input_without_writing(api: Api, body: dict) -> None:
    outcome = await api.call("createIssue", input=body)
    assert outcome.status == 422 and outcome.error
    assert (await api.call("listIssues")).data["total"] == 0


async def test_one_level_hierarchy(api: Api) -> None:
    parent = await new_issue(api, title="parent")
    child = await new_issue(api, title="child", parentId=parent["id"])
    grandchild = await api.call(
        "createIssue", input={"title": "g", "type": "task", "parentId": child["id"]}
    )
    assert grandchild.status == 422
    missing = await api.call(
        "createIssue", input={"title": "g", "type": "task", "parentId": "nope"}
    )
    assert (missing.status, missing.error) == (422, "Parent issue not found")
    # A parent cannot itself be moved under another issue.
    other = await new_issue(api, title="other")
    moved = await api.call("updateIssue", id=parent["id"], input={"parentId": other["id"]})
    assert moved.status == 422
    fetched = (await api.call("getIssue", id=parent["id"])).data
    assert [c["id"] for c in fetched["children"]] == [child["id"]]
    assert fetched["parent"] is None
    assert (await api.call("getIssue", id=child["id"])).data["parent"]["id"] == parent["id"]


async def test_unknown_project_is_rejected(api: Api) -> None:
    outcome = await api.call("createIssue", input={"title": "t", "type": "task", "projectId": "x"})
    assert (outcome.status, outcome.error) == (422, "Project not found")


async def test_list_filters_and_pagination(api: Api) -> None:
    project = (await api.call("createProject", input={"name": "P"})).data
    label = (await api.call("createLabel", input={"name": "ops", "color": "#000"})).data
    a = await new_issue(api, title="a", status="todo", priority=1, projectId=project["id"])
    b = await new_issue(api, title="b", status="done", type="signal", labelIds=[label["id"]])
    c = await new_issue(api, title="c", status="backlog", parentId=a["id"])

    async def ids(**query: object) -> list[str]:
        return [item["id"] for item in (await api.call("listIssues", **query)).data["items"]]

    assert await ids() == [a["id"], b["id"], c["id"]]
    assert await ids(status=["todo", "done"]) == [a["id"], b["id"]]
    assert await ids(type=["signal"]) == [b["id"]]
    assert await ids(projectId=project["id"]) == [a["id"]]
    assert await ids(labelId=label["id"]) == [b["id"]]
    assert await ids(priority=1) == [a["id"]]
    assert await ids(parentId=a["id"]) == [c["id"]]
    # Filters together, then the same filters with other values (one statement serves both).
    assert await ids(status=["todo", "done"], priority=1) == [a["id"]]
    assert await ids(status=["done"], priority=0) == [b["id"]]
    page = (await api.call("listIssues", limit=2, offset=1)).data
    assert page["total"] == 3 and [i["id"] for i in page["items"]] == [b["id"], c["id"]]
    assert await ids(limit=2, page=2) == [c["id"]]
    for bad in (
        {"limit": 0},
        {"limit": 201},
        {"offset": -1},
        {"priority": 9},
        {"status": ["bogus"]},
    ):
        assert (await api.call("listIssues", **bad)).status == 422, bad


async def test_an_offset_past_every_row_is_an_empty_page(api: Api) -> None:
    await new_issue(api)
    # GraphQL's Int ends at 2^31 - 1; REST takes any offset (see test_rest).
    for offset in (1, 2**31 - 1):
        page = (await api.call("listIssues", offset=offset)).data
        assert (page["items"], page["total"]) == ([], 1)


async def test_update_and_soft_delete(api: Api) -> None:
    issue = await new_issue(api, description="before")
    updated = (
        await api.call("updateIssue", id=issue["id"], input={"status": "done", "title": "after"})
    ).data
    assert updated["title"] == "after" and updated["description"] == "before"
    assert updated["completedAt"] is not None and updated["updatedAt"] >= issue["updatedAt"]
    assert (await api.call("updateIssue", id=issue["id"], input={"title": None})).status == 422
    deleted = await api.call("deleteIssue", id=issue["id"])
    assert deleted.status == 204 and deleted.value is None
    assert (await api.call("getIssue", id=issue["id"])).status == 404
    assert (await api.call("deleteIssue", id=issue["id"])).status == 404
    assert (await api.call("listIssues")).data["total"] == 0


async def test_missing_issue_is_404(api: Api) -> None:
    outcome = await api.call("getIssue", id="does-not-exist")
    assert (outcome.status, outcome.error) == (404, "Issue not found")
    patched = await api.call("updateIssue", id="does-not-exist", input={"title": "x"})
    assert patched.status == 404
