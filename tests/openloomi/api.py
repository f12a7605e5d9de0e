"""OpenLoomi's operations over either transport, normalised so one behaviour suite runs on both:
REST at the documented /api paths, GraphQL at /openloomi/graphql with the same documents."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import httpx

from adapters.generated import openloomi as adapter
from adapters.runtime.app import OPENAPI_DIR
from adapters.runtime.route import Route

ROUTES: dict[str, Route] = {route.operation: route for route in adapter.ROUTES}
HTTP = {
    operation["operationId"]: (method.upper(), path)
    for path, methods in json.loads((OPENAPI_DIR / "openloomi.json").read_text())["paths"].items()
    for method, operation in methods.items()
}
PASSWORD = "secret123"


@dataclass
class Outcome:
    status: int
    value: Any = None
    error: str | None = None

    @property
    def data(self) -> Any:
        assert self.error is None, f"{self.status}: {self.error}"
        return self.value


class Rest:
    name = "rest"

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def call(self, operation: str, token: str | None = None, **variables: Any) -> Outcome:
        route = ROUTES[operation]
        method, path = HTTP[operation]
        for name in list(variables):
            if "{" + name + "}" in path:
                path = path.replace("{" + name + "}", str(variables.pop(name)))
        body = variables.pop(route.body, None) if route.body else None
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.client.cookies.clear()  # the token given is the one that counts
        response = await self.client.request(
            method, path, params=variables, json=body, headers=headers
        )
        self.client.cookies.clear()
        if response.status_code >= 400:
            error = response.json()
            return Outcome(response.status_code, error, error=error["error"])
        return Outcome(response.status_code, response.json() if response.content else None)


class GraphQL:
    name = "graphql"

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def call(self, operation: str, token: str | None = None, **variables: Any) -> Outcome:
        route = ROUTES[operation]
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.client.cookies.clear()
        response = await self.client.post(
            "/graphql",
            json={"query": route.document, "operationName": operation, "variables": variables},
            headers=headers,
        )
        self.client.cookies.clear()
        assert response.status_code == 200, response.text
        result = response.json()
        if result.get("errors"):
            error = result["errors"][0]
            return Outcome(error["extensions"]["status"], error=error["message"])
        return Outcome(route.status, result["data"][route.field])


Api = Rest | GraphQL


async def register(api: Api, email: str = "alice@example.com") -> str:
    """A new user's token."""
    outcome = await api.call("remoteRegister", input={"email": email, "password": PASSWORD})
    assert outcome.status == 200, outcome
    return str(outcome.data["token"])
