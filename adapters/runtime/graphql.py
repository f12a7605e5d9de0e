"""The GraphQL endpoint: Strawberry's FastAPI router on the domain's executor's schema, with
automatic persisted queries (Apollo's protocol), JSON written by orjson, as the REST
envelopes write it, and the domain's own GraphiQL page."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Any

import orjson
from cross_web import HTTPException
from fastapi import Request
from fastapi.responses import HTMLResponse
from graphql import GraphQLError
from strawberry.fastapi import GraphQLRouter
from strawberry.http import GraphQLRequestData
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET

from app.caches import TextCache

from . import graphql_requests
from .consoles import Consoles
from .execute import Executor
from .quota import over_quota

NOT_FOUND = "PersistedQueryNotFound"


class PersistedQueries:
    """Queries by the sha256 of their text, registered by clients on a miss; the least
    recently used go first once their texts pass `budget` characters. A registered query is
    treated as any other text: compiled once it is seen repeatedly, like any document."""

    def __init__(self, budget: int) -> None:
        self.queries: TextCache[str] = TextCache(budget)

    def lookup(self, sha256: str) -> str | None:
        return self.queries.get(sha256)

    def register(self, sha256: str, query: str) -> None:
        if hashlib.sha256(query.encode()).hexdigest() != sha256:
            raise HTTPException(400, "provided sha does not match query")
        self.queries.put(sha256, query, query)


def persisted_hash(extensions: dict[str, Any] | None) -> str | None:
    """The sha256 of `extensions.persistedQuery`, if the request has one (version 1 only)."""
    persisted = (extensions or {}).get("persistedQuery")
    if persisted is None:
        return None
    if not isinstance(persisted, dict) or persisted.get("version") != 1:
        raise HTTPException(400, "Unsupported persisted query version")
    sha256 = persisted.get("sha256Hash")
    if not isinstance(sha256, str):
        raise HTTPException(400, "persistedQuery.sha256Hash must be a string")
    return sha256


def not_found() -> ExecutionResult:
    error = GraphQLError(NOT_FOUND, extensions={"code": "PERSISTED_QUERY_NOT_FOUND"})
    return ExecutionResult(data=None, errors=[error])


class FacetGraphQLRouter(GraphQLRouter[Any, None]):
    """Executes on `executor.schema`, so GraphQL runs compiled plans exactly when REST does."""

    def __init__(
        self, executor: Executor, *, persisted_budget: int, consoles: Consoles, **kwargs: Any
    ) -> None:
        super().__init__(executor.schema, graphql_ide="graphiql", **kwargs)
        self.persisted = PersistedQueries(persisted_budget)
        self.consoles = consoles

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        return self.consoles.graphiql(request.scope.get("root_path", ""))

    def encode_json(self, data: object) -> str:
        # Text, not bytes: WebSocket subscription protocols exchange JSON in text frames.
        return orjson.dumps(data).decode()

    def decode_json(self, data: str | bytes) -> object:
        return graphql_requests.decode_json(data)

    def parse_json(self, data: str | bytes) -> Any:
        return graphql_requests.parse_json(data)

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        """Strawberry's, with what it refuses (HTTPException, answered as plain text by its
        routes) answered in GraphQL's shape."""
        try:
            return await super().run(request, context, root_value)
        except HTTPException as error:
            return graphql_requests.refusal(error)
        finally:
            if isinstance(request, Request):
                await request.close()  # the files of a multipart request

    async def execute_single(
        self,
        request: Any,
        request_adapter: Any,
        sub_response: Any,
        context: Any,
        root_value: Any,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        sha256 = persisted_hash(request_data.extensions)
        if sha256 is not None:
            if request_data.query is None:
                query = self.persisted.lookup(sha256)
                if query is None:
                    return not_found()
                request_data = replace(request_data, query=query)
            else:
                self.persisted.register(sha256, request_data.query)
        result = await super().execute_single(
            request, request_adapter, sub_response, context, root_value, request_data
        )
        refused = over_quota(result)
        if refused is not None:
            # Answered as the domain answers any request over its rate limit: its 429, with
            # Retry-After, which HTTP clients act on.
            raise refused
        return result
