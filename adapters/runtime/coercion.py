"""GraphQL variable-coercion messages turned into per-field validation errors, so a REST client
reads `{"title": ["Required"]}` instead of GraphQL's wording about `$input`. Each message also
becomes a structured `Problem` (where, and whether missing, null or of the wrong type) for
products whose error format tells those apart."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from graphql import GraphQLEnumType, GraphQLSchema

from app.errors import UNKNOWN, Problem, ProblemKind, ValidationFailed

_COERCION = re.compile(
    r"^Variable '\$(?P<var>\w+)' has invalid value(?: at (?P<at>\S+))?: (?P<problem>.*)$", re.S
)
_REQUIRED = re.compile(r"^Expected value of type '\w+' to include required field '(?P<field>\w+)'")
_FOUND = re.compile(r"[;,] found: .*$", re.S)
_STEP = re.compile(r"\.(\w+)|\[(\d+)\]")
# What a coercion message says about the value, and the type it expected.
_KINDS: tuple[tuple[re.Pattern[str], ProblemKind], ...] = (
    (re.compile(r"^Expected (?:value of )?non-null\w* type '(?P<type>\w+)!?' not to be"), "null"),
    (re.compile(r"^Expected type '(?P<type>\w+)' to be an object"), "type"),
    (re.compile(r"^Value .* does not exist in '(?P<type>\w+)' enum"), "value"),
    (re.compile(r"^Enum '(?P<type>\w+)' cannot represent"), "type"),
    (re.compile(r"^(?P<type>\w+) cannot represent"), "type"),
    (re.compile(r"^Expected value of type '(?P<type>\w+)'"), "type"),
)


def validation_failed(messages: Iterable[str], body: str | None) -> ValidationFailed:
    """Field errors keyed like the request: body fields unprefixed (`hypothesis.statement`),
    other variables by name (`status[0]`)."""
    fields: dict[str, list[str]] = {}
    form: list[str] = []
    problems: list[Problem] = []
    for message in messages:
        match = _COERCION.match(message)
        if match is None:
            form.append(message)
            continue
        at = match["at"] or ""
        path = at.lstrip(".") if match["var"] == body else match["var"] + at
        steps = _steps(at)
        loc = ("body", *steps) if match["var"] == body else ("query", match["var"], *steps)
        problem = match["problem"]
        if required := _REQUIRED.match(problem):
            path = f"{path}.{required['field']}" if path else required["field"]
            problem = "Required"
            problems.append(Problem((*loc, required["field"]), "missing", problem))
        else:
            problems.append(_classified(loc, _FOUND.sub("", problem).rstrip(".")))
        fields.setdefault(path or match["var"], []).append(_FOUND.sub("", problem).rstrip("."))
    return ValidationFailed(field_errors=fields, form_errors=form, problems=problems)


def with_values(
    error: ValidationFailed, variables: Mapping[str, Any], body: str | None, schema: GraphQLSchema
) -> ValidationFailed:
    """`error` with each problem's value as sent (where the variables hold it) and an enum's
    values, for products that word their messages from them."""
    if not error.problems:
        return error
    problems = [
        replace(
            problem,
            received=_sent(problem.loc, variables, body)
            if problem.received is UNKNOWN
            else problem.received,
            choices=_choices(problem.expected, schema),
        )
        for problem in error.problems
    ]
    return ValidationFailed(error.field_errors, error.form_errors, error.message, problems)


# Pydantic's errors for a query value FastAPI could not read, by the GraphQL type wanted.
_UNREAD = {
    "int_parsing": "Int",
    "int_from_float": "Int",
    "float_parsing": "Float",
    "bool_parsing": "Boolean",
}


def request_problem(error: Mapping[str, Any]) -> Problem:
    """A parameter FastAPI refused (one of `RequestValidationError.errors()`) as a problem."""
    loc, message = tuple(error["loc"]), str(error.get("msg", "Invalid value"))
    if error.get("type") == "missing":
        return Problem(loc, "missing", message)
    sent = error.get("input", UNKNOWN)
    if expected := _UNREAD.get(str(error.get("type"))):
        return Problem(loc, "type", message, expected, received=sent)
    return Problem(loc, "value", message, received=sent)


def _sent(loc: tuple[str | int, ...], variables: Mapping[str, Any], body: str | None) -> Any:
    part, *steps = loc
    name = body if part == "body" else steps.pop(0) if steps else None
    value: Any = variables.get(name, UNKNOWN) if isinstance(name, str) else UNKNOWN
    for step in steps:
        held = isinstance(value, dict) and step in value
        listed = isinstance(value, list) and isinstance(step, int) and step < len(value)
        if not (held or listed):
            return UNKNOWN
        value = value[step]
    return value


def _choices(expected: str | None, schema: GraphQLSchema) -> tuple[str, ...]:
    found = schema.get_type(expected) if expected else None
    return tuple(found.values) if isinstance(found, GraphQLEnumType) else ()


def _steps(at: str) -> list[str | int]:
    return [name if name else int(index) for name, index in _STEP.findall(at)]


def _classified(loc: tuple[str | int, ...], message: str) -> Problem:
    for pattern, kind in _KINDS:
        if found := pattern.match(message):
            expected = "object" if "to be an object" in message else found["type"]
            return Problem(loc, kind, message, expected)
    return Problem(loc, "value", message)
