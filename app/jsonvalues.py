"""JSON values as the platform takes them in and keeps them. Every response is written by
orjson, which refuses to nest arrays and objects past WRITER_DEPTH levels, to write an integer
past 64 bits, or a string holding a lone surrogate. A stored value orjson cannot write would
fail every response holding it, for every client, so:

- JSON inputs (`JSONObject` values, webhook payloads) nest at most `FACET_MAX_JSON_DEPTH`
  levels and must be writable, checked where they are read, with the caller's error;
- the database writes JSON columns with orjson as well (`stored`), refusing anything nested
  past STORED_DEPTH: what could not be written back is never committed, whichever way it came.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

import orjson

# The most levels orjson writes, counting the response's own.
WRITER_DEPTH = 253
# Stored values stay this far within it, leaving 61 levels for the response around them: the
# envelope, and GraphQL's nested selections.
STORED_DEPTH = 192
# Inputs: `FACET_MAX_JSON_DEPTH`'s default, and its ceiling, low enough that what a service
# wraps around an input (a job's payload, say) still stores.
DEFAULT_INPUT_DEPTH = 64
MOST_INPUT_DEPTH = 128

CONTAINERS = (dict, list, tuple)  # what orjson writes as objects and arrays
# The input limit of the app running the current GraphQL operation, set by the operation
# before its values are coerced (values have no other way to reach a scalar's parser).
input_depth: ContextVar[int] = ContextVar("facet_json_input_depth", default=DEFAULT_INPUT_DEPTH)


class Unwritable(ValueError):
    """A value nested past its limit, or one orjson cannot write; the message follows the
    value's name ("JSONObject nests deeper than 64 levels")."""


def nests_deeper(value: Any, limit: int) -> bool:
    """Whether arrays and objects in `value` nest more than `limit` levels (`{}` is one level,
    `{"a": []}` two, a scalar none). Walked a level at a time: no recursion, however deep."""
    level, containers = 0, [value] if isinstance(value, CONTAINERS) else []
    while containers:
        level += 1
        if level > limit:
            return True
        inside: list[Any] = []
        keep = inside.append
        for container in containers:
            for item in container.values() if isinstance(container, dict) else container:
                if isinstance(item, CONTAINERS):
                    keep(item)
        containers = inside
    return False


def written(value: Any, max_depth: int) -> bytes:
    """`value` as JSON, or `Unwritable` saying why it cannot be."""
    if nests_deeper(value, max_depth):
        raise Unwritable(f"nests deeper than {max_depth} levels")
    try:
        return orjson.dumps(value)
    except orjson.JSONEncodeError as error:
        raise Unwritable(f"cannot be written as JSON: {error}") from None


def stored(value: Any) -> str:
    """The database's JSON writer."""
    return written(value, STORED_DEPTH).decode()
