"""GraphQL coercion messages → the field errors REST clients read."""

from __future__ import annotations

from graphql import build_schema

from adapters.runtime.coercion import request_problem, validation_failed, with_values
from app.errors import UNKNOWN, Problem


def test_body_fields_are_unprefixed_and_missing_ones_required() -> None:
    error = validation_failed(
        [
            "Variable '$input' has invalid value: Expected value of type 'CreateIssueInput' "
            "to include required field 'title', found: {'type': 'task'}.",
            "Variable '$input' has invalid value at .hypothesis.statement: String cannot "
            "represent a non string value: 1",
            "Variable '$input' has invalid value at .hypothesis: Expected value of type "
            "'HypothesisInput' to include required field 'evidence', found: {}.",
        ],
        body="input",
    )
    assert error.field_errors == {
        "title": ["Required"],
        "hypothesis.statement": ["String cannot represent a non string value: 1"],
        "hypothesis.evidence": ["Required"],
    }
    assert error.form_errors == [] and error.status == 422


def test_other_variables_keep_their_name_and_unknown_messages_stay_whole() -> None:
    error = validation_failed(
        [
            "Variable '$status' has invalid value at [0]: Value 'zz' does not exist in "
            "'IssueStatus' enum.",
            "Variable '$limit' has invalid value: Int cannot represent non 32-bit signed "
            "integer value: 1099511627776",
            "Something else entirely",
        ],
        body="input",
    )
    assert error.field_errors == {
        "status[0]": ["Value 'zz' does not exist in 'IssueStatus' enum"],
        "limit": ["Int cannot represent non 32-bit signed integer value: 1099511627776"],
    }
    assert error.form_errors == ["Something else entirely"]


SDL = """
enum Kind { signal task }
input Step { kind: Kind!, tags: [String!] }
input Plan { title: String!, steps: [Step!], first: Step }
type Query { plan(input: Plan, kinds: [Kind!]): Boolean }
"""


def test_problems_learn_the_value_sent_and_an_enums_values() -> None:
    schema = build_schema(SDL)
    error = validation_failed(
        [
            "Variable '$input' has invalid value at .steps[1].kind: Value 'bug' does not exist "
            "in 'Kind' enum.",
            "Variable '$input' has invalid value at .first.tags[0]: String cannot represent a "
            "non string value: 3",
            "Variable '$input' has invalid value at .first: Enum 'Kind' cannot represent "
            "non-string value: 7.",
            "Variable '$input' has invalid value: Expected value of type 'Plan' to include "
            "required field 'title', found: {}.",
            "Variable '$kinds' has invalid value at [0]: Value 'x' does not exist in 'Kind' enum.",
        ],
        body="input",
    )
    variables = {
        "input": {"steps": [{"kind": "task"}, {"kind": "bug"}], "first": {"tags": [3]}},
        "kinds": ["x"],
    }
    described = with_values(error, variables, "input", schema)
    assert described.field_errors == error.field_errors
    sent = [(p.received, p.choices) for p in described.problems]
    assert sent == [
        ("bug", ("signal", "task")),
        (3, ()),
        ({"tags": [3]}, ("signal", "task")),
        (UNKNOWN, ()),
        ("x", ("signal", "task")),
    ]
    assert described.problems[2].expected == "Kind"


def test_a_query_value_fastapi_could_not_read() -> None:
    unread = {"type": "int_parsing", "loc": ("query", "limit"), "msg": "m", "input": "abc"}
    assert request_problem(unread) == Problem(("query", "limit"), "type", "m", "Int")
    assert request_problem(unread).received == "abc"
    missing = {"type": "missing", "loc": ("query", "q"), "msg": "Field required"}
    assert request_problem(missing) == Problem(("query", "q"), "missing", "Field required")
    other = {"type": "string_too_long", "loc": ("query", "q"), "msg": "m", "input": "x"}
    assert request_problem(other) == Problem(("query", "q"), "value", "m")
