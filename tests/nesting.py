"""JSON values nested to a given depth, for the tests of how deep inputs may nest."""

from __future__ import annotations

from typing import Any


def nested(levels: int) -> dict[str, Any]:
    """An object `levels` levels deep: `nested(2) == {"a": {"a": 1}}`."""
    value: Any = 1
    for _ in range(levels):
        value = {"a": value}
    return value


def nested_text(levels: int) -> bytes:
    """`nested(levels)` as JSON text, built without recursion (the standard library's writer
    overflows the stack somewhere below a thousand levels)."""
    return b'{"a":' * levels + b"1" + b"}" * levels
