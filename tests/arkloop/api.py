"""Arkloop's operations over either transport, normalised so one behaviour suite runs on both:
REST at the documented /v1 paths, GraphQL at /arkloop/graphql with the same documents."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import httpx

from adapters.generated import arkloop as adapter
from adapters.runtime.app import OPENAPI_DIR
from adapters.runtime.envelopes.coded import CODES
from adapters.runtime.route import Route

ROUTES: dict[str, Route] = {route.operation: route for route in adapter.ROUTES}
HTTP = {
    operation["operationId"]: (method.upper(), path)
    for path, methods in json.loads((OPENAPI_DIR / "arkloop.json").read_text())["paths"].items()
    for method, operation in methods.items()
}


@dataclass
class Outcome:
    status: int
    value: Any = None
    code: str | None = None
    details: Any = None
    # Seconds a refusal asks to wait: REST's Retry-After, GraphQL's extensions.retryAfter.
    retry_after: int | None = None

    @property
    def data(self) -> Any:
        assert self.code is None, f"{self.status}: {self.code}"
        return self.value


class Rest:
    name = "rest"

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def call(
        self,
        operation: str,
        token: str | None = None,
        variables: dict[str, Any] | None = None,
        **more: Any,
    ) -> Outcome:
        """`variables` carries those whose names clash with the parameters (`token`)."""
        variables = {**(variables or {}), **more}
        route = ROUTES[operation]
        method, path = HTTP[operation]
        for name in list(variables):
            if "{" + name + "}" in path:
                path = path.replace("{" + name + "}", str(variables.pop(name)))
        body = variables.pop(route.body, None) if route.body else None
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = await self.client.request(
            method, path, params=variables, json=body, headers=headers
        )
        assert response.headers.get("x-trace-id")
        if response.status_code >= 400:
            error = response.json()
            assert error["trace_id"] == response.headers["x-trace-id"]
            wait = response.headers.get("retry-after")
            return Outcome(
                response.status_code,
                code=error["code"],
                details=error.get("details"),
                retry_after=int(wait) if wait is not None else None,
            )
        return Outcome(response.status_code, response.json() if response.content else None)


class GraphQL:
    name = "graphql"

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def call(
        self,
        operation: str,
        token: str | None = None,
        variables: dict[str, Any] | None = None,
        **more: Any,
    ) -> Outcome:
        """`variables` carries those whose names clash with the parameters (`token`)."""
        variables = {**(variables or {}), **more}
        route = ROUTES[operation]
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = await self.client.post(
            "/graphql",
            json={"query": route.document, "operationName": operation, "variables": variables},
            headers=headers,
        )
        assert response.status_code == 200, response.text
        result = response.json()
        if result.get("errors"):
            extensions = result["errors"][0].get("extensions", {})
            code = CODES.get(extensions.get("reason"), extensions.get("reason"))
            status = extensions.get("status", 500)
            return Outcome(status, code=code, retry_after=extensions.get("retryAfter"))
        value = result["data"][route.field]
        return Outcome(route.status, None if route.kind == "empty" else value)


async def register(api: Rest | GraphQL, login: str = "alice") -> str:
    """A new user's access token."""
    body = {"login": login, "password": "correct horse", "email": f"{login}@example.com"}
    outcome = await api.call("register", input=body)
    assert outcome.status == 201, outcome
    return str(outcome.data["access_token"])
