"""HTTP → GraphQL variables: comma lists from query strings, and JSON bodies pruned to known keys
and checked as JSON where GraphQL would coerce them."""

from __future__ import annotations

from typing import Any, Literal, TypeAlias

import orjson
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request

from app.errors import MalformedBody, Problem, ValidationFailed

# The keys a JSON body may carry, from the operation's input type: None for a scalar or JSON
# value (GraphQL checks it), "ID" for an ID, a nested shape for an input object, and a one-item
# list holding the items' shape for a list. Unknown keys are dropped, as the legacy products'
# validators do, instead of failing GraphQL input coercion, except in a `ClosedShape`, which
# refuses them. A list must be a JSON array and an ID a JSON string: GraphQL coerces a single
# value into a one-item list and an integer into an ID, which a JSON API does not.
FieldShape: TypeAlias = "BodyShape | list[FieldShape] | Literal['ID'] | None"
BodyShape: TypeAlias = dict[str, FieldShape]


class ClosedShape(dict[str, FieldShape]):
    """The shape of an input object declared `@closed`: unknown keys are errors there."""


Location = tuple[str | int, ...]

NOT_AN_OBJECT = "Request body must be a JSON object"
INT_MIN, INT_MAX = -(2**31), 2**31 - 1  # GraphQL's Int
# JSON's names for a value of the wrong type, as a JSON validator words them.
JSON_TYPES: tuple[tuple[type, str], ...] = (
    (str, "string"),
    (bool, "boolean"),
    (int, "number"),
    (float, "number"),
    (dict, "object"),
    (list, "array"),
)


def csv(value: str | None) -> list[str] | None:
    """`?status=todo,done` → ["todo", "done"]; blank items are ignored."""
    if value is None:
        return None
    return [item.strip() for item in value.split(",") if item.strip()]


def saturated(value: int | None) -> int | None:
    """A query integer held within GraphQL's 32-bit Int: the products read query numbers as
    wider ones (JavaScript's, Go's, Python's), and what they compare them with is narrower, so
    the bound answers as the value would. Past its `maximum` (a `limit` of 2^40), it breaks the
    argument's own rule; with none (an `offset` or a page) it lies past every row, an empty
    page. Identifiers are IDs, strings, never query integers."""
    if value is None:
        return None
    return max(INT_MIN, min(value, INT_MAX))


FORMS = ("multipart/form-data", "application/x-www-form-urlencoded")


async def read_body(request: Request, shape: BodyShape | None) -> Any:
    """The body as JSON, or, sent as a form, its fields: text as strings, files as uploads, a
    name given more than once as a list. A form keeps only the fields the shape knows."""
    if not request.headers.get("content-type", "").startswith(FORMS):
        return await read_json_body(request, shape)
    try:
        form = await request.form()
    except (HTTPException, MultiPartException):
        raise MalformedBody("Malformed form in request body") from None
    body: dict[str, Any] = {}
    for name, value in form.multi_items():
        if shape is not None and name not in shape:
            continue
        if name in body:
            earlier = body[name]
            body[name] = [*(earlier if isinstance(earlier, list) else [earlier]), value]
        else:
            body[name] = value
    return body


async def read_json_body(request: Request, shape: BodyShape | None) -> Any:
    raw = await request.body()
    if not raw.strip():
        missing = Problem(("body",), "missing", NOT_AN_OBJECT)
        raise ValidationFailed(form_errors=[NOT_AN_OBJECT], problems=[missing])
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise MalformedBody("Malformed JSON in request body") from None
    if not isinstance(body, dict):
        wrong = Problem(("body",), "type", NOT_AN_OBJECT, expected="object", received=body)
        raise ValidationFailed(form_errors=[NOT_AN_OBJECT], problems=[wrong])
    return shaped(body, shape) if shape is not None else body


def shaped(body: dict[str, Any], shape: BodyShape) -> dict[str, Any]:
    """The body pruned to `shape`; a list given anything but an array, or an ID anything but a
    string (null aside), is a validation error, keyed as GraphQL's coercion errors are
    (`hypothesis.evidence`)."""
    problems: list[Problem] = []
    kept = _object(body, shape, ("body",), problems)
    if problems:
        fields: dict[str, list[str]] = {}
        for problem in problems:
            fields.setdefault(field_name(problem.loc[1:]), []).append(problem.message)
        raise ValidationFailed(field_errors=fields, problems=problems)
    return kept


def _object(
    value: dict[str, Any], shape: BodyShape, loc: Location, problems: list[Problem]
) -> dict[str, Any]:
    if isinstance(shape, ClosedShape) and (unknown := [key for key in value if key not in shape]):
        listed = ", ".join(f"'{key}'" for key in unknown)
        problems.append(Problem(loc, "value", f"Unrecognized key(s) in object: {listed}"))
    return {
        key: _value(item, shape[key], (*loc, key), problems)
        for key, item in value.items()
        if key in shape
    }


def _value(value: Any, shape: FieldShape, loc: Location, problems: list[Problem]) -> Any:
    if isinstance(shape, dict) and isinstance(value, dict):
        return _object(value, shape, loc, problems)
    if isinstance(shape, list) and isinstance(value, list):
        return [_value(item, shape[0], (*loc, index), problems) for index, item in enumerate(value)]
    if value is None:
        return value
    if isinstance(shape, list):
        problems.append(_wrong_type(loc, "array", value, expected="list"))
    elif shape == "ID" and not isinstance(value, str):
        problems.append(_wrong_type(loc, "string", value, expected="ID"))
    # Anything else GraphQL checks, reporting a non-object where an input object is needed.
    return value


def _wrong_type(loc: Location, wanted: str, value: Any, expected: str) -> Problem:
    message = f"Expected {wanted}, received {_json_type(value)}"
    return Problem(loc, "type", message, expected=expected, received=value)


def _json_type(value: Any) -> str:
    return next((name for kind, name in JSON_TYPES if isinstance(value, kind)), "null")


def field_name(steps: Location) -> str:
    """`("hypothesis", "evidence")` → `hypothesis.evidence`, `("messages", 0)` → `messages[0]`."""
    parts: list[str] = []
    for step in steps:
        if isinstance(step, int):
            parts.append(f"[{step}]")
        else:
            parts.append(f".{step}" if parts else step)
    return "".join(parts)
