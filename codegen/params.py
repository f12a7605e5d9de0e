"""Variables → request bindings: path and query parameters (Python names and types, and OpenAPI
schemas carrying the description, default and `@constraints` of the argument each variable is
passed to), and the keys a JSON body may carry."""

from __future__ import annotations

import keyword
import re
from typing import Any, Literal

from graphql import (
    FieldNode,
    GraphQLArgument,
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLScalarType,
    GraphQLSchema,
    ObjectValueNode,
    ValueNode,
    VariableDefinitionNode,
    VariableNode,
    get_named_type,
    type_from_ast,
)

from .jsonschema import SCALARS, constrain, enum_schema, is_closed, json_value, rules
from .model import BodyShape, ClosedShape, FieldShape, JsonSchema, ParamModel, Report

Usage = GraphQLArgument | GraphQLInputField

# Scalars a query string or path segment can carry, by Python type; lists only of `str` ones.
PYTHON_TYPES = {
    "ID": "str",
    "String": "str",
    "DateTime": "str",
    "Int": "int",
    "Float": "float",
    "Boolean": "bool",
}
# Names a generated handler uses itself, so parameters must not shadow them.
RESERVED = frozenset(
    {
        *("request", "csv", "saturated", "run_route", "router", "Annotated"),
        *("Cookie", "Header", "Path", "Query", "Request", "Response"),
    }
)


def snake(name: str) -> str:
    """`listIssues` → `list_issues`, `getHTTPStatus` → `get_http_status`."""
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()


def python_name(name: str) -> str:
    """A parameter's Python name: snake_case, with `_` appended to keywords and reserved names."""
    converted = snake(name)
    if keyword.iskeyword(converted) or converted in RESERVED:
        return converted + "_"
    return converted


def usages(root: FieldNode, field: GraphQLField, schema: GraphQLSchema) -> dict[str, Usage]:
    """Where each variable is passed in the root field's arguments (first use wins), following
    object literals into input fields."""
    found: dict[str, Usage] = {}
    for argument in root.arguments or ():
        definition = field.args.get(argument.name.value)
        if definition is not None:
            _walk(argument.value, definition, found)
    return found


def _walk(value: ValueNode, definition: Usage, found: dict[str, Usage]) -> None:
    if isinstance(value, VariableNode):
        found.setdefault(value.name.value, definition)
    elif isinstance(value, ObjectValueNode):
        target = get_named_type(definition.type)
        if isinstance(target, GraphQLInputObjectType):
            for item in value.fields:
                inner = target.fields.get(item.name.value)
                if inner is not None:
                    _walk(item.value, inner, found)


def build_param(
    var: VariableDefinitionNode,
    location: Literal["path", "query", "header", "cookie"],
    wire: str,
    usage: Usage | None,
    schema: GraphQLSchema,
    report: Report,
) -> ParamModel | None:
    name = var.variable.name.value
    type_ = type_from_ast(schema, var.type)
    if type_ is None:
        return None  # an unknown type: GraphQL validation has reported it
    inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
    is_list = isinstance(inner, GraphQLList)
    leaf = inner.of_type if isinstance(inner, GraphQLList) else inner
    leaf = leaf.of_type if isinstance(leaf, GraphQLNonNull) else leaf
    python_type = _python_type(leaf, is_list)
    if python_type is None:
        report(
            f"variable `${name}` of type `{type_}` cannot be a {location} parameter "
            "(use a scalar, an enum or a list of String, ID or enum values, or the body)"
        )
        return None
    assert isinstance(leaf, GraphQLNamedType)
    default = json_value(var.default_value)
    if default is None and usage is not None and usage.ast_node is not None:
        default = json_value(usage.ast_node.default_value)
    if is_list:
        value: JsonSchema = _csv_schema(leaf)
        if default is not None:
            default = ",".join(map(str, default)) if isinstance(default, list) else str(default)
    else:
        found = rules(schema, usage, report) if usage is not None else {}
        value = constrain(_leaf_schema(leaf, unbounded=location == "query"), found)
    if default is not None:
        value["default"] = default
    required = location == "path" or (isinstance(type_, GraphQLNonNull) and not var.default_value)
    return ParamModel(
        name=name,
        wire=wire,
        python=python_name(name),
        location=location,
        python_type=python_type,
        is_list=is_list,
        required=required,
        schema=value,
        description=usage.description if usage is not None else None,
    )


def _python_type(leaf: Any, is_list: bool) -> str | None:
    if isinstance(leaf, GraphQLEnumType):
        return "str"
    if isinstance(leaf, GraphQLList | GraphQLNonNull):
        return None
    python_type = PYTHON_TYPES.get(getattr(leaf, "name", ""))
    if is_list and python_type != "str":
        return None
    return python_type


def _leaf_schema(leaf: GraphQLNamedType, unbounded: bool) -> JsonSchema:
    """A value's schema; a query integer has no 32-bit range (the runtime saturates it)."""
    if isinstance(leaf, GraphQLEnumType):
        return enum_schema(leaf)
    if unbounded and leaf.name == "Int":
        return {"type": "integer"}
    return dict(SCALARS[leaf.name])


def _csv_schema(leaf: GraphQLNamedType) -> JsonSchema:
    """A comma list in one string; for enums, a pattern admitting exactly the known values
    (or nothing, which filters nothing)."""
    if not isinstance(leaf, GraphQLEnumType):
        return {"type": "string", "description": f"Comma-separated list of {leaf.name} values"}
    choice = "|".join(re.escape(value) for value in leaf.values)
    return {
        "type": "string",
        "description": f"Comma-separated list of: {', '.join(leaf.values)}",
        "pattern": f"^(?:(?:{choice})(?:,(?:{choice}))*)?$",
    }


def body_shape(type_: GraphQLInputObjectType, seen: frozenset[str] = frozenset()) -> BodyShape:
    """The JSON keys a body may carry, nested for input-object fields, marking lists (whose items
    are shaped in turn) and IDs: where GraphQL would coerce a single value into a list or a
    number into an ID, a JSON body must hold an array or a string. A recursive type stops where
    it repeats."""
    seen = seen | {type_.name}
    shape = {name: _field_shape(field.type, seen) for name, field in type_.fields.items()}
    return ClosedShape(shape) if is_closed(type_) else shape


def _field_shape(type_: GraphQLInputType, seen: frozenset[str]) -> FieldShape:
    inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
    if isinstance(inner, GraphQLList):
        return [_field_shape(inner.of_type, seen)]
    if isinstance(inner, GraphQLInputObjectType) and inner.name not in seen:
        return body_shape(inner, seen)
    if isinstance(inner, GraphQLScalarType) and inner.name == "ID":
        return "ID"
    return None
