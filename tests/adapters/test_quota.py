"""What a GraphQL operation spends of a rate limit: its root fields as they run."""

from __future__ import annotations

import pytest
from graphql import parse

from adapters.runtime.quota import root_fields


@pytest.mark.parametrize(
    ("document", "operation", "spent"),
    [
        ("{ a }", None, 1),
        ("{ a b c }", None, 3),
        ("{ x: a y: a z: a }", None, 3),
        # The same response key is one field, run once.
        ("{ a a x: a x: a }", None, 2),
        ("{ ... on Query { a b } c }", None, 3),
        ("{ ...F a } fragment F on Query { a b }", None, 2),
        # A fragment spreading another, and spread twice, is read once.
        ("{ ...F ...F } fragment F on Query { a ...G } fragment G on Query { b c }", None, 3),
        # Only the fields at the root count, not what is selected inside them.
        ("{ a { b c d } }", None, 1),
        ("query One { a } query Three { a b c }", "Three", 3),
        ("query One { a } query Three { a b c }", "One", 1),
        # `@skip` and `@include` are not read: what could run is what it costs.
        ("{ a @skip(if: true) b @include(if: false) }", None, 2),
    ],
)
def test_root_fields(document: str, operation: str | None, spent: int) -> None:
    assert root_fields(parse(document), operation) == spent
