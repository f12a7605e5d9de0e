"""Loop's operations called over either transport, with results normalised so one behaviour
suite runs on both: REST at the documented paths, and GraphQL with the same documents."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import httpx

from adapters.generated import loop as adapter
from adapters.runtime.app import OPENAPI_DIR
from adapters.runtime.route import Route

ROUTES: dict[str, Route] = {route.operation: route for route in adapter.ROUTES}


def _http_index() -> dict[str, tuple[str, str]]:
    document = json.loads((OPENAPI_DIR / "loop.json").read_text())
    return {
        operation["operationId"]: (method.upper(), path)
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    }


HTTP = _http_index()


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

    async def call(self, operation: str, **variables: Any) -> Outcome:
        route = ROUTES[operation]
        method, path = HTTP[operation]
        for name in list(variables):
            if "{" + name + "}" in path:
                path = path.replace("{" + name + "}", str(variables.pop(name)))
        body = variables.pop(route.body) if route.body else None
        query = {k: ",".join(v) if isinstance(v, list) else v for k, v in variables.items()}
        response = await self.client.request(method, path, params=query, json=body)
        if response.status_code >= 400:
            return Outcome(response.status_code, error=response.json()["error"])
        if route.kind == "empty" or response.status_code == 204:
            assert response.content == b""
            return Outcome(response.status_code)
        payload = response.json()
        if route.kind == "item":
            payload = payload["data"]
        elif route.kind == "page":
            payload = {"items": payload["data"], "total": payload["total"]}
        return Outcome(response.status_code, payload)


class GraphQL:
    name = "graphql"

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def call(self, operation: str, **variables: Any) -> Outcome:
        route = ROUTES[operation]
        response = await self.client.post(
            "/graphql",
            json={"query": route.document, "operationName": operation, "variables": variables},
        )
        assert response.status_code == 200, response.text
        result = response.json()
        if result.get("errors"):
            error = result["errors"][0]
            return Outcome(error.get("extensions", {}).get("status", 500), error=error["message"])
        value = result["data"][route.field]
        if route.kind == "maybe" and value is None:
            return Outcome(204)
        return Outcome(route.status, None if route.kind == "empty" else value)
