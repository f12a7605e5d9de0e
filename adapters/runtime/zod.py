"""Request validation worded as Zod (v3) words it, from each problem's structure and the value
sent: "Required", "Expected string, received number", "Invalid enum value. Expected 'a' | 'b',
received 'c'". A problem this wording has no words for keeps its message."""

from __future__ import annotations

from typing import Any

from app.errors import UNKNOWN, Problem, ValidationFailed

from .binding import INT_MAX, INT_MIN, field_name

# What Zod calls the type a GraphQL type or a shape marker expects.
EXPECTED = {
    "String": "string",
    "ID": "string",
    "DateTime": "string",
    "Int": "number",
    "Float": "number",
    "Boolean": "boolean",
    "JSONObject": "object",
    "object": "object",
    "list": "array",
}
# JSON's values by Zod's names for them (a bool is an int to Python: it comes first).
RECEIVED: tuple[tuple[type, str], ...] = (
    (bool, "boolean"),
    (int, "number"),
    (float, "number"),
    (str, "string"),
    (dict, "object"),
    (list, "array"),
)
NAN = float("nan")


def details(error: ValidationFailed) -> dict[str, Any]:
    """`{formErrors, fieldErrors}` as Zod's `flatten` gives them (fields by their path)."""
    if not error.problems:
        return {"formErrors": error.form_errors, "fieldErrors": error.field_errors}
    form: list[str] = []
    fields: dict[str, list[str]] = {}
    for problem in error.problems:
        if len(problem.loc) > 1:
            fields.setdefault(field_name(problem.loc[1:]), []).append(message(problem))
        else:
            form.append(message(problem))
    return {"formErrors": form or error.form_errors, "fieldErrors": fields}


def message(problem: Problem) -> str:
    if problem.kind == "missing":
        return "Required"
    if problem.kind == "value":
        return _not_a_choice(problem) or problem.message
    expected = _expected(problem)
    if expected is None:
        return problem.message
    if problem.kind == "null":
        return f"Expected {expected}, received null"
    sent = problem.received
    if sent is UNKNOWN:
        return problem.message
    if problem.loc[0] == "query" and isinstance(sent, str):
        sent = _number(sent)  # a query value is text that Zod coerces to a number
    if problem.expected == "Int" and isinstance(sent, int | float) and not isinstance(sent, bool):
        return _not_an_int(sent)
    return f"Expected {expected}, received {_received(sent)}"


def _expected(problem: Problem) -> str | None:
    if problem.choices:
        return _listed(problem.choices)
    if problem.expected is None:
        return None
    # Any other type named is an input object's.
    return EXPECTED.get(problem.expected, "object" if problem.expected[:1].isupper() else None)


def _not_a_choice(problem: Problem) -> str | None:
    if not problem.choices or not isinstance(problem.received, str):
        return None
    return f"Invalid enum value. Expected {_listed(problem.choices)}, received '{problem.received}'"


def _not_an_int(number: float) -> str:
    if number != number:
        return "Expected number, received nan"
    if not float(number).is_integer():
        return "Expected integer, received float"
    if number > INT_MAX:
        return f"Number must be less than or equal to {INT_MAX}"
    if number < INT_MIN:
        return f"Number must be greater than or equal to {INT_MIN}"
    return "Expected integer, received float"  # integral, but not written as an integer ("1e3")


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return NAN


def _listed(choices: tuple[str, ...]) -> str:
    return " | ".join(f"'{choice}'" for choice in choices)


def _received(value: Any) -> str:
    if isinstance(value, float) and value != value:
        return "nan"
    return next((name for kind, name in RECEIVED if isinstance(value, kind)), "null")
