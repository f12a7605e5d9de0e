"""An agent-oriented guide (an `llms.txt`) written from a domain's own `operations.graphql`:
each documented route with its summary, whether it needs a key, its parameters and body fields
(read from the live schema, with their types and limits), and the `@next` calls that follow
it. The guide cannot drift from the routes: it is the same file, read another way."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

from graphql import (
    DirectiveNode,
    GraphQLInputObjectType,
    GraphQLSchema,
    OperationDefinitionNode,
    StringValueNode,
    VariableDefinitionNode,
    parse,
    print_ast,
)


def _arguments(node: DirectiveNode) -> dict[str, str]:
    return {
        argument.name.value: argument.value.value
        for argument in node.arguments or ()
        if isinstance(argument.value, StringValueNode)
    }


def _directive(operation: OperationDefinitionNode, name: str) -> list[dict[str, str]]:
    return [_arguments(node) for node in operation.directives or () if node.name.value == name]


def _flag(node: OperationDefinitionNode, name: str) -> bool:
    rest = next(d for d in node.directives or () if d.name.value == "rest")
    return any(a.name.value == name and print_ast(a.value) == "true" for a in rest.arguments or ())


def _input_fields(schema: GraphQLSchema, type_name: str) -> list[str]:
    found = schema.get_type(type_name)
    if not isinstance(found, GraphQLInputObjectType):
        return []
    return [
        f"{name}: {field.type}" + (f" ({field.description})" if field.description else "")
        for name, field in found.fields.items()
    ]


def _route(schema: GraphQLSchema, operation: OperationDefinitionNode) -> list[str]:
    [rest] = _directive(operation, "rest")
    auth = "no key" if _flag(operation, "public") else "Bearer key"
    summary = f"{rest.get('summary', '')} ({auth})."
    lines = [f"### {rest['method']} {rest['path']}", "", summary, ""]
    for variable in operation.variable_definitions or ():
        lines.extend(_parameter(schema, variable, rest))
    for hint in _directive(operation, "next"):
        lines.append(f"- next: `{hint['command']}`: {hint['description']}")
    return lines


def _parameter(
    schema: GraphQLSchema, variable: VariableDefinitionNode, rest: dict[str, str]
) -> list[str]:
    name = variable.variable.name.value
    type_text = print_ast(variable.type)
    headers = [_arguments(d)["name"] for d in variable.directives or () if d.name.value == "header"]
    if headers:
        return [f"- header `{headers[0]}`: {type_text}"]
    if name == rest.get("body"):
        named = type_text.strip("[]!")
        return [f"- JSON body ({named}):", *(f"  - {f}" for f in _input_fields(schema, named))]
    where = "path" if "{" + name + "}" in rest["path"] else "query"
    return [f"- {where} `{name}`: {type_text}"]


def _operations(path: Path) -> Sequence[OperationDefinitionNode]:
    document = parse(path.read_text())
    return [
        node
        for node in document.definitions
        if isinstance(node, OperationDefinitionNode) and _directive(node, "rest")
    ]


def render(title: str, introduction: Iterable[str], operations: Path, schema: GraphQLSchema) -> str:
    """The guide: the title, the domain's own introduction, then every route by tag."""
    out = [f"# {title}", "", *introduction, ""]
    tags: dict[str, list[OperationDefinitionNode]] = {}
    for operation in _operations(operations):
        [rest] = _directive(operation, "rest")
        tags.setdefault(rest.get("tag", "Other"), []).append(operation)
    for tag, members in tags.items():
        out.extend([f"## {tag}", ""])
        for operation in members:
            out.extend([*_route(schema, operation), ""])
    text = "\n".join(out)
    return text.replace("\n\n\n", "\n\n").rstrip() + "\n"


@cache
def cached(
    title: str, introduction: tuple[str, ...], operations: Path, schema: GraphQLSchema
) -> str:
    """`render`, once per process (the operations file and the schema do not change)."""
    return render(title, introduction, operations, schema)
