"""A JSON body against its route's shape: unknown keys dropped at every depth, and a list given
anything but an array, or an ID anything but a string (null aside), refused with the field's
name and a structured problem, where GraphQL would coerce a single value into a one-item list
and an integer into an ID."""

from __future__ import annotations

import pytest

from adapters.runtime.binding import BodyShape, ClosedShape, saturated, shaped
from app.errors import Problem, ValidationFailed

SHAPE: BodyShape = {
    "owner": "ID",
    "ids": ["ID"],
    "grid": [[None]],
    "steps": [{"name": None, "tags": [None]}],
    "first": {"name": None, "tags": [None]},
    "meta": None,
}


def test_unknown_keys_are_dropped_in_objects_and_list_items() -> None:
    body = {
        "ids": ["a"],
        "steps": [{"name": "s", "extra": 1}],
        "first": {"name": "f", "extra": 2},
        "meta": {"anything": [1]},
        "bogus": True,
    }
    assert shaped(body, SHAPE) == {
        "ids": ["a"],
        "steps": [{"name": "s"}],
        "first": {"name": "f"},
        "meta": {"anything": [1]},
    }


def test_null_arrays_and_strings_are_what_they_should_be() -> None:
    body = {"owner": None, "ids": None, "grid": [[1], []], "steps": [], "first": {"tags": None}}
    assert shaped(body, SHAPE) == body
    assert shaped({"owner": "1", "ids": ["2"]}, SHAPE) == {"owner": "1", "ids": ["2"]}


@pytest.mark.parametrize(
    ("body", "field", "loc", "received", "expected"),
    [
        ({"ids": "a"}, "ids", ("body", "ids"), "string", "list"),
        ({"ids": 1}, "ids", ("body", "ids"), "number", "list"),
        ({"ids": 1.5}, "ids", ("body", "ids"), "number", "list"),
        ({"ids": False}, "ids", ("body", "ids"), "boolean", "list"),
        ({"steps": {"name": "s"}}, "steps", ("body", "steps"), "object", "list"),
        ({"grid": [[1], 2]}, "grid[1]", ("body", "grid", 1), "number", "list"),
        ({"first": {"tags": "t"}}, "first.tags", ("body", "first", "tags"), "string", "list"),
        ({"owner": 7, "ids": []}, "owner", ("body", "owner"), "number", "ID"),
        ({"owner": ["7"]}, "owner", ("body", "owner"), "array", "ID"),
        ({"ids": ["a", 2]}, "ids[1]", ("body", "ids", 1), "number", "ID"),
        (
            {"steps": [{}, {"tags": "t"}]},
            "steps[1].tags",
            ("body", "steps", 1, "tags"),
            "string",
            "list",
        ),
    ],
)
def test_a_list_or_an_id_given_anything_else_is_refused(
    body: dict[str, object], field: str, loc: tuple[str | int, ...], received: str, expected: str
) -> None:
    with pytest.raises(ValidationFailed) as raised:
        shaped(body, SHAPE)
    wanted = "array" if expected == "list" else "string"
    message = f"Expected {wanted}, received {received}"
    assert raised.value.field_errors == {field: [message]}
    assert raised.value.problems == [Problem(loc, "type", message, expected=expected)]


def test_every_misplaced_value_is_reported() -> None:
    with pytest.raises(ValidationFailed) as raised:
        shaped({"ids": "a", "first": {"tags": "t"}}, SHAPE)
    assert sorted(raised.value.field_errors) == ["first.tags", "ids"]


def test_a_closed_object_refuses_unknown_keys_wherever_it_is() -> None:
    closed: BodyShape = {
        "rules": ClosedShape({"kind": None}),
        "each": [ClosedShape({"kind": None})],
    }
    assert shaped({"rules": {"kind": 1}, "each": [{}], "other": 1}, closed) == {
        "rules": {"kind": 1},
        "each": [{}],
    }
    with pytest.raises(ValidationFailed) as raised:
        shaped({"rules": {"kind": 1, "knd": 2}, "each": [{"x": 1, "y": 2}]}, closed)
    assert raised.value.field_errors == {
        "rules": ["Unrecognized key(s) in object: 'knd'"],
        "each[0]": ["Unrecognized key(s) in object: 'x', 'y'"],
    }
    assert [problem.loc for problem in raised.value.problems] == [
        ("body", "rules"),
        ("body", "each", 0),
    ]


@pytest.mark.parametrize(
    ("value", "held"),
    [
        (None, None),
        (0, 0),
        (2**31 - 1, 2**31 - 1),
        (2**31, 2**31 - 1),
        (10**30, 2**31 - 1),
        (-(2**31), -(2**31)),
        (-(10**30), -(2**31)),
    ],
)
def test_a_query_integer_is_held_within_graphqls_int(value: int | None, held: int | None) -> None:
    assert saturated(value) == held
