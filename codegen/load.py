"""Reading a domain's files: `rest.toml`, the SDL (plus the `@rest` directive codegen defines) and
the operations document, parsed and validated with graphql-core."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    GraphQLSyntaxError,
    build_schema,
    parse,
    validate,
    validate_schema,
)

from adapters import envelope_shapes

from .model import Problems, RestConfig

REST_DIRECTIVE = """
directive @rest(
  method: String!
  path: String!
  status: Int! = 200
  kind: String! = "item"
  errors: [Int!]! = []
  public: Boolean! = false
  body: String
  tag: String
  summary: String
) on QUERY | MUTATION | SUBSCRIPTION

"A hint for the next call, for styles that show them (`{field}`: the answer's field)."
directive @next(command: String!, description: String!) repeatable
  on QUERY | MUTATION | SUBSCRIPTION

"Binds an HTTP request header to this variable."
directive @header(name: String!) on VARIABLE_DEFINITION

"Binds a request cookie to this variable."
directive @cookie(name: String!) on VARIABLE_DEFINITION

"Binds the request body, unparsed, to this String variable (e.g. to check a signature)."
directive @rawBody on VARIABLE_DEFINITION
"""

_REQUIRED = ("title", "version", "envelope", "openapi_paths")
_OPTIONAL = ("description", "security")
_STYLE = re.compile(r"[a-z_][a-z0-9_]*")


@dataclass
class Sources:
    """What could be loaded; any of the parsed parts is None when its file was broken."""

    slug: str
    ops_file: str
    config: RestConfig | None
    envelope: envelope_shapes.EnvelopeShape | None
    schema: GraphQLSchema | None
    document: DocumentNode | None


def load(slug: str, root: Path, problems: Problems, sdl: str | None = None) -> Sources:
    """Read and validate every file of domain `slug`; problems are collected, not raised."""
    base = root / "schema" / slug
    ops_file = f"schema/{slug}/operations.graphql"
    data = _toml(base / "rest.toml", f"schema/{slug}/rest.toml", problems)
    config = _config(data, f"schema/{slug}/rest.toml", problems) if data is not None else None
    envelope = None
    if data is not None and "envelope" in data:
        envelope = _envelope(data["envelope"], f"schema/{slug}/rest.toml", problems)
    if sdl is None:
        sdl = _read(base / "schema.graphql", f"schema/{slug}/schema.graphql", problems)
    schema = _schema(sdl, f"schema/{slug}/schema.graphql", problems) if sdl is not None else None
    text = _read(base / "operations.graphql", ops_file, problems)
    document = _document(text, ops_file, problems) if text is not None else None
    if schema is not None and document is not None:
        for error in validate(schema, document):
            problems.add(f"{ops_file}: {_owner(document, error)}", _message(error))
    return Sources(slug, ops_file, config, envelope, schema, document)


def _read(path: Path, name: str, problems: Problems) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        problems.add(name, f"cannot read ({error.strerror})")
        return None


def _toml(path: Path, name: str, problems: Problems) -> dict[str, Any] | None:
    text = _read(path, name, problems)
    if text is None:
        return None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        problems.add(name, f"invalid TOML: {error}")
        return None


def _config(data: dict[str, Any], name: str, problems: Problems) -> RestConfig | None:
    found = len(problems.messages)
    for key in _REQUIRED:
        if key not in data:
            problems.add(name, f"missing key `{key}`")
    for key in sorted(set(data) - set(_REQUIRED) - set(_OPTIONAL)):
        problems.add(name, f"unknown key `{key}`")
    for key in ("title", "version", "envelope", "description"):
        if key in data and not isinstance(data[key], str):
            problems.add(name, f"`{key}` must be a string")
    paths = data.get("openapi_paths", [])
    if not isinstance(paths, list) or not all(_is_path(item) for item in paths):
        problems.add(name, "`openapi_paths` must be a list of paths starting with `/`")
    security = _security(data.get("security"), name, problems)
    if len(problems.messages) > found:
        return None
    return RestConfig(
        title=data["title"],
        version=data["version"],
        description=data.get("description"),
        envelope=data["envelope"],
        openapi_paths=tuple(paths),
        secured=security is not None,
        security_description=security.get("description") if security else None,
    )


def _is_path(value: object) -> bool:
    return isinstance(value, str) and value.startswith("/")


def _security(value: Any, name: str, problems: Problems) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        problems.add(name, "`security` must be a table")
        return None
    if value.get("scheme") != "bearer":
        problems.add(name, '`security.scheme` must be "bearer"')
    if not isinstance(value.get("description", ""), str):
        problems.add(name, "`security.description` must be a string")
    for key in sorted(set(value) - {"scheme", "description"}):
        problems.add(name, f"unknown key `security.{key}`")
    return value


def _envelope(style: object, name: str, problems: Problems) -> envelope_shapes.EnvelopeShape | None:
    if isinstance(style, str) and _STYLE.fullmatch(style):
        try:
            return envelope_shapes.get(style)
        except ModuleNotFoundError as error:
            if error.name != f"{envelope_shapes.__name__}.{style}":
                raise
    problems.add(name, f"unknown envelope `{style}`")
    return None


def _schema(sdl: str, name: str, problems: Problems) -> GraphQLSchema | None:
    try:
        schema = build_schema(sdl + "\n" + REST_DIRECTIVE)
    except GraphQLError as error:
        problems.add(name, _message(error))
        return None
    except TypeError as error:  # graphql-core reports some broken type references this way
        problems.add(name, str(error))
        return None
    invalid = validate_schema(schema)
    for problem in invalid:
        problems.add(name, _message(problem))
    return None if invalid else schema


def _document(text: str, name: str, problems: Problems) -> DocumentNode | None:
    try:
        return parse(text)
    except GraphQLSyntaxError as error:
        problems.add(name, _message(error))
        return None


def _message(error: GraphQLError) -> str:
    where = ", ".join(f"{loc.line}:{loc.column}" for loc in error.locations or ())
    return f"{error.message} ({where})" if where else error.message


def _owner(document: DocumentNode, error: GraphQLError) -> str:
    """The operation (or fragment) an error points into, to prefix its message with."""
    position = next(iter(error.positions or ()), None)
    for definition in document.definitions:
        loc = definition.loc
        if position is None or loc is None or not loc.start <= position < loc.end:
            continue
        name = getattr(definition, "name", None)
        label = name.value if name is not None else "<anonymous>"
        kind = "fragment " if definition.kind == "fragment_definition" else ""
        return f"{kind}{label}"
    return "document"
