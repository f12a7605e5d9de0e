"""LoreOS's operations over either transport, normalised so one behaviour suite runs on both:
REST at the documented /v1 paths, GraphQL at /loreos/graphql with the same documents."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import httpx

from adapters.generated import loreos as adapter
from adapters.runtime.app import OPENAPI_DIR
from adapters.runtime.envelopes.versioned import PLATFORM
from adapters.runtime.route import Route

ROUTES: dict[str, Route] = {route.operation: route for route in adapter.ROUTES}
HTTP = {
    operation["operationId"]: (method.upper(), path)
    for path, methods in json.loads((OPENAPI_DIR / "loreos.json").read_text())["paths"].items()
    for method, operation in methods.items()
}
# Header-bound variables, by variable name.
HEADERS = {"idempotency_key": "Idempotency-Key"}


@dataclass
class Outcome:
    status: int
    value: Any = None
    code: str | None = None
    next_actions: list[dict[str, str]] | None = None

    @property
    def data(self) -> Any:
        assert self.code is None, f"{self.status}: {self.code}"
        return self.value


def _code(detail: Any) -> str:
    """A plain-string detail (a refused credential) reads as its status's platform code."""
    return detail["code"] if isinstance(detail, dict) else "plain"


class Rest:
    name = "rest"

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def call(self, operation: str, key: str | None = None, **variables: Any) -> Outcome:
        route = ROUTES[operation]
        method, path = HTTP[operation]
        for name in list(variables):
            if "{" + name + "}" in path:
                path = path.replace("{" + name + "}", str(variables.pop(name)))
        body = variables.pop(route.body, None) if route.body else None
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        for name, header in HEADERS.items():
            if name in variables:
                headers[header] = variables.pop(name)
        response = await self.client.request(
            method, path, params=variables, json=body, headers=headers
        )
        if not response.headers.get("content-type", "").startswith("application/json"):
            return Outcome(response.status_code, response.content)  # a file's or a text's bytes
        payload = response.json()
        if response.status_code >= 400:
            return Outcome(response.status_code, payload["detail"], code=_code(payload["detail"]))
        assert payload["schema_version"] == "v0"
        return Outcome(response.status_code, payload["data"], next_actions=payload["next_actions"])


class GraphQL:
    name = "graphql"

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def call(self, operation: str, key: str | None = None, **variables: Any) -> Outcome:
        route = ROUTES[operation]
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        response = await self.client.post(
            "/graphql",
            json={"query": route.document, "operationName": operation, "variables": variables},
            headers=headers,
        )
        assert response.status_code == 200, response.text
        result = response.json()
        if result.get("errors"):
            extensions = result["errors"][0].get("extensions", {})
            reason = extensions.get("reason")
            status = extensions.get("status", 500)
            code = PLATFORM.get(reason, (reason, ""))[0]
            if reason in ("UNAUTHENTICATED", "FORBIDDEN"):
                code = "plain"
            return Outcome(status, result["errors"][0]["message"], code=code)
        return Outcome(route.status, result["data"][route.field])
