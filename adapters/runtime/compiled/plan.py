"""Compiling an operation into a plan: its selections collected once (fragments, aliases and
@skip/@include applied) into a tree of field plans, each knowing how to read, resolve and
complete its value. Anything the runner does not implement raises `Unsupported`, and the
operation then runs on graphql-core's executor instead."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeAlias, runtime_checkable

from graphql import (
    FieldNode,
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLField,
    GraphQLID,
    GraphQLInt,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    GraphQLString,
    ListValueNode,
    ObjectValueNode,
    OperationDefinitionNode,
    ValueNode,
    VariableNode,
    is_leaf_type,
)
from graphql.execution.values import VariableValues, get_argument_values
from graphql.pyutils import Undefined
from strawberry.dataloader import DataLoader

from . import internals
from .filler import Filler, build_filler
from .internals import Direct

if TYPE_CHECKING:
    from .internals import CollectedFields, FieldDetails, FragmentDetails

MAX_DEPTH = 64


@runtime_checkable
class Batched(Protocol):
    """What a resolver's owner declares when the field's value is what a dataloader holds for a
    key read off the source: the runner, instead of calling the resolver once per object, loads
    a whole level's keys of each dataloader together. Domains implement it without importing
    the runtime."""

    # The source's key (None when the source has no value).
    key: Callable[[Any], Any]

    def loader(self, context: Any) -> DataLoader[Any, Any]: ...


class Unsupported(Exception):
    """The operation uses something the compiled runner does not implement."""


class Scope(NamedTuple):
    """What compiling needs from an executor (graphql-core's `Executor` has these attributes)."""

    schema: GraphQLSchema
    fragments: dict[str, FragmentDetails]
    variable_values: VariableValues
    operation: OperationDefinitionNode
    hide_suggestions: bool


@dataclass(slots=True)
class Leaf:
    type: Any  # GraphQLScalarType | GraphQLEnumType
    # `str`/`int`/`bool` when values of exactly that type pass unchanged (built-in scalars).
    passthrough: type | None
    # For enums: each runtime value's GraphQL name (see `_enum_names`), and for Strawberry
    # enums the member class, whose instances are looked up by their value.
    enum_names: dict[Any, str] | None = None
    members: type | None = None
    # Built-in Int: Python ints within 32 bits pass unchanged.
    int32: bool = False


@dataclass(slots=True)
class NonNull:
    inner: Shape


@dataclass(slots=True)
class ListOf:
    inner: Shape


@dataclass(slots=True)
class ObjectPlan:
    type: GraphQLObjectType
    fields: list[FieldPlan]
    # Every field `__typename` or an attribute holding leaves (one, or lists of them): filled
    # without awaiting or deeper objects, so the runner completes such an object once per
    # source and shares the result.
    leaf_only: bool = field(init=False)
    fill: Filler = field(init=False)

    # One plan per field, for running a mutation's root fields one after the other.
    serial: list[ObjectPlan] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.leaf_only = all(
            f.typename is not None or (f.attribute is not None and _holds_leaves(f.shape))
            for f in self.fields
        )
        self.fill = build_filler(self.type.name, self.fields)

    def one_by_one(self) -> list[ObjectPlan]:
        if self.serial is None:
            self.serial = [ObjectPlan(self.type, [f]) for f in self.fields]
        return self.serial


Shape: TypeAlias = Leaf | NonNull | ListOf | ObjectPlan


@dataclass(slots=True)
class FieldPlan:
    key: str
    name: str
    parent_type: GraphQLObjectType
    definition: GraphQLField
    nodes: list[FieldNode]
    shape: Shape
    non_null: bool
    resolve: Callable[..., Any] | None
    # Set when the value is a plain attribute read (Strawberry's default resolver).
    attribute: str | None = None
    # Set for `__typename`: the value is the parent type's name.
    typename: str | None = None
    # Arguments coerced at compile time when they use no variables.
    arguments: dict[str, Any] | None = None
    # Set when the field is a leaf read from an attribute: the runner's fast path.
    leaf: Leaf | None = None
    # Set when the field is a list of built-in scalars read from an attribute: the Python type
    # its items pass unchanged as (the fillers' fast path).
    item_kind: type | None = None
    # Set when the resolver can be called without Strawberry's wrapper.
    direct: Direct | None = None
    # Set when the field is a dataloader read the runner queues itself.
    batched: Batched | None = None


def _holds_leaves(shape: Shape) -> bool:
    while type(shape) is NonNull or type(shape) is ListOf:
        shape = shape.inner
    return type(shape) is Leaf


def compile_operation(scope: Scope) -> ObjectPlan:
    root_type = scope.schema.get_root_type(scope.operation.operation)
    if root_type is None:
        raise Unsupported("no root type")
    return _object(scope, root_type, internals.root_fields(scope, root_type), 0)


def _object(
    scope: Scope, type_: GraphQLObjectType, collected: CollectedFields, depth: int
) -> ObjectPlan:
    if depth > MAX_DEPTH or collected.new_defer_usages or type_.is_type_of is not None:
        raise Unsupported("defer, deep nesting or is_type_of")
    fields = []
    for key, details in collected.grouped_field_set.items():
        if any(d.fragment_variable_values is not None or d.defer_usage for d in details):
            raise Unsupported("fragment variables or defer")
        field_plan = _field(scope, type_, key, details, depth)
        if field_plan is not None:
            fields.append(field_plan)
    return ObjectPlan(type_, fields)


def _field(
    scope: Scope,
    parent: GraphQLObjectType,
    key: str,
    details: list[FieldDetails],
    depth: int,
) -> FieldPlan | None:
    node = details[0].node
    name = node.name.value
    if name in ("__schema", "__type"):
        raise Unsupported("introspection")
    definition = scope.schema.get_field(parent, name)
    if definition is None:
        return None
    shape = _shape(scope, definition.type, details, depth)
    plan = FieldPlan(
        key=key,
        name=name,
        parent_type=parent,
        definition=definition,
        nodes=[d.node for d in details],
        shape=shape,
        non_null=isinstance(shape, NonNull),
        resolve=definition.resolve,
    )
    if name == "__typename":
        plan.typename = parent.name
        return plan
    plan.attribute = internals.plain_attribute(definition)
    plan.direct = internals.direct_call(scope.schema, definition)
    owner = internals.resolver_owner(scope.schema, definition)
    plan.batched = owner if isinstance(owner, Batched) else None
    if not definition.args and not node.arguments:
        plan.arguments = {}
    elif not _uses_variables(node):
        plan.arguments = get_argument_values(definition, node, None)
    inner = shape.inner if isinstance(shape, NonNull) else shape
    if plan.attribute is not None and isinstance(inner, Leaf):
        plan.leaf = inner
    if plan.attribute is not None and isinstance(inner, ListOf):
        item = inner.inner.inner if isinstance(inner.inner, NonNull) else inner.inner
        plan.item_kind = item.passthrough if isinstance(item, Leaf) else None
    return plan


def _shape(
    scope: Scope, type_: GraphQLOutputType, details: list[FieldDetails], depth: int
) -> Shape:
    if isinstance(type_, GraphQLNonNull):
        return NonNull(_shape(scope, type_.of_type, details, depth))
    if isinstance(type_, GraphQLList):
        return ListOf(_shape(scope, type_.of_type, details, depth))
    if is_leaf_type(type_):
        return Leaf(
            type=type_,
            passthrough=_PASSTHROUGH.get(type_),
            enum_names=_enum_names(type_),
            members=internals.enum_members(type_),
            int32=type_ is GraphQLInt,
        )
    if not isinstance(type_, GraphQLObjectType):
        raise Unsupported("abstract types")
    return _object(scope, type_, internals.subfields(scope, type_, details), depth + 1)


_PASSTHROUGH: dict[Any, type] = {
    GraphQLString: str,
    GraphQLID: str,
    GraphQLBoolean: bool,
}


def _enum_names(type_: Any) -> dict[Any, str] | None:
    """An enum's table of runtime value to GraphQL name, built as graphql-core builds its own:
    the first name per value, a missing value standing for the name, unhashable values left to
    graphql-core's scan. Strawberry enum members are looked up by their value."""
    if not isinstance(type_, GraphQLEnumType):
        return None
    names: dict[Any, str] = {}
    for name, value in type_.values.items():
        key = name if value.value is None or value.value is Undefined else value.value
        with suppress(TypeError):
            names.setdefault(key, name)
    return names


def _uses_variables(node: FieldNode) -> bool:
    return any(_has_variable(argument.value) for argument in node.arguments or ())


def _has_variable(value: ValueNode) -> bool:
    if isinstance(value, VariableNode):
        return True
    if isinstance(value, ListValueNode):
        return any(_has_variable(item) for item in value.values)
    if isinstance(value, ObjectValueNode):
        return any(_has_variable(item.value) for item in value.fields)
    return False
