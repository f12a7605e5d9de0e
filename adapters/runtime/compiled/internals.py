"""Every private part of Strawberry, graphql-core, Strawberry's DataLoader and asyncio that the
compiled executor relies on, and the check that they are still what it expects.

graphql-core documents its executor's methods as outside its public API and keeps field
collection and error bookkeeping in internal modules; Strawberry's resolver wrappers, field
back-references and `Info` fields are private; DataLoader's cache of futures and asyncio's
`_asyncio_future_blocking` are implementation details. Any release may change them, so the
rest of the compiled package reaches them only through this module, and `mismatches()` tries
each one once per process on a small probe schema: when one is not as expected it logs what,
once, and domains serve on the standard executor (`execute.domain_executor`)."""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Callable, Iterable
from copy import copy
from dataclasses import dataclass
from enum import Enum
from functools import cache
from importlib.metadata import version
from typing import TYPE_CHECKING, Any, NamedTuple, cast

import strawberry
from graphql import (
    ExecutionResult,
    Executor,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLField,
    GraphQLObjectType,
    GraphQLSchema,
    MiddlewareManager,
    OperationType,
    parse,
)
from graphql.pyutils import AwaitableOrValue, Path
from strawberry import Schema
from strawberry.dataloader import AbstractCache, DataLoader

if TYPE_CHECKING:
    from .plan import Scope

IMPORT_ERROR: ImportError | None = None
try:
    from graphql.execution.collect_fields import CollectedFields as CollectedFields
    from graphql.execution.collect_fields import FieldDetails as FieldDetails
    from graphql.execution.collect_fields import FragmentDetails as FragmentDetails
    from graphql.execution.collect_fields import collect_fields, collect_subfields
    from graphql.execution.executor import CollectedErrors
except ImportError as missing:  # reported by `mismatches()`
    IMPORT_ERROR = missing

log = logging.getLogger("facet.compiled")
# Strawberry keeps its own field definition on every graphql-core field under this key.
STRAWBERRY_FIELD = "strawberry-definition"

# Answers an operation graphql-core is about to execute (run serially or not), or returns None
# to leave it to graphql-core.
Answer = Callable[["Execution", bool], AwaitableOrValue[Any] | None]


# graphql-core's executor


def with_plan_execution(schema: Schema, answer: Answer) -> Schema:
    """A copy of the domain's schema (sharing its types, extensions and caches) whose operations
    graphql-core executes through `PlanExecution`, which lets `answer` answer first."""
    executing = copy(schema)
    executing.execution_context_class = _plan_execution(schema.execution_context_class, answer)
    return executing


def _plan_execution(base: type[Executor[Any]], answer: Answer) -> type[Executor[Any]]:
    class PlanExecution(base):  # type: ignore[valid-type,misc]
        def execute_operation(self, serially: bool | None = None) -> AwaitableOrValue[Any]:
            if _plain(self):
                mutation = self.operation.operation == OperationType.MUTATION
                execution = Execution(self, base.execute_operation)
                answered = answer(execution, mutation if serially is None else serially)
                if answered is not None:
                    return answered
            return super().execute_operation(serially)

    return PlanExecution


def _plain(executor: Any) -> bool:
    """No resolver middleware (schema extensions with a `resolve` hook), no abort signal, and
    the default null propagation: what the compiled runner implements."""
    middleware = executor.middleware_manager
    return (
        (middleware is None or middleware._middleware_resolvers is None)
        and executor.abort_signal is None
        and executor.error_propagation
    )


class Execution:
    """What running a plan uses of graphql-core's executor for one operation. `errors` is the
    live list of errors collected so far."""

    __slots__ = (
        "_executor",
        "_standard",
        "add_error",
        "context",
        "errors",
        "field_resolver",
        "has_nulled_position",
        "hide_suggestions",
        "is_awaitable",
        "resolve_info",
        "response",
        "root",
        "scope",
        "variables",
    )

    def __init__(self, executor: Executor[Any], standard: Callable[..., Any]) -> None:
        collected = executor.collected_errors
        self.scope = cast("Scope", executor)
        self.context = executor.context_value
        self.root = executor.root_value
        self.variables = executor.variable_values
        self.hide_suggestions = executor.hide_suggestions
        self.field_resolver = executor.field_resolver
        self.is_awaitable = executor.is_awaitable
        self.resolve_info = executor.build_resolve_info
        self.response = executor.build_response
        self.errors: list[GraphQLError] = collected.errors
        self.add_error = collected.add
        self.has_nulled_position = collected.has_nulled_position
        self._executor = executor
        self._standard = standard

    async def answer_again(self) -> ExecutionResult:
        """graphql-core's own answer, from the start: no error collected yet."""
        rerun = copy(self._executor)
        rerun.collected_errors = CollectedErrors()
        answer = self._standard(rerun, False)
        result = await answer if self.is_awaitable(answer) else answer
        assert isinstance(result, ExecutionResult)
        return result


def complete_leaf(type_: Any, value: Any) -> Any:
    """graphql-core's completion of a leaf value: raises its error for one it cannot serialize."""
    return Executor.complete_leaf_value(type_, value)


def root_fields(scope: Scope, root_type: GraphQLObjectType) -> CollectedFields:
    return collect_fields(
        scope.schema,
        scope.fragments,
        scope.variable_values,
        root_type,
        scope.operation,
        scope.hide_suggestions,
    )


def subfields(
    scope: Scope, type_: GraphQLObjectType, details: list[FieldDetails]
) -> CollectedFields:
    return collect_subfields(
        scope.schema,
        scope.fragments,
        scope.variable_values,
        scope.operation,
        type_,
        details,
        scope.hide_suggestions,
    )


def fragments_of(definitions: Iterable[Any]) -> dict[str, FragmentDetails]:
    return {
        d.name.value: FragmentDetails(d)
        for d in definitions
        if isinstance(d, FragmentDefinitionNode)
    }


# Strawberry


def graphql_schema(schema: Schema) -> GraphQLSchema:
    return schema._schema


def plain_attribute(definition: GraphQLField) -> str | None:
    """The attribute to read when the field is exactly Strawberry's `getattr` default: no
    resolver, no extensions, no exception handlers (its resolve is then `_get_basic_result`)."""
    field = (definition.extensions or {}).get(STRAWBERRY_FIELD)
    resolve = definition.resolve
    if (
        field is None
        or resolve is None
        or resolve.__name__ != "_get_basic_result"
        or not field.is_basic_field
        or field.default_resolver is not getattr
    ):
        return None
    return str(field.python_name)


def _bare_field(schema: GraphQLSchema, definition: GraphQLField) -> Any:
    """The Strawberry field of a resolver whose wrapper would only build `Info` and pass it on:
    no GraphQL arguments, no field extensions (permissions are extensions too), on a schema
    without exception handlers."""
    strawberry_schema: Any = getattr(schema, "_strawberry_schema", None)
    field = (definition.extensions or {}).get(STRAWBERRY_FIELD)
    resolve = definition.resolve
    if (
        strawberry_schema is None
        or field is None
        or resolve is None
        or resolve.__name__ not in ("_resolver", "_async_resolver")
        or field.base_resolver is None
        or field.extensions
        or field.arguments
        or strawberry_schema.schema_converter.exception_handlers
    ):
        return None
    return field


def resolver_owner(schema: GraphQLSchema, definition: GraphQLField) -> object:
    """The object a bare resolver is a bound method of (a declared relation), if any."""
    field = _bare_field(schema, definition)
    return getattr(field.base_resolver.wrapped_func, "__self__", None) if field else None


@dataclass(slots=True)
class Direct:
    """A Strawberry resolver called without Strawberry's per-field wrapper, passing what the
    wrapper would: the source as `self`, `root` or `parent`, and Strawberry's `Info`."""

    function: Callable[..., Any]
    field: Any  # StrawberryField
    info_class: type
    takes_self: bool
    source_names: tuple[str, ...]
    info_name: str | None

    def __call__(self, source: Any, info: Any) -> Any:
        kwargs = dict.fromkeys(self.source_names, source)
        if self.info_name is not None:
            kwargs[self.info_name] = self.info_class(_raw_info=info, _field=self.field)
        if self.takes_self:
            return self.function(source, **kwargs)
        return self.function(**kwargs)


def direct_call(schema: GraphQLSchema, definition: GraphQLField) -> Direct | None:
    field = _bare_field(schema, definition)
    if field is None or not inspect.isfunction(field.base_resolver.wrapped_func):
        return None
    resolver = field.base_resolver
    strawberry_schema: Any = getattr(schema, "_strawberry_schema", None)
    sources = (resolver.parent_parameter, resolver.root_parameter)
    return Direct(
        function=resolver.wrapped_func,
        field=field,
        info_class=strawberry_schema.config.info_class,
        takes_self=resolver.self_parameter is not None,
        source_names=tuple(p.name for p in sources if p is not None),
        info_name=resolver.info_parameter.name if resolver.info_parameter else None,
    )


def enum_members(type_: Any) -> type | None:
    """The Python enum a Strawberry enum type was declared as."""
    members = getattr(type_, "wrapped_cls", None)
    return members if isinstance(members, type) else None


# DataLoader and asyncio


class LoaderParts(NamedTuple):
    # The futures of the values it holds or is loading, by key (None when it does not cache).
    cache: AbstractCache[Any, Any] | None
    load: Callable[[list[Any]], Any]
    max_batch_size: int | None


def loader_parts(loader: DataLoader[Any, Any]) -> LoaderParts:
    return LoaderParts(
        loader.cache_map if loader.cache else None, loader.load_fn, loader.max_batch_size
    )


def accept_yield(future: asyncio.Future[Any]) -> None:
    """Take a future a coroutine yielded as a task does: it is awaited by whoever stepped it."""
    future._asyncio_future_blocking = False


# The check


@cache
def mismatches() -> tuple[str, ...]:
    """What is not as this module expects, tried once per process (and logged then)."""
    try:
        expectations = _Probe().expectations()
    except Exception:
        expectations = [("Strawberry's schema", lambda: False)]
    found = tuple(what for what, holds in expectations if not _holds(holds))
    if found:
        log.warning(
            "compiled plans are off: %s not as expected (strawberry-graphql %s, graphql-core"
            " %s); domains serve on the standard executor",
            "; ".join(found),
            version("strawberry-graphql"),
            version("graphql-core"),
        )
    return found


def _holds(check: Callable[[], object]) -> bool:
    try:
        return bool(check())
    except Exception:
        return False


@strawberry.enum(name="Shade")
class _Shade(Enum):
    DARK = "dark"


@strawberry.type(name="Query")
class _Query:
    plain: int
    shade: _Shade

    @strawberry.field
    def resolved(self, info: strawberry.Info) -> int:
        return 1


class _QuietSchema(Schema):
    """A probe's failure is reported by `mismatches()`, once: Strawberry does not log it."""

    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        pass


class _Probe:
    """A small schema run once through `PlanExecution`, and what each internal should give."""

    def __init__(self) -> None:
        self.schema = _QuietSchema(query=_Query)
        self.graphql = graphql_schema(self.schema)
        self.seen: list[Execution] = []

    def field(self, name: str) -> GraphQLField:
        assert self.graphql.query_type is not None
        field: GraphQLField = self.graphql.query_type.fields[name]
        return field

    def expectations(self) -> list[tuple[str, Callable[[], object]]]:
        return [
            ("graphql-core's collect_fields and CollectedErrors", lambda: IMPORT_ERROR is None),
            ("Strawberry's execution context class", self.executes_through_plans),
            ("graphql-core's executor methods", self.executor_methods),
            ("graphql-core's CollectedErrors", self.collects_errors),
            ("graphql-core's field collection", self.collects_fields),
            ("Strawberry's default resolver", lambda: plain_attribute(self.field("plain"))),
            ("Strawberry's resolver wrapper and Info", self.calls_directly),
            ("Strawberry's enum types", self.enum_types),
            ("DataLoader's cache of futures", self.caches_futures),
            ("asyncio's future blocking flag", self.futures_block),
        ]

    def executes_through_plans(self) -> bool:
        """The copy's execution context answers first, and leaves the answer to graphql-core
        when told to."""

        def answer(execution: Execution, serially: bool) -> None:
            self.seen.append(execution)

        executing = with_plan_execution(self.schema, answer)
        result = executing.execute_sync("{ plain }", root_value=_Query(plain=1, shade=_Shade.DARK))
        return (
            result.data == {"plain": 1}
            and len(self.seen) == 1
            and MiddlewareManager()._middleware_resolvers is None
        )

    def executor_methods(self) -> bool:
        signatures: dict[Callable[..., Any], str] = {
            Executor.execute_operation: "self serially",
            Executor.build_response: "self data",
            Executor.build_resolve_info: "self field_def field_nodes parent_type path",
            Executor.complete_leaf_value: "return_type result",
        }
        return all(
            " ".join(inspect.signature(method).parameters) == names
            for method, names in signatures.items()
        )

    def collects_errors(self) -> bool:
        collected = CollectedErrors()
        errors = collected.errors
        at = Path(None, "plain", "Query")
        collected.add(GraphQLError("probe"), at)
        return len(errors) == 1 and collected.has_nulled_position(at.add_key(0, None))

    def collects_fields(self) -> bool:
        assert self.graphql.query_type is not None
        scope = self.seen[0].scope
        collected = root_fields(scope, self.graphql.query_type)
        (details,) = collected.grouped_field_set["plain"]
        return (
            collected.new_defer_usages == []
            and details.node.name.value == "plain"
            and details.defer_usage is None
            and details.fragment_variable_values is None
            and bool(fragments_of(parse("fragment F on Query { plain }").definitions)["F"])
        )

    def calls_directly(self) -> bool:
        direct = direct_call(self.graphql, self.field("resolved"))
        parameters = inspect.signature(direct.info_class).parameters if direct else {}
        return (
            direct is not None
            and direct.takes_self
            and direct.info_name == "info"
            and {"_raw_info", "_field"} <= set(parameters)
        )

    def enum_types(self) -> bool:
        return enum_members(self.graphql.type_map["Shade"]) is _Shade

    def caches_futures(self) -> bool:
        async def load(keys: list[int]) -> list[int]:
            return keys

        parts = loader_parts(DataLoader(load_fn=load, max_batch_size=7))
        marker: Any = object()
        if parts.cache is None:
            return False
        parts.cache.set(1, marker)
        return parts.load is load and parts.max_batch_size == 7 and parts.cache.get(1) is marker

    @staticmethod
    def futures_block() -> bool:
        return hasattr(asyncio.Future, "_asyncio_future_blocking")
