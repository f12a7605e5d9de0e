"""A domain's rate limit, spent on the work a request asks for. A REST request is one unit,
counted per client address, method and path before its body is read (`LimitsMiddleware`). On
the GraphQL endpoint, whatever the transport (GET, POST, WebSocket, server-sent events), an
operation is as many units as it has root fields, counted per client address once it is
validated and before anything in it runs: each alias is a field of its own, fragments on the
root type are expanded, and a field written twice under one name runs, and counts, once.
`@skip` and `@include` are not read: what an operation could run is what it costs. So 200
aliased mutations in one document cost 200, and over the limit none of them runs; a document
refused before it executes (malformed, invalid, over a guard's bound) runs nothing and costs
nothing.

Units are spent all at once or not at all (the `limits` library's `cost`), on the one client
address `app.clients` reads."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from functools import partial

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionSetNode,
    get_operation_ast,
)
from starlette.types import Scope
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult

from app.clients import client_address
from app.errors import RateLimited
from app.ratelimit import RateLimiter

# The key of the clients whose connection has no address (a Unix socket, an in-process client).
UNKNOWN = "unknown"


class OverQuota(RateLimited):
    """A refusal of the quota, before anything ran. Over GraphQL it is told apart from a
    resolver's own `RateLimited`, which is answered as any error of its field."""


class Quota:
    """`rate` in the `limits` notation; requests whose path ends with `graphql_suffix` are
    counted by their operations."""

    def __init__(self, rate: str, redis_url: str | None, *, graphql_suffix: str) -> None:
        self.limiter = RateLimiter(rate, redis_url)
        self.graphql_suffix = graphql_suffix

    def counts_operations(self, scope: Scope) -> bool:
        return bool(scope["path"].endswith(self.graphql_suffix))

    async def spend(self, scope: Scope, cost: int = 1) -> OverQuota | None:
        """Spend `cost` units of the client's quota for the endpoint of `scope`; the refusal
        when they would pass the limit (nothing is spent then)."""
        client = client_address(scope) or UNKNOWN
        graphql = self.counts_operations(scope)
        endpoint = (scope["path"],) if graphql else (scope["method"], scope["path"])
        wait = await self.limiter.hit(client, *endpoint, cost=cost)
        if wait is None:
            return None
        return OverQuota(f"Rate limit exceeded: {self.limiter.description}", wait)


class OperationsQuota(SchemaExtension):
    """Spends each GraphQL operation's units. It sees REST routes' operations too, and leaves
    them to the middleware."""

    def __init__(self, quota: Quota) -> None:
        super().__init__()
        self.quota = quota

    async def on_execute(self) -> AsyncIterator[None]:
        execution = self.execution_context
        request = getattr(execution.context, "request", None)
        if request is not None and self.quota.counts_operations(request.scope):
            assert execution.graphql_document is not None
            cost = root_fields(execution.graphql_document, execution.operation_name)
            refused = await self.quota.spend(request.scope, cost)
            if refused is not None:
                raise refused
        yield


def operations_quota(quota: Quota | None) -> list[Callable[[], SchemaExtension]]:
    """The schema extensions of an app: the quota's, when it has one."""
    return [partial(OperationsQuota, quota)] if quota is not None else []


def over_quota(result: ExecutionResult) -> OverQuota | None:
    """The quota's refusal behind a result's errors, if that is why it did not run."""
    for error in result.errors or ():
        if isinstance(error.original_error, OverQuota):
            return error.original_error
    return None


def root_fields(document: DocumentNode, operation_name: str | None) -> int:
    """How many fields the operation resolves at its root: its distinct response keys, with
    every fragment read once. Validation has checked that each fragment there applies to the
    root type."""
    operation = get_operation_ast(document, operation_name)
    assert operation is not None, "Strawberry refuses a request naming no operation it has"
    fragments = {
        definition.name.value: definition.selection_set
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    keys: set[str] = set()
    spread: set[str] = set()
    pending: list[SelectionSetNode] = [operation.selection_set]
    while pending:
        for selection in pending.pop().selections:
            if isinstance(selection, FieldNode):
                keys.add((selection.alias or selection.name).value)
            elif isinstance(selection, InlineFragmentNode):
                pending.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode) and selection.name.value not in spread:
                spread.add(selection.name.value)
                pending.append(fragments[selection.name.value])
    return len(keys)
