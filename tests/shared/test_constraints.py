"""The rules `@constraints` declares, as `violations` applies them to one value."""

from __future__ import annotations

from schema._shared.constraints import Constraints, violations

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
