"""Operations → routes: each operation's `@rest` metadata, checked, plus its parameters, body and
response payload schema."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLNonNull,
    GraphQLObjectType,
    InlineFragmentNode,
    NonNullTypeNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableDefinitionNode,
    get_argument_values,
    get_directive_values,
    get_named_type,
    print_ast,
    type_from_ast,
)

from .jsonschema import SchemaBuilder
from .load import Sources
from .model import BodyShape, DomainModel, JsonSchema, ParamModel, Problems, Report, RouteModel
from .params import body_shape, build_param, usages

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
# Codegen's variable directives, which bind a variable to a part of the request.
BINDINGS = ("header", "cookie", "rawBody")
# Codegen's operation directives, which the domain schema lacks.
ROUTE_DIRECTIVES = ("rest", "next")
Location = Literal["path", "query", "header", "cookie"]
Binding = tuple[Location, str] | bool | None
# `{name}`, or `{name:path}` for the rest of the path, slashes included (a catch-all segment).
PLACEHOLDER = re.compile(r"\{([^{}:]*)(?::path)?\}")


@dataclass(frozen=True)
class Rest:
    """The arguments of an operation's `@rest` directive."""

    method: str
    path: str
    status: int
    kind: str
    errors: tuple[int, ...]
    public: bool
    body: str | None
    tag: str | None
    summary: str | None


def build_routes(sources: Sources, problems: Problems) -> DomainModel | None:
    """The domain's routes and component schemas, or None when the SDL or the operations could
    not be loaded."""
    if sources.schema is None or sources.document is None:
        return None
    definitions = sources.document.definitions
    fragments = {
        node.name.value: node for node in definitions if isinstance(node, FragmentDefinitionNode)
    }
    domain = DomainModel(sources.slug, sources.ops_file)
    builder = SchemaBuilder(sources.schema, fragments, _reporter(problems, sources.ops_file))
    for node in definitions:
        if not isinstance(node, OperationDefinitionNode):
            continue
        if node.name is None:
            problems.add(sources.ops_file, "every operation needs a name")
            continue
        builder.report = _reporter(problems, f"{sources.ops_file}: {node.name.value}")
        route = _route(node, sources, builder, fragments, builder.report)
        if route is not None:
            domain.routes.append(route)
    if not any(isinstance(node, OperationDefinitionNode) for node in definitions):
        problems.add(sources.ops_file, "defines no operations")
    domain.components = builder.components
    return domain


def _reporter(problems: Problems, where: str) -> Report:
    return lambda message: problems.add(where, message)


def _route(
    node: OperationDefinitionNode,
    sources: Sources,
    builder: SchemaBuilder,
    fragments: dict[str, FragmentDefinitionNode],
    report: Report,
) -> RouteModel | None:
    assert sources.schema is not None and node.name is not None
    rest = _rest(node, sources, report)
    root = _root(node, report)
    root_type = sources.schema.get_root_type(node.operation)
    field = root_type.fields.get(root.name.value) if root and root_type else None
    if rest is None or root is None or field is None:
        return None
    variables = {var.variable.name.value: var for var in node.variable_definitions or ()}
    placeholders = PLACEHOLDER.findall(rest.path)
    for name in placeholders:
        if name not in variables or name == rest.body:
            report(f"path placeholder `{{{name}}}` names no path variable")
    body_type = _body_type(rest, variables, sources, report)
    if rest.kind == "page":
        _check_page(field, root, report)
    found = usages(root, field, sources.schema)
    bindings = {name: _binding(var, sources, report) for name, var in variables.items()}
    raw_body = _raw_body(bindings, variables, sources, report)
    params = []
    for name, var in variables.items():
        if name in (rest.body, raw_body):
            continue
        bound = bindings[name]
        location: Location = "path" if name in placeholders else "query"
        wire = name
        if isinstance(bound, tuple):
            location, wire = bound
        param = build_param(var, location, wire, found.get(name), sources.schema, report)
        if param is not None:
            params.append(param)
    _check_python_names(params, report)
    shape: BodyShape | None = None
    if body_type is not None:
        builder.input_object(body_type)
        shape = body_shape(body_type)
    where = f"{root_type.name}.{root.name.value}" if root_type else root.name.value
    payload: JsonSchema = builder.output(field.type, root.selection_set, where)
    operation = node.description.value if node.description else None
    return RouteModel(
        operation=node.name.value,
        document=_document(node, fragments),
        field=root.alias.value if root.alias else root.name.value,
        method=rest.method,
        path=rest.path,
        status=rest.status,
        kind=rest.kind,
        errors=rest.errors,
        public=rest.public,
        tag=rest.tag,
        summary=rest.summary,
        description=operation or field.description,
        params=tuple(sorted(params, key=lambda param: param.location != "path")),
        body=rest.body,
        raw_body=raw_body,
        body_type=body_type.name if body_type is not None else None,
        body_shape=shape,
        payload=payload,
        stream=node.operation == OperationType.SUBSCRIPTION,
        body_required=rest.body not in variables
        or isinstance(variables[rest.body].type, NonNullTypeNode),
        next_actions=_next_actions(node, sources),
    )


def _rest(node: OperationDefinitionNode, sources: Sources, report: Report) -> Rest | None:
    assert sources.schema is not None
    directive = sources.schema.get_directive("rest")
    assert directive is not None
    try:
        values: dict[str, Any] | None = get_directive_values(directive, node)
    except GraphQLError:
        return None  # GraphQL validation has reported the bad arguments
    if values is None:
        report("missing @rest directive")
        return None
    rest = Rest(
        method=values["method"],
        path=values["path"],
        status=values["status"],
        kind=values["kind"],
        errors=tuple(sorted(set(values["errors"]))),
        public=values["public"],
        body=values.get("body"),
        tag=values.get("tag"),
        summary=values.get("summary"),
    )
    if rest.method not in METHODS:
        report(f"method `{rest.method}` is not one of {', '.join(METHODS)}")
    if not rest.path.startswith("/") or PLACEHOLDER.sub("", rest.path).count("{"):
        report(f"path `{rest.path}` must start with `/` and use `{{name}}` placeholders")
    if not 100 <= rest.status <= 599:
        report(f"status {rest.status} is not an HTTP status")
    for status in rest.errors:
        if not 400 <= status <= 599:
            report(f"error status {status} is not an HTTP error status")
    envelope = sources.envelope
    if envelope is not None and rest.kind not in envelope.KINDS:
        kinds = ", ".join(sorted(envelope.KINDS))
        report(f"kind `{rest.kind}` is not one of the envelope's kinds ({kinds})")
    return rest


def _next_actions(node: OperationDefinitionNode, sources: Sources) -> tuple[tuple[str, str], ...]:
    """The operation's `@next` hints (GraphQL validation has checked their arguments)."""
    assert sources.schema is not None
    directive = sources.schema.get_directive("next")
    assert directive is not None
    found = []
    for used in node.directives or ():
        if used.name.value != "next":
            continue
        try:
            values = get_argument_values(directive, used)
        except GraphQLError:
            continue  # GraphQL validation has reported the bad arguments
        found.append((str(values["command"]), str(values["description"])))
    return tuple(found)


def _binding(var: VariableDefinitionNode, sources: Sources, report: Report) -> Binding:
    """A variable's `@header` or `@cookie` binding, True for `@rawBody`, or None for path and
    query ones."""
    assert sources.schema is not None
    name = var.variable.name.value
    node: Any = var  # graphql-core reads variable directives too; its annotation omits them
    found: dict[str, dict[str, Any]] = {}
    for directive_name in BINDINGS:
        directive = sources.schema.get_directive(directive_name)
        assert directive is not None
        try:
            values = get_directive_values(directive, node)
        except GraphQLError:
            return None  # GraphQL validation has reported the bad arguments
        if values is not None:
            found[directive_name] = values
    if len(found) > 1:
        report(f"variable `${name}` takes more than one of {', '.join('@' + n for n in found)}")
    if "rawBody" in found:
        return True
    for location in ("header", "cookie"):
        if location in found:
            return (location, str(found[location]["name"]))
    return None


def _raw_body(
    bindings: dict[str, Binding],
    variables: dict[str, VariableDefinitionNode],
    sources: Sources,
    report: Report,
) -> str | None:
    names = [name for name, binding in bindings.items() if binding is True]
    if len(names) > 1:
        report("only one variable can take the raw body")
    if not names:
        return None
    assert sources.schema is not None
    type_ = type_from_ast(sources.schema, variables[names[0]].type)
    if get_named_type(type_) is not sources.schema.get_type("String"):
        report(f"raw body variable `${names[0]}` must be a String, not `{type_}`")
    return names[0]


def _root(node: OperationDefinitionNode, report: Report) -> FieldNode | None:
    selections = node.selection_set.selections
    if len(selections) != 1 or not isinstance(selections[0], FieldNode):
        report(f"must select exactly one root field, not {len(selections)} selection(s)")
        return None
    return selections[0]


def _body_type(
    rest: Rest, variables: dict[str, Any], sources: Sources, report: Report
) -> GraphQLInputObjectType | None:
    if rest.body is None:
        return None
    var = variables.get(rest.body)
    if var is None:
        report(f"body variable `${rest.body}` is not defined")
        return None
    assert sources.schema is not None
    type_ = type_from_ast(sources.schema, var.type)
    inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
    if not isinstance(inner, GraphQLInputObjectType):
        if type_ is not None:
            report(f"body variable `${rest.body}` must be an input object, not `{type_}`")
        return None
    return inner


def _check_page(field: GraphQLField, root: FieldNode, report: Report) -> None:
    named = get_named_type(field.type)
    if not isinstance(named, GraphQLObjectType) or not {"items", "total"} <= set(named.fields):
        report(f'kind "page" needs a root type with `items` and `total`, not `{named}`')
        return
    keys = {
        node.alias.value if node.alias else node.name.value
        for node in (root.selection_set.selections if root.selection_set else ())
        if isinstance(node, FieldNode)
    }
    if not {"items", "total"} <= keys:
        report('kind "page" must select `items` and `total` directly on the root field')


def _check_python_names(params: list[ParamModel], report: Report) -> None:
    seen: dict[str, str] = {}
    for param in params:
        if param.python in seen:
            report(f"variables `${seen[param.python]}` and `${param.name}` clash in Python")
        seen[param.python] = param.name


def _document(node: OperationDefinitionNode, fragments: dict[str, FragmentDefinitionNode]) -> str:
    """The operation without `@rest`, plus the fragments it uses, in file order."""
    used: set[str] = set()
    _spreads(node.selection_set, fragments, used)
    operation = OperationDefinitionNode(
        operation=node.operation,
        name=node.name,
        variable_definitions=tuple(_unbound(var) for var in node.variable_definitions or ()),
        directives=tuple(d for d in node.directives or () if d.name.value not in ROUTE_DIRECTIVES),
        selection_set=node.selection_set,
    )
    definitions = (operation, *(node for name, node in fragments.items() if name in used))
    return print_ast(DocumentNode(definitions=definitions))


def _unbound(var: VariableDefinitionNode) -> VariableDefinitionNode:
    """The variable without codegen's binding directives, which the domain schema lacks."""
    return VariableDefinitionNode(
        variable=var.variable,
        type=var.type,
        default_value=var.default_value,
        directives=tuple(d for d in var.directives or () if d.name.value not in BINDINGS),
    )


def _spreads(
    selection: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode], used: set[str]
) -> None:
    for node in selection.selections:
        if isinstance(node, FragmentSpreadNode):
            name = node.name.value
            if name in fragments and name not in used:
                used.add(name)
                _spreads(fragments[name].selection_set, fragments, used)
        elif isinstance(node, FieldNode | InlineFragmentNode) and node.selection_set:
            _spreads(node.selection_set, fragments, used)
