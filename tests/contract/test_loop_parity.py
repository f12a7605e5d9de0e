"""REST ≡ GraphQL: the same records read through both surfaces are equal field by field."""

from __future__ import annotations

import httpx

from ..loop.api import GraphQL, Rest


async def test_same_records_on_both_surfaces(http: httpx.AsyncClient) -> None:
    rest, graphql = Rest(http), GraphQL(http)
    goal = (await rest.call("createGoal", input={"title": "G", "targetValue": 1.5})).data
    project = (await graphql.call("createProject", input={"name": "P", "goalId": goal["id"]})).data
    label = (await rest.call("createLabel", input={"name": "ops", "color": "#123"})).data
    parent = (
        await graphql.call(
            "createIssue",
            input={
                "title": "parent",
                "type": "plan",
                "projectId": project["id"],
                "labelIds": [label["id"]],
                "signalPayload": {"a": [1, {"b": None}]},
            },
        )
    ).data
    child = (
        await rest.call(
            "createIssue",
            input={
                "title": "child",
                "type": "task",
                "parentId": parent["id"],
                "hypothesis": {
                    "statement": "s",
                    "confidence": 0.25,
                    "evidence": [],
                    "validationCriteria": "v",
                },
            },
        )
    ).data
    await graphql.call(
        "createRelation",
        id=child["id"],
        input={"type": "blocked_by", "relatedIssueId": parent["id"]},
    )
    comment = (
        await rest.call(
            "createComment",
            id=parent["id"],
            input={"body": "b", "authorName": "n", "authorType": "agent"},
        )
    ).data
    await graphql.call(
        "createComment",
        id=parent["id"],
        input={"body": "r", "authorName": "n", "authorType": "human", "parentId": comment["id"]},
    )

    template = (await rest.call("createTemplate", input={"slug": "tasks", "name": "T"})).data
    await graphql.call(
        "createTemplateVersion",
        id=template["id"],
        input={"content": "Do {{issue.title}}", "authorType": "human", "authorName": "n"},
    )
    await rest.call("updateIssue", id=child["id"], input={"status": "todo"})

    reads = [
        ("getTemplate", {"id": template["id"]}),
        ("listTemplates", {}),
        ("listTemplateVersions", {"id": template["id"]}),
        ("dispatchQueue", {}),
        ("previewTemplate", {"issueId": child["id"]}),
        ("dashboardStats", {}),
        ("dashboardActivity", {}),
        ("dashboardPrompts", {}),
        ("listIssues", {}),
        ("listIssues", {"status": ["triage"], "limit": 1, "offset": 1}),
        ("getIssue", {"id": parent["id"]}),
        ("getIssue", {"id": child["id"]}),
        ("listComments", {"id": parent["id"]}),
        ("listLabels", {}),
        ("listProjects", {}),
        ("getProject", {"id": project["id"]}),
        ("listGoals", {}),
        ("getGoal", {"id": goal["id"]}),
        ("getIssue", {"id": "missing"}),
        ("listIssues", {"limit": 0}),
    ]
    for operation, variables in reads:
        over_rest = await rest.call(operation, **variables)
        over_graphql = await graphql.call(operation, **variables)
        assert over_rest == over_graphql, operation
