"""Loop's validation messages read as its Zod validators word them over REST, whatever found the
problem (GraphQL's input coercion, the body's shape, the query's parsing, the declared rules);
GraphQL keeps its own wording."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from .api import GraphQL

ISSUE_TYPES = "'signal' | 'hypothesis' | 'plan' | 'task' | 'monitor'"
HYPOTHESIS = {"statement": "S", "confidence": 0.5, "evidence": [], "validationCriteria": "V"}


def field_errors(response: httpx.Response) -> dict[str, list[str]]:
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["error"] == "Validation error"
    errors: dict[str, list[str]] = body["details"]["fieldErrors"]
    return errors


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"type": "task"}, {"title": ["Required"]}),
        ({"title": 1, "type": "task"}, {"title": ["Expected string, received number"]}),
        ({"title": None, "type": "task"}, {"title": ["Expected string, received null"]}),
        (
            {"title": "t", "type": "bug"},
            {"type": [f"Invalid enum value. Expected {ISSUE_TYPES}, received 'bug'"]},
        ),
        ({"title": "t", "type": 3}, {"type": [f"Expected {ISSUE_TYPES}, received number"]}),
        ({"title": "t", "type": None}, {"type": [f"Expected {ISSUE_TYPES}, received null"]}),
        (
            {"title": "t", "type": "task", "priority": 1.5},
            {"priority": ["Expected integer, received float"]},
        ),
        (
            {"title": "t", "type": "task", "priority": "2"},
            {"priority": ["Expected number, received string"]},
        ),
        (
            {"title": "t", "type": "task", "priority": 9},
            {"priority": ["Number must be less than or equal to 4"]},
        ),
        (
            {"title": "t", "type": "task", "description": None},
            {"description": ["Expected string, received null"]},
        ),
        (
            {"title": "t", "type": "task", "signalPayload": "x"},
            {"signalPayload": ["Expected object, received string"]},
        ),
        (
            {"title": "t", "type": "task", "hypothesis": []},
            {"hypothesis": ["Expected object, received array"]},
        ),
        (
            {"title": "t", "type": "task", "hypothesis": {**HYPOTHESIS, "confidence": "high"}},
            {"hypothesis.confidence": ["Expected number, received string"]},
        ),
        (
            {"title": "t", "type": "task", "hypothesis": {"statement": "S"}},
            {
                "hypothesis.confidence": ["Required"],
                "hypothesis.evidence": ["Required"],
                "hypothesis.validationCriteria": ["Required"],
            },
        ),
    ],
)
async def test_body_problems(
    http: httpx.AsyncClient, body: dict[str, Any], errors: dict[str, list[str]]
) -> None:
    assert field_errors(await http.post("/api/issues", json=body)) == errors
    assert (await http.get("/api/issues")).json()["total"] == 0


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("limit=abc", {"limit": ["Expected number, received nan"]}),
        ("limit=1.5", {"limit": ["Expected integer, received float"]}),
        ("limit=0", {"limit": ["Number must be greater than or equal to 1"]}),
        ("offset=-1", {"offset": ["Number must be greater than or equal to 0"]}),
        (
            "type=task,bug",
            {"type[1]": [f"Invalid enum value. Expected {ISSUE_TYPES}, received 'bug'"]},
        ),
    ],
)
async def test_query_problems(
    http: httpx.AsyncClient, query: str, errors: dict[str, list[str]]
) -> None:
    assert field_errors(await http.get(f"/api/issues?{query}")) == errors


async def test_a_body_that_is_no_object(http: httpx.AsyncClient) -> None:
    for raw, received in ((b"[1]", "array"), (b'"x"', "string"), (b"42", "number")):
        response = await http.post("/api/issues", content=raw)
        assert response.status_code == 422
        details = response.json()["details"]
        assert details == {
            "formErrors": [f"Expected object, received {received}"],
            "fieldErrors": {},
        }


async def test_no_graphql_or_python_names_leak(http: httpx.AsyncClient) -> None:
    bodies = [
        {"title": None, "type": None, "priority": None, "hypothesis": "h"},
        {"title": True, "type": 1, "priority": [], "status": {}, "labelIds": [None]},
    ]
    for body in bodies:
        response = await http.post("/api/issues", json=body)
        text = response.text
        assert response.status_code == 422
        for leak in ("None", "IssueType", "IssueStatus", "Int", "cannot represent", "Variable"):
            assert leak not in text, (leak, text)


async def test_graphql_keeps_its_own_wording(http: httpx.AsyncClient) -> None:
    outcome = await GraphQL(http).call("createIssue", input={"title": "t", "type": "bug"})
    assert outcome.status == 422 and outcome.error is not None
    assert "does not exist in 'IssueType' enum" in outcome.error
