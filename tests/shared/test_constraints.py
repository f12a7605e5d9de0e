"""The rules `@constraints` declares, as `violations` applies them to one value."""

from __future__ import annotations

import enum

import strawberry
from strawberry.types.base import get_object_definition

from schema._shared.constraints import Constraints, json_type, violations
from schema._shared.scalars import JSONObject

NUL = "String must not contain NUL characters"


def test_every_string_is_refused_nul_characters_unless_allowed() -> None:
    assert violations("a\x00b", Constraints()) == [NUL]
    assert violations("a\x00b", Constraints(max_length=1)) == [
        NUL,
        "String must contain at most 1 character(s)",
    ]
    assert violations("a\x00b", Constraints(allow_nul=True)) == []
    assert violations("a\x00b", Constraints(allow_nul=True, max_length=1)) == [
        "String must contain at most 1 character(s)"
    ]


def test_a_refused_null_names_the_type_expected() -> None:
    assert violations(None, Constraints(not_null=True), "string") == [
        "Expected string, received null"
    ]
    assert violations(None, Constraints()) == []


class Kind(enum.Enum):
    signal = "signal"
    task = "task"


@strawberry.input
class Step:
    name: str


@strawberry.input
class Everything:
    title: str | None
    count: int
    ratio: float | None
    done: bool
    owner: strawberry.ID | None
    kind: Kind | None
    tags: list[str] | None
    step: Step | None
    payload: JSONObject | None


def test_json_names_of_field_types() -> None:
    fields = {f.python_name: f.type for f in get_object_definition(Everything, strict=True).fields}
    assert {name: json_type(type_) for name, type_ in fields.items()} == {
        "title": "string",
        "count": "number",
        "ratio": "number",
        "done": "boolean",
        "owner": "string",
        "kind": "'signal' | 'task'",
        "tags": "array",
        "step": "object",
        "payload": "object",
    }
