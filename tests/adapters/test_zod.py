"""Request validation in Zod's words, from each problem's structure and the value sent."""

from __future__ import annotations

import pytest

from adapters.runtime.zod import details, message
from app.errors import Problem, ValidationFailed

ENUM = ("signal", "task")


@pytest.mark.parametrize(
    ("problem", "worded"),
    [
        (Problem(("body", "title"), "missing", "x"), "Required"),
        (Problem(("body", "title"), "null", "x", "String", None), "Expected string, received null"),
        (Problem(("body", "title"), "type", "x", "String", 1), "Expected string, received number"),
        (Problem(("body", "n"), "type", "x", "Int", True), "Expected number, received boolean"),
        (Problem(("body", "n"), "type", "x", "Int", "3"), "Expected number, received string"),
        (Problem(("body", "n"), "type", "x", "Int", 1.5), "Expected integer, received float"),
        (
            Problem(("body", "n"), "type", "x", "Int", 2**40),
            "Number must be less than or equal to 2147483647",
        ),
        (
            Problem(("body", "n"), "type", "x", "Int", -(2**40)),
            "Number must be greater than or equal to -2147483648",
        ),
        (Problem(("query", "limit"), "type", "x", "Int", "abc"), "Expected number, received nan"),
        (
            Problem(("query", "limit"), "type", "x", "Int", "1.5"),
            "Expected integer, received float",
        ),
        (
            Problem(("body", "h"), "type", "x", "HypothesisInput", "s"),
            "Expected object, received string",
        ),
        (Problem(("body", "p"), "type", "x", "JSONObject", [1]), "Expected object, received array"),
        (Problem(("body", "ids"), "type", "x", "list", {}), "Expected array, received object"),
        (
            Problem(("body", "type"), "value", "x", "IssueType", "bug", ENUM),
            "Invalid enum value. Expected 'signal' | 'task', received 'bug'",
        ),
        (
            Problem(("body", "type"), "type", "x", "IssueType", 7, ENUM),
            "Expected 'signal' | 'task', received number",
        ),
        (
            Problem(("body", "type"), "null", "x", "IssueType", None, ENUM),
            "Expected 'signal' | 'task', received null",
        ),
        # Nothing to word it from: the problem's own message.
        (Problem(("body", "type"), "value", "As it was"), "As it was"),
        (Problem(("body", "n"), "type", "As it was", "Int"), "As it was"),
        (Problem(("body", "n"), "type", "As it was", "mystery", 1), "As it was"),
    ],
)
def test_each_problem_is_worded_as_zod_words_it(problem: Problem, worded: str) -> None:
    assert message(problem) == worded


def test_problems_are_flattened_into_form_and_field_errors() -> None:
    error = ValidationFailed(
        field_errors={"ignored": ["as worded by GraphQL"]},
        form_errors=["Request body must be a JSON object"],
        problems=[
            Problem(("body",), "type", "x", "object", [1]),
            Problem(("body", "hypothesis", "evidence", 0), "type", "x", "String", 2),
            Problem(("query", "status", 1), "value", "x", "IssueType", "bug", ENUM),
        ],
    )
    assert details(error) == {
        "formErrors": ["Expected object, received array"],
        "fieldErrors": {
            "hypothesis.evidence[0]": ["Expected string, received number"],
            "status[1]": ["Invalid enum value. Expected 'signal' | 'task', received 'bug'"],
        },
    }


def test_errors_without_problems_keep_their_messages() -> None:
    error = ValidationFailed(
        field_errors={"title": ["String must contain at least 1 character(s)"]}
    )
    assert details(error) == {
        "formErrors": [],
        "fieldErrors": {"title": ["String must contain at least 1 character(s)"]},
    }
