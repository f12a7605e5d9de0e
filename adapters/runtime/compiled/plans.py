"""Which operations run compiled: documents prepared at startup (REST routes), registered as
persisted queries, or seen repeatedly. Plans are keyed by the document's source text (the
parse cache hands every request for the same text the same document), the operation and the
values of the variables its @skip/@include directives read."""

from __future__ import annotations

import logging
from typing import Any

from graphql import (
    DirectiveNode,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    VariableNode,
    parse,
    validate,
)
from graphql.execution.values import VariableValues
from graphql.language import Visitor, visit

from app.caches import TextCache

from .internals import fragments_of
from .plan import ObjectPlan, Scope, Unsupported, compile_operation

log = logging.getLogger("facet.compiled")
CONDITIONS = ("skip", "include")


# Characters of document text each of the stores below may hold; a plan takes memory in
# proportion to its document. Pinned documents are not counted.
PLAN_CACHE_TEXT = 512 * 1024


class Plans:
    def __init__(
        self, schema: GraphQLSchema, *, repeat: int = 2, budget: int = PLAN_CACHE_TEXT
    ) -> None:
        self.schema = schema
        # Off: every operation runs on the standard executor, to compare the two in one process
        # (tests, benchmarks).
        self.enabled = True
        self.repeat = repeat
        # Documents prepared at startup (the REST routes) stay hot whatever clients send, and
        # their plans stay compiled.
        self.pinned: set[str] = set()
        self.hot: TextCache[bool] = TextCache(budget)
        self.seen: TextCache[int] = TextCache(budget)
        self.plans: TextCache[ObjectPlan | None] = TextCache(budget)
        self.conditions: TextCache[tuple[str, ...]] = TextCache(budget)

    def prepare(self, document: str) -> None:
        """Run this document compiled from its first request; compile its operations now
        unless their selections depend on variables."""
        self.pinned.add(document)
        parsed = parse(document)
        if validate(self.schema, parsed):
            return
        fragments = fragments_of(parsed.definitions)
        for operation in parsed.definitions:
            if isinstance(operation, OperationDefinitionNode):
                scope = Scope(self.schema, fragments, VariableValues({}, {}), operation, False)
                if not condition_variables(scope):
                    self.plan_for(scope)

    def plan_for(self, scope: Scope) -> ObjectPlan | None:
        operation = scope.operation
        source = operation.loc.source.body if operation.loc is not None else None
        if source is None or not self.enabled or not self._is_hot(source):
            return None
        name = operation.name.value if operation.name else None
        names = self.conditions.get((source, name))
        if names is None:
            names = condition_variables(scope)
            self.conditions.put((source, name), source, names)
        coerced = scope.variable_values.coerced
        key = (source, name, tuple(coerced.get(n) for n in names))
        if key in self.plans:
            return self.plans.get(key)
        plan = self._compile(scope)
        self.plans.put(key, source, plan, keep=source in self.pinned)
        return plan

    def _is_hot(self, source: str) -> bool:
        if source in self.pinned or source in self.hot:
            return True
        count = (self.seen.get(source) or 0) + 1
        if count < self.repeat:
            self.seen.put(source, source, count)
            return False
        self.seen.pop(source)
        self.hot.put(source, source, True)
        return True

    def _compile(self, scope: Scope) -> ObjectPlan | None:
        if scope.operation.operation == OperationType.SUBSCRIPTION:
            return None
        try:
            return compile_operation(scope)
        except Unsupported as reason:
            log.info("not compiled (%s): runs on the standard executor", reason)
        except Exception:
            log.exception("compiling failed: the operation runs on the standard executor")
        return None


def condition_variables(scope: Scope) -> tuple[str, ...]:
    """The variables @skip/@include read anywhere in the operation or its fragments."""
    names: set[str] = set()

    class Conditions(Visitor):
        def enter_directive(self, node: DirectiveNode, *_: Any) -> None:
            if node.name.value in CONDITIONS:
                for argument in node.arguments or ():
                    if isinstance(argument.value, VariableNode):
                        names.add(argument.value.name.value)

    visit(scope.operation, Conditions())
    for fragment in scope.fragments.values():
        visit(fragment.definition, Conditions())
    return tuple(sorted(names))
