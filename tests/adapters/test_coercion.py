"""GraphQL coercion messages → the field errors REST clients read."""

from __future__ import annotations

from adapters.runtime.coercion import validation_failed


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
