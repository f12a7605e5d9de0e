"""Bounds on what one GraphQL document may ask for, checked before anything executes: its
size in tokens (while parsing), its aliases, its depth and its cost, and whether it may
introspect the schema. Each app gets them from its settings (`request_guards`); a document over
a bound is answered with a GraphQL error and never runs.

Cost estimates how many fields the document resolves: each field counts once per object it
is resolved on, and a list multiplies what is selected inside it by its expected length. The
length is the field's size argument (`limit`, `first`, `last`) when it has one: the value
written in the document, or for a variable the most the argument accepts (its declared
`@constraints(maximum)`, else its default), since validation cannot see the variables; a field
taking a size argument that returns a page object passes the size on to the lists directly in
it. A list without one counts as `list_size` items. Introspection fields count once each:
what they return is bounded by the schema, not by data.

Strawberry's alias and depth limiters are not used: they walk a fragment again at every
spread, so a document whose fragments each spread the next twice takes exponential time to
check. This walk visits each fragment once per list size it is used with."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from graphql import (
    ASTValidationRule,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLNamedType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_list_type,
)
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import AddValidationRules, MaxTokensLimiter, SchemaExtension

from app.settings import Settings

from .compiled.internals import STRAWBERRY_FIELD

SIZE_ARGUMENTS = ("limit", "first", "last")


@dataclass(frozen=True)
class GuardLimits:
    max_tokens: int
    max_aliases: int
    max_depth: int
    max_cost: int
    # Items a list without a size argument is expected to hold.
    list_size: int
    introspection: bool

    @classmethod
    def of(cls, settings: Settings) -> GuardLimits:
        return cls(
            max_tokens=settings.graphql_max_tokens,
            max_aliases=settings.graphql_max_aliases,
            max_depth=settings.graphql_max_depth,
            max_cost=settings.graphql_max_cost,
            list_size=settings.graphql_list_size,
            introspection=settings.introspection,
        )


def request_guards(
    limits: GuardLimits, routes: Iterable[str] = ()
) -> list[Callable[[], SchemaExtension]]:
    """Schema extensions for one app. The documents of its REST `routes` are not measured:
    they are the product's own, and their arguments' constraints bound what they fetch (a
    dashboard's worst case reaches past any limit a client's document should have). The
    validation rule classes are made once here, so the validation cache (keyed by the rules a
    request runs) keeps hitting."""
    rules: list[type[ASTValidationRule]] = [bounds_rule(limits, frozenset(routes))]
    if not limits.introspection:
        rules.append(NoSchemaIntrospectionCustomRule)
    return [
        partial(MaxTokensLimiter, max_token_count=limits.max_tokens),
        partial(AddValidationRules, rules),
    ]


def bounds_rule(limits: GuardLimits, routes: frozenset[str]) -> type[ValidationRule]:
    class Bounds(ValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
            if node.loc is not None and node.loc.source.body in routes:
                return
            for error in Measure(self.context, limits).problems(node):
                self.report_error(error)

    return Bounds


@dataclass
class Tally:
    """What a selection set adds up to, per object it is resolved on."""

    cost: int = 0
    aliases: int = 0
    depth: int = 0

    def add(self, other: Tally, times: int = 1, deeper: int = 0) -> None:
        self.cost += other.cost * times
        self.aliases += other.aliases
        self.depth = max(self.depth, other.depth + deeper)


class Measure:
    def __init__(self, context: ValidationContext, limits: GuardLimits) -> None:
        self.context = context
        self.schema: GraphQLSchema = context.schema
        self.limits = limits
        self.fragments: dict[tuple[str, int | None], Tally] = {}
        self.variables: dict[str, Any] = {}

    def problems(self, operation: OperationDefinitionNode) -> list[GraphQLError]:
        root = self.schema.get_root_type(operation.operation)
        if root is None:
            return []
        self.variables = {
            definition.variable.name.value: definition
            for definition in operation.variable_definitions or ()
        }
        tally = self.selections(operation.selection_set, root, None)
        found: list[GraphQLError] = []
        limits = self.limits
        if tally.aliases > limits.max_aliases:
            found.append(_error(f"{tally.aliases} aliases", limits.max_aliases, operation))
        if tally.depth > limits.max_depth:
            found.append(_error(f"Depth {tally.depth}", limits.max_depth, operation))
        if tally.cost > limits.max_cost:
            found.append(_error(f"Cost {tally.cost}", limits.max_cost, operation))
        return found

    def selections(
        self, selection_set: SelectionSetNode, parent: GraphQLNamedType, size: int | None
    ) -> Tally:
        """`size`: the length a size argument above gave the lists directly in this set."""
        tally = Tally()
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                tally.add(self.field(selection, parent, size))
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = self.schema.get_type(condition.name.value) if condition else parent
                if inner is not None:
                    tally.add(self.selections(selection.selection_set, inner, size))
            elif isinstance(selection, FragmentSpreadNode):
                tally.add(self.fragment(selection.name.value, size))
        return tally

    def fragment(self, name: str, size: int | None) -> Tally:
        key = (name, size)
        found = self.fragments.get(key)
        if found is not None:
            return found
        # A cycle (reported by graphql-core's own rule) adds nothing on its way round.
        self.fragments[key] = Tally()
        definition: FragmentDefinitionNode | None = self.context.get_fragment(name)
        parent = self.schema.get_type(definition.type_condition.name.value) if definition else None
        if definition is None or parent is None:
            return self.fragments[key]
        found = self.fragments[key] = self.selections(definition.selection_set, parent, size)
        return found

    def field(self, node: FieldNode, parent: GraphQLNamedType, size: int | None) -> Tally:
        tally = Tally(cost=1, aliases=1 if node.alias else 0)
        definition = self.schema.get_field(parent, node.name.value)  # type: ignore[arg-type]
        if definition is None or node.selection_set is None:
            return tally
        inner = get_named_type(definition.type)
        if node.name.value.startswith("__"):
            tally.add(self.selections(node.selection_set, inner, None), times=0, deeper=1)
            return tally
        requested = self.size_argument(node, definition)
        if is_list_type(get_nullable_type(definition.type)):
            length = requested or size or self.limits.list_size
            tally.add(self.selections(node.selection_set, inner, None), length, deeper=1)
        else:
            tally.add(self.selections(node.selection_set, inner, requested), deeper=1)
        return tally

    def size_argument(self, node: FieldNode, definition: GraphQLField) -> int | None:
        for argument in node.arguments or ():
            name = argument.name.value
            if name not in SIZE_ARGUMENTS:
                continue
            if isinstance(argument.value, IntValueNode):
                return max(int(argument.value.value), 0)
            if isinstance(argument.value, VariableNode):
                return _most(definition, name) or self.variable_default(argument.value)
        declared = next((n for n in SIZE_ARGUMENTS if n in definition.args), None)
        return _default(definition, declared) if declared is not None else None

    def variable_default(self, variable: VariableNode) -> int | None:
        definition = self.variables.get(variable.name.value)
        value = definition.default_value if definition is not None else None
        return int(value.value) if isinstance(value, IntValueNode) else None


def _most(field: GraphQLField, argument: str) -> int | None:
    """The argument's declared maximum (`@constraints(maximum: ...)` on its definition)."""
    definition = field.args[argument].extensions.get(STRAWBERRY_FIELD)
    for directive in _directives(definition):
        maximum = getattr(directive, "maximum", None)
        if isinstance(maximum, int | float):
            return int(maximum)
    return _default(field, argument)


def _default(field: GraphQLField, argument: str) -> int | None:
    default = field.args[argument].default_value
    return default if isinstance(default, int) else None


def _directives(definition: Any) -> Iterable[object]:
    return getattr(definition, "directives", None) or ()


def _error(what: str, limit: int, operation: OperationDefinitionNode) -> GraphQLError:
    return GraphQLError(f"{what}: over the limit of {limit}.", operation)
