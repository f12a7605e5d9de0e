"""Every Loop REST route and a corpus of GraphQL documents answer byte for byte the same through
compiled plans and through the standard executor (the app built with compiled plans off), on
SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import httpx
import orjson
import pytest
from fastapi import FastAPI

import schema.loop
from adapters.runtime.compiled.plans import Plans
from adapters.runtime.execute import CompiledPlanExecutor, StandardExecutor

from ..loop.api import HTTP, ROUTES
from .conftest import runtime

GENERATED = {
    *("id", "issueId", "number", "timestamp"),
    *("createdAt", "updatedAt", "deletedAt", "completedAt"),
}
# Answers that change with the clock are compared with their times masked.
CLOCK = {"health"}


@pytest.fixture
def plans(app: FastAPI, standard_app: FastAPI) -> Plans:
    """The compiled plans Loop serves with, where the app built with plans off has none."""
    assert type(runtime(standard_app, "loop").executor) is StandardExecutor
    standard = runtime(standard_app, "loop").executor.schema
    assert standard.execution_context_class is schema.loop.schema.execution_context_class
    executor = runtime(app, "loop").executor
    assert isinstance(executor, CompiledPlanExecutor)
    return executor.plans


Both = tuple[httpx.AsyncClient, httpx.AsyncClient]


@pytest.fixture
def clients(standard_http: httpx.AsyncClient, http: httpx.AsyncClient) -> Both:
    return standard_http, http


async def both(clients: Both, method: str, path: str, **request: Any) -> tuple[Any, Any]:
    """The same request answered by the standard executor, then by compiled plans."""
    standard, compiled = clients
    expected = await standard.request(method, path, **request)
    got = await compiled.request(method, path, **request)
    return (expected.status_code, expected.content), (got.status_code, got.content)


async def seed(http: httpx.AsyncClient) -> dict[str, str]:
    async def data(path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = await http.post(path, json=body)
        assert response.status_code == 201, response.text
        return dict(response.json()["data"])

    goal = await data("/api/goals", {"title": "G", "targetValue": 2.5, "unit": "%"})
    project = await data("/api/projects", {"name": "P", "goalId": goal["id"]})
    label = await data("/api/labels", {"name": "ops", "color": "#123"})
    parent = await data(
        "/api/issues",
        {
            "title": "é parent",
            "type": "plan",
            "projectId": project["id"],
            "signalPayload": {"a": [1, {"b": None}], "f": 0.1},
        },
    )
    child = await data(
        "/api/issues",
        {
            "title": "child",
            "type": "task",
            "parentId": parent["id"],
            "labelIds": [label["id"]],
            "hypothesis": {
                "statement": "s",
                "confidence": 0.25,
                "evidence": ["x"],
                "validationCriteria": "v",
            },
        },
    )
    await data(
        f"/api/issues/{child['id']}/relations", {"type": "blocks", "relatedIssueId": parent["id"]}
    )
    comment = await data(
        f"/api/issues/{parent['id']}/comments",
        {"body": "b", "authorName": "a", "authorType": "human"},
    )
    await data(
        f"/api/issues/{parent['id']}/comments",
        {"body": "r", "authorName": "a", "authorType": "agent", "parentId": comment["id"]},
    )
    template = await data(
        "/api/templates", {"slug": "tasks", "name": "T", "conditions": {"type": "task"}}
    )
    version = await data(
        f"/api/templates/{template['id']}/versions",
        {"content": "Do {{issue.title}} {{json labels}}", "authorType": "human", "authorName": "n"},
    )
    await data(
        "/api/prompt-reviews",
        {
            "versionId": version["id"],
            "issueId": child["id"],
            "clarity": 4,
            "completeness": 3,
            "relevance": 5,
            "authorType": "agent",
        },
    )
    await http.patch(f"/api/issues/{child['id']}", json={"status": "todo"})
    return {
        "template": template["id"],
        "issue": parent["id"],
        "child": child["id"],
        "project": project["id"],
        "goal": goal["id"],
        "label": label["id"],
    }


READS: list[tuple[str, dict[str, Any]]] = [
    ("health", {}),
    ("serviceInfo", {}),
    ("listIssues", {}),
    ("listIssues", {"status": "triage,todo", "type": "plan", "limit": "1", "offset": "0"}),
    ("listIssues", {"page": "2", "limit": "1"}),
    ("listIssues", {"priority": "9"}),
    ("listIssues", {"status": "nope"}),
    ("getIssue", {"id": "{issue}"}),
    ("getIssue", {"id": "{child}"}),
    ("getIssue", {"id": "missing"}),
    ("listComments", {"id": "{issue}"}),
    ("listComments", {"id": "missing"}),
    ("listLabels", {}),
    ("listProjects", {}),
    ("getProject", {"id": "{project}"}),
    ("getProject", {"id": "missing"}),
    ("listGoals", {}),
    ("getGoal", {"id": "{goal}"}),
    ("getGoal", {"id": "missing"}),
    ("listTemplates", {}),
    ("getTemplate", {"id": "{template}"}),
    ("getTemplate", {"id": "missing"}),
    ("listTemplateVersions", {"id": "{template}"}),
    ("listTemplateReviews", {"id": "{template}"}),
    ("previewTemplate", {"issueId": "{child}"}),
    ("previewTemplate", {"issueId": "{issue}"}),
    ("dispatchQueue", {}),
    ("dashboardStats", {}),
    ("dashboardActivity", {"limit": "5"}),
    ("dashboardPrompts", {}),
]


def url(operation: str, params: dict[str, Any], ids: dict[str, str]) -> tuple[str, dict[str, str]]:
    method, path = HTTP[operation]
    assert method == "GET"
    query = {}
    for name, value in params.items():
        value = value.format(**ids)
        if "{" + name + "}" in path:
            path = path.replace("{" + name + "}", value)
        else:
            query[name] = value
    return path, query


async def test_read_routes(http: httpx.AsyncClient, clients: Both, plans: Plans) -> None:
    ids = await seed(http)
    for operation, params in READS:
        path, query = url(operation, params, ids)
        expected, got = await both(clients, "GET", path, params=query)
        if operation in CLOCK:
            expected, got = masked(expected[1]), masked(got[1])
        assert got == expected, operation


def masked(content: bytes) -> Any:
    def mask(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: "*" if k in GENERATED else mask(v) for k, v in value.items()}
        if isinstance(value, list):
            return [mask(item) for item in value]
        return value

    return mask(orjson.loads(content)) if content else None


async def test_write_routes(http: httpx.AsyncClient, clients: Both, plans: Plans) -> None:
    """Writes create new records each time, so generated values are masked; errors are exact."""
    ids = await seed(http)
    writes = [
        (
            "POST",
            "/api/issues",
            {"title": "n", "type": "task", "priority": 2, "labelIds": [ids["label"]]},
        ),
        ("POST", "/api/issues", {"type": "task", "priority": 7}),
        ("POST", "/api/issues", {"title": "n", "type": "task", "parentId": ids["child"]}),
        ("PATCH", f"/api/issues/{ids['child']}", {"status": "done", "title": "t2"}),
        ("PATCH", "/api/issues/missing", {"title": "x"}),
        ("POST", "/api/labels", {"name": "ops", "color": "#000"}),
        ("POST", "/api/projects", {"name": "Q", "goalId": "missing"}),
        ("PATCH", f"/api/projects/{ids['project']}", {"health": "at_risk"}),
        ("POST", "/api/goals", {"title": "H", "currentValue": 1}),
        ("PATCH", f"/api/goals/{ids['goal']}", {"status": "achieved"}),
        (
            "POST",
            f"/api/issues/{ids['issue']}/relations",
            {"type": "related", "relatedIssueId": ids["child"]},
        ),
        (
            "POST",
            f"/api/issues/{ids['issue']}/comments",
            {"body": "c", "authorName": "a", "authorType": "bot"},
        ),
        ("POST", "/api/signals", {"source": "s", "type": "t", "severity": "high", "payload": {}}),
        ("POST", "/api/templates", {"slug": "tasks", "name": "again"}),
        ("PATCH", f"/api/templates/{ids['template']}", {"specificity": 20}),
        (
            "POST",
            "/api/prompt-reviews",
            {
                "versionId": "missing",
                "issueId": ids["issue"],
                "clarity": 1,
                "completeness": 1,
                "relevance": 1,
                "authorType": "agent",
            },
        ),
        ("DELETE", "/api/relations/missing", None),
        ("DELETE", "/api/labels/missing", None),
    ]
    for method, path, body in writes:
        expected, got = await both(clients, method, path, json=body)
        assert (got[0], masked(got[1])) == (expected[0], masked(expected[1])), (method, path)
    assert all(plans.plans.get((route.document, route.operation, ())) for route in ROUTES.values())


CORPUS: list[tuple[str, dict[str, Any]]] = [
    (
        "query L($n: Int = 5) { issues(limit: $n) { total items { ...I labels { name } "
        "parent { ...I } project { name goal { title targetValue } issueCounts } } } } "
        "fragment I on Issue { id title type status signalPayload hypothesis createdAt }",
        {},
    ),
    (
        "query($s: [IssueStatus!], $x: Boolean!) { issues(status: $s) { items { "
        "id p: priority children @include(if: $x) { id } relations @skip(if: $x) { type } "
        "... on Issue { commits pullRequests __typename } } } }",
        {"s": ["triage", "todo"], "x": True},
    ),
    (
        "query($x: Boolean!) { issues { items { id children @include(if: $x) { id } "
        "relations @skip(if: $x) { type relatedIssueId } } } }",
        {"x": False},
    ),
    ('{ issue(id: "missing") { id } }', {}),
    ('{ labels { items { id } } goal(id: "missing") { id } }', {}),
    (
        "query($id: ID!) { comments(issueId: $id) { body authorType replies { body } } }",
        {"id": "{issue}"},
    ),
    ("{ issues(limit: 500) { total } }", {}),
    ("query($s: [IssueStatus!]) { issues(status: $s) { total } }", {"s": ["TRIAGE"]}),
    ("{ a: projects { total } b: projects(limit: 1) { items { status health } } }", {}),
]


async def test_graphql_corpus(http: httpx.AsyncClient, clients: Both, plans: Plans) -> None:
    ids = await seed(http)
    for query, variables in CORPUS:
        bound = {k: v.format(**ids) if isinstance(v, str) else v for k, v in variables.items()}
        plans.prepare(query)
        body = {"query": query, "variables": bound}
        expected, got = await both(clients, "POST", "/graphql", json=body)
        assert got == expected, query
    # All but the last document (rejected while coercing its variables) ran compiled.
    for query, _ in CORPUS[:-1]:
        assert any(key[0] == query and plan for key, plan in plans.plans.items()), query
