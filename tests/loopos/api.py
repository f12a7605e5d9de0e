"""LoopOS AI's services called over either transport, so one behaviour suite runs on both:
REST at the documented paths (flat JSON bodies) and GraphQL with the same documents."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from adapters.generated import loopos as adapter
from adapters.runtime.route import Route

ROUTES: dict[str, Route] = {route.operation: route for route in adapter.ROUTES}


@dataclass
class Outcome:
    status: int
    value: Any = None

    @property
    def data(self) -> Any:
        assert self.status == 200, f"{self.status}: {self.value}"
        return self.value


class Rest:
    name = "rest"

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def call(self, operation: str, body: dict[str, Any]) -> Outcome:
        response = await self.client.post(f"/{operation}", json=body)
        return Outcome(response.status_code, response.json())


class GraphQL:
    name = "graphql"

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def call(self, operation: str, body: dict[str, Any]) -> Outcome:
        route = ROUTES[operation]
        response = await self.client.post(
            "/graphql",
            json={
                "query": route.document,
                "operationName": operation,
                "variables": {"input": body},
            },
        )
        assert response.status_code == 200, response.text
        result = response.json()
        if result.get("errors"):
            error = result["errors"][0]
            return Outcome(error["extensions"]["status"], error["message"])
        return Outcome(200, result["data"][route.field])
