"""A failure outside field resolution (here the commit at the end of the unit of work) is the
server's fault: a 500 in Loop's error shape, and an INTERNAL_SERVER_ERROR with a masked message
on GraphQL, never a request-validation answer."""

from __future__ import annotations

import httpx
import pytest

from app.context import RequestContext


@pytest.fixture
def failing_commit(monkeypatch: pytest.MonkeyPatch) -> None:
    rollback = RequestContext.finish

    async def finish(self: RequestContext, *, commit: bool) -> None:
        await rollback(self, commit=False)
        raise RuntimeError("could not commit: the server hung up")

    monkeypatch.setattr(RequestContext, "finish", finish)


async def test_rest_answers_500(http: httpx.AsyncClient, failing_commit: None) -> None:
    response = await http.get("/api/issues")
    assert response.status_code == 500
    assert response.json() == {"error": "Internal server error"}


async def test_graphql_masks_the_error(http: httpx.AsyncClient, failing_commit: None) -> None:
    response = await http.post("/graphql", json={"query": "{ issues { total } }"})
    (error,) = response.json()["errors"]
    assert error["message"] == "Internal server error"
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"


async def test_bad_variables_stay_request_errors(http: httpx.AsyncClient) -> None:
    query = "query($limit: Int) { issues(limit: $limit) { total } }"
    response = await http.post("/graphql", json={"query": query, "variables": {"limit": "x"}})
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert (await http.get("/api/issues", params={"limit": "x"})).status_code == 422
