"""Relations, comments, labels, projects and goals, over REST and GraphQL alike."""

from __future__ import annotations

from .api import GraphQL, Rest
from .test_issues import new_issue

Api = Rest | GraphQL


async def test_relations(api: Api) -> None:
    a, b = await new_issue(api, title="a"), await new_issue(api, title="b")
    relation = await api.call(
        "createRelation", id=a["id"], input={"type": "blocks", "relatedIssueId": b["id"]}
    )
    assert relation.status == 201
    assert relation.data["issueId"] == a["id"] and relation.data["type"] == "blocks"
    itself = await api.call(
        "createRelation", id=a["id"], input={"type": "related", "relatedIssueId": a["id"]}
    )
    assert itself.status == 422
    unknown = await api.call(
        "createRelation", id=a["id"], input={"type": "related", "relatedIssueId": "x"}
    )
    assert (unknown.status, unknown.error) == (422, "Related issue not found")
    missing = await api.call(
        "createRelation", id="x", input={"type": "related", "relatedIssueId": a["id"]}
    )
    assert missing.status == 404
    assert (await api.call("getIssue", id=a["id"])).data["relations"] == [relation.data]
    assert (await api.call("deleteRelation", id=relation.data["id"])).status == 204
    assert (await api.call("deleteRelation", id=relation.data["id"])).status == 404
    assert (await api.call("getIssue", id=a["id"])).data["relations"] == []


async def test_threaded_comments(api: Api) -> None:
    issue = await new_issue(api)
    said = {"authorName": "ana", "authorType": "human"}
    root = (await api.call("createComment", id=issue["id"], input={"body": "root", **said})).data
    reply = (
        await api.call(
            "createComment", id=issue["id"], input={"body": "re", "parentId": root["id"], **said}
        )
    ).data
    deeper = (
        await api.call(
            "createComment", id=issue["id"], input={"body": "re2", "parentId": reply["id"], **said}
        )
    ).data
    assert reply["parentId"] == root["id"] and deeper["parentId"] == root["id"]
    thread = (await api.call("listComments", id=issue["id"])).data
    assert [c["body"] for c in thread] == ["root"]
    assert [r["body"] for r in thread[0]["replies"]] == ["re", "re2"]
    orphan = await api.call(
        "createComment", id=issue["id"], input={"body": "x", "parentId": "nope", **said}
    )
    assert (orphan.status, orphan.error) == (422, "Parent comment not found")
    assert (
        await api.call("createComment", id=issue["id"], input={"body": "", **said})
    ).status == 422
    assert (await api.call("listComments", id="nope")).status == 404


async def test_labels(api: Api) -> None:
    label = await api.call("createLabel", input={"name": "frontend", "color": "#ff6b6b"})
    assert label.status == 201
    duplicate = await api.call("createLabel", input={"name": "frontend", "color": "#000"})
    assert (duplicate.status, duplicate.error) == (409, "Label name already exists")
    assert (await api.call("createLabel", input={"name": "x" * 101, "color": "#0"})).status == 422
    assert (await api.call("listLabels")).data["total"] == 1
    assert (await api.call("deleteLabel", id=label.data["id"])).status == 204
    assert (await api.call("listLabels")).data["total"] == 0
    # As in Loop, a deleted label keeps its name.
    again = await api.call("createLabel", input={"name": "frontend", "color": "#111"})
    assert (again.status, again.error) == (409, "Label name already exists")
    assert (await api.call("listLabels")).data["total"] == 0
    assert (await api.call("deleteLabel", id="nope")).status == 404


async def test_projects_with_goal_and_counts(api: Api) -> None:
    goal = (
        await api.call("createGoal", input={"title": "Reduce failures", "targetValue": 0.05})
    ).data
    assert goal["status"] == "active" and goal["targetValue"] == 0.05
    unknown = await api.call("createProject", input={"name": "P", "goalId": "nope"})
    assert (unknown.status, unknown.error) == (422, "Goal not found")
    project = (await api.call("createProject", input={"name": "P", "goalId": goal["id"]})).data
    assert project["status"] == "backlog" and project["health"] == "on_track"
    await new_issue(api, projectId=project["id"], status="todo")
    await new_issue(api, projectId=project["id"], status="todo")
    await new_issue(api, projectId=project["id"], status="done")
    fetched = (await api.call("getProject", id=project["id"])).data
    assert fetched["goal"]["id"] == goal["id"]
    assert fetched["issueCounts"] == {"todo": 2, "done": 1}
    patched = (
        await api.call(
            "updateProject", id=project["id"], input={"goalId": None, "health": "at_risk"}
        )
    ).data
    assert patched["goalId"] is None and patched["health"] == "at_risk"
    assert (await api.call("listProjects")).data["total"] == 1
    assert (await api.call("deleteProject", id=project["id"])).status == 204
    assert (await api.call("getProject", id=project["id"])).status == 404


async def test_goals(api: Api) -> None:
    goal = (await api.call("createGoal", input={"title": "G", "unit": "ratio"})).data
    updated = (
        await api.call("updateGoal", id=goal["id"], input={"status": "achieved", "unit": None})
    ).data
    assert updated["status"] == "achieved" and updated["unit"] is None
    assert (await api.call("getGoal", id=goal["id"])).data == updated
    assert (await api.call("listGoals", limit=1)).data["total"] == 1
    assert (await api.call("updateGoal", id=goal["id"], input={"status": "bogus"})).status == 422
    assert (await api.call("deleteGoal", id=goal["id"])).status == 204
    assert (await api.call("getGoal", id=goal["id"])).status == 404


async def test_a_goals_project_id_is_stored_unchecked(api: Api) -> None:
    # Loop keeps a goal's projectId as given; no project need have it, however long.
    given = {"title": "G", "projectId": "no-such-project"}
    goal = await api.call("createGoal", input=given)
    assert (goal.status, goal.data["projectId"]) == (201, "no-such-project")
    long_id = "p" * 5000
    patched = await api.call("updateGoal", id=goal.data["id"], input={"projectId": long_id})
    assert patched.data["projectId"] == long_id
    assert (await api.call("getGoal", id=goal.data["id"])).data["projectId"] == long_id
