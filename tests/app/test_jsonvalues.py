"""How deep a JSON value nests, counted without recursion, and what orjson, which writes every
response, cannot write."""

from __future__ import annotations

import orjson
import pytest

from app.jsonvalues import Unwritable, nests_deeper, written

from ..nesting import nested


@pytest.mark.parametrize(
    ("value", "levels"),
    [(1, 0), ("text", 0), ({}, 1), ([], 1), ({"a": [1, {"b": ()}]}, 4), (nested(64), 64)],
)
def test_levels_count_every_array_and_object(value: object, levels: int) -> None:
    assert not nests_deeper(value, levels)
    assert nests_deeper(value, levels - 1) == (levels > 0)


def test_only_the_deepest_branch_counts() -> None:
    wide = {f"k{index}": nested(3) for index in range(1000)}
    assert not nests_deeper(wide, 4) and nests_deeper({**wide, "deep": nested(4)}, 4)


def test_a_value_deeper_than_the_stack_is_walked() -> None:
    assert nests_deeper(nested(100_000), 99_999) and not nests_deeper(nested(100_000), 100_000)


def test_a_writable_value_is_written_as_responses_write_it() -> None:
    value = {"a": [1, 2.5, "é", None, nested(10)]}
    assert written(value, 12) == orjson.dumps(value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (nested(11), "nests deeper than 10 levels"),
        ({"text": "\ud800"}, "cannot be written as JSON: str is not valid UTF-8"),
        ({"big": 2**64}, "cannot be written as JSON: Integer exceeds 64-bit range"),
    ],
)
def test_an_unwritable_value_says_why(value: object, message: str) -> None:
    with pytest.raises(Unwritable, match=f"^{message}"):
        written(value, 10)
