"""GraphQL types and selection sets → JSON Schema. Named fragments and input object types become
shared components, referenced with `$ref`."""

from __future__ import annotations

import re
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLArgument,
    GraphQLCompositeType,
    GraphQLEnumType,
    GraphQLError,
    GraphQLInputField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLUnionType,
    InlineFragmentNode,
    SelectionSetNode,
    ValueNode,
    get_directive_values,
    is_abstract_type,
    is_composite_type,
    value_from_ast_untyped,
)

from .model import JsonSchema, Report

SCALARS: dict[str, JsonSchema] = {
    "ID": {"type": "string"},
    "String": {"type": "string"},
    # GraphQL's Int is a signed 32-bit integer.
    "Int": {"type": "integer", "minimum": -(2**31), "maximum": 2**31 - 1},
    "Float": {"type": "number"},
    "Boolean": {"type": "boolean"},
    "DateTime": {"type": "string", "format": "date-time"},
    "JSONObject": {"type": "object", "additionalProperties": {}},
    "CommaList": {"anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]},
    # A file, a part of a multipart form (GraphQL's multipart request spec, or a REST form).
    "Upload": {"type": "string", "format": "binary"},
}
# `@constraints` arguments named as the JSON Schema keywords they become (`notNull` is apart).
CONSTRAINTS = ("minLength", "maxLength", "minimum", "maximum", "pattern")
# A domain printing snake_case names writes the directive's arguments that way (`min_length`).
_SNAKE_STEP = re.compile(r"_([a-z])")

# The envelope's error schema is added under this name.
RESERVED = frozenset({"Error"})

InputDefinition = GraphQLArgument | GraphQLInputField


def ref(name: str) -> JsonSchema:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: JsonSchema) -> JsonSchema:
    """`T | null`: a second type for plain schemas, `anyOf` for references and compositions."""
    kind = schema.get("type")
    if not isinstance(kind, str):
        return {"anyOf": [schema, {"type": "null"}]}
    widened = {**schema, "type": [kind, "null"]}
    if "enum" in schema:
        widened["enum"] = [*schema["enum"], None]
    return widened


def enum_schema(type_: GraphQLEnumType) -> JsonSchema:
    return {"type": "string", "enum": list(type_.values)}


def json_value(node: ValueNode | None) -> Any:
    """A default value written in GraphQL as plain JSON (enum values by name)."""
    return None if node is None else value_from_ast_untyped(node)


def rules(schema: GraphQLSchema, definition: InputDefinition, report: Report) -> dict[str, Any]:
    """The non-null arguments of `@constraints` on an argument or input field, by their
    camelCase names whichever way the domain's SDL spells them."""
    directive = schema.get_directive("constraints")
    node = definition.ast_node
    if directive is None or node is None:
        return {}
    try:
        values = get_directive_values(directive, node) or {}
    except GraphQLError as error:  # SDL validation does not check directive argument values
        report(f"invalid @constraints on `{node.name.value}`: {error.message}")
        return {}
    return {_camel(key): value for key, value in values.items() if value is not None}


def is_closed(type_: GraphQLInputObjectType) -> bool:
    """Whether the input object is declared `@closed`: its JSON form refuses unknown keys."""
    node = type_.ast_node
    return node is not None and any(d.name.value == "closed" for d in node.directives or ())


def _camel(name: str) -> str:
    return _SNAKE_STEP.sub(lambda step: step[1].upper(), name)


def constrain(schema: JsonSchema, found: dict[str, Any]) -> JsonSchema:
    constrained = dict(schema)
    for keyword in CONSTRAINTS:
        if keyword not in found:
            continue
        value = found[keyword]
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if keyword == "pattern" and not (value.startswith("^") and value.endswith("$")):
            # The runtime matches the whole value (`re.fullmatch`); JSON Schema patterns search.
            value = f"^(?:{value})$"
        constrained[keyword] = value
    return constrained


class SchemaBuilder:
    """Builds schemas for one domain, filling `components` as fragments and inputs are met.
    Unknown fields and types are skipped: GraphQL validation has already reported them."""

    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: dict[str, FragmentDefinitionNode],
        report: Report,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.report = report
        self.components: dict[str, JsonSchema] = {}
        self._fragments: set[str] = set()
        self._inputs: set[str] = set()

    # --- responses ---------------------------------------------------------------------------

    def output(
        self, type_: GraphQLOutputType, selection: SelectionSetNode | None, where: str
    ) -> JsonSchema:
        """The schema of field `where`'s value, given its type and selection set."""
        if isinstance(type_, GraphQLNonNull):
            return self._output_value(type_.of_type, selection, where)
        return nullable(self._output_value(type_, selection, where))

    def _output_value(
        self, type_: Any, selection: SelectionSetNode | None, where: str
    ) -> JsonSchema:
        if isinstance(type_, GraphQLList):
            return {"type": "array", "items": self.output(type_.of_type, selection, where)}
        if isinstance(type_, GraphQLEnumType):
            return enum_schema(type_)
        if isinstance(type_, GraphQLScalarType):
            return self.scalar(type_, where)
        if selection is None or not is_composite_type(type_):
            return {}
        return self.selection(selection, type_)

    def scalar(self, type_: GraphQLScalarType, where: str) -> JsonSchema:
        known = SCALARS.get(type_.name)
        if known is None:
            self.report(f"`{where}`: custom scalar `{type_.name}` has no JSON Schema mapping")
            return {}
        return dict(known)

    def selection(self, selection: SelectionSetNode, parent: GraphQLCompositeType) -> JsonSchema:
        properties: dict[str, JsonSchema] = {}
        required: list[str] = []
        refs: list[JsonSchema] = []
        self._collect(selection, parent, properties, required, refs, conditional=False)
        if not refs:
            return {"type": "object", "properties": properties, "required": required}
        if len(refs) == 1 and not properties:
            return refs[0]
        inline = [{"type": "object", "properties": properties, "required": required}]
        return {"allOf": [*refs, *(inline if properties else [])]}

    def _collect(
        self,
        selection: SelectionSetNode,
        parent: GraphQLCompositeType,
        properties: dict[str, JsonSchema],
        required: list[str],
        refs: list[JsonSchema],
        conditional: bool,
    ) -> None:
        for node in selection.selections:
            if isinstance(node, FieldNode):
                key = node.alias.value if node.alias else node.name.value
                if key in properties:
                    continue
                value = self._field(node, parent)
                if value is None:
                    continue
                properties[key] = value
                if not conditional:
                    required.append(key)
            elif isinstance(node, InlineFragmentNode):
                condition = node.type_condition
                inner = self.schema.get_type(condition.name.value) if condition else parent
                if not is_composite_type(inner):
                    continue
                narrower = conditional or (is_abstract_type(parent) and inner is not parent)
                self._collect(node.selection_set, inner, properties, required, refs, narrower)
            elif isinstance(node, FragmentSpreadNode):
                self._spread(node, parent, refs, conditional)

    def _field(self, node: FieldNode, parent: GraphQLCompositeType) -> JsonSchema | None:
        if node.name.value == "__typename":
            return {"type": "string"}
        if isinstance(parent, GraphQLUnionType):
            return None
        definition = parent.fields.get(node.name.value)
        if definition is None:
            return None
        value = self.output(definition.type, node.selection_set, f"{parent.name}.{node.name.value}")
        if definition.description:
            value["description"] = definition.description
        return value

    def _spread(
        self,
        node: FragmentSpreadNode,
        parent: GraphQLCompositeType,
        refs: list[JsonSchema],
        conditional: bool,
    ) -> None:
        name = node.name.value
        fragment = self.fragments.get(name)
        if fragment is None:
            return
        condition = self.schema.get_type(fragment.type_condition.name.value)
        if conditional or (is_abstract_type(parent) and condition is not parent):
            self.report(f"fragment `{name}` applies to some `{parent.name}` values only")
            return
        self.fragment(name)
        if ref(name) not in refs:
            refs.append(ref(name))

    def fragment(self, name: str) -> None:
        """Build the component for a named fragment, once."""
        if name in self._fragments:
            return
        self._fragments.add(name)
        fragment = self.fragments[name]
        type_ = self.schema.get_type(fragment.type_condition.name.value)
        if not is_composite_type(type_):
            return
        built = self.selection(fragment.selection_set, type_)
        if type_.description:
            built = {"description": type_.description, **built}
        self._put(name, built)

    # --- requests ----------------------------------------------------------------------------

    def input(self, type_: GraphQLInputType, found: dict[str, Any], where: str) -> JsonSchema:
        """The schema of input value `where`; `found` are its `@constraints` (top level only)."""
        if isinstance(type_, GraphQLNonNull):
            return self._input_value(type_.of_type, found, where)
        value = self._input_value(type_, found, where)
        return value if found.get("notNull") else nullable(value)

    def _input_value(self, type_: Any, found: dict[str, Any], where: str) -> JsonSchema:
        if isinstance(type_, GraphQLList):
            return {"type": "array", "items": self.input(type_.of_type, {}, where)}
        if isinstance(type_, GraphQLInputObjectType):
            self.input_object(type_)
            return ref(type_.name)
        if isinstance(type_, GraphQLEnumType):
            return enum_schema(type_)
        if isinstance(type_, GraphQLScalarType):
            return constrain(self.scalar(type_, where), found)
        return {}

    def input_object(self, type_: GraphQLInputObjectType) -> None:
        """Build the component for an input object type, once."""
        if type_.name in self._inputs:
            return
        self._inputs.add(type_.name)
        properties: dict[str, JsonSchema] = {}
        required: list[str] = []
        for name, field in type_.fields.items():
            default = json_value(field.ast_node.default_value if field.ast_node else None)
            found = rules(self.schema, field, self.report)
            value = self.input(field.type, found, f"{type_.name}.{name}")
            if field.description:
                value["description"] = field.description
            if default is not None:
                value["default"] = default
            properties[name] = value
            if isinstance(field.type, GraphQLNonNull) and default is None:
                required.append(name)
        component: JsonSchema = {"type": "object", "properties": properties}
        if required:
            component["required"] = required
        if is_closed(type_):
            component["additionalProperties"] = False
        if type_.description:
            component = {"description": type_.description, **component}
        self._put(type_.name, component)

    def _put(self, name: str, component: JsonSchema) -> None:
        if name in self.components or name in RESERVED:
            self.report(f"two component schemas are named `{name}` (rename the fragment)")
        self.components.setdefault(name, component)
