"""The app's JSON input limit (`FACET_MAX_JSON_DEPTH`), in force while its operations run:
the `JSONObject` scalar reads it when GraphQL coerces a value, for REST bodies, variables and
literals alike (see `app.jsonvalues`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from strawberry.extensions import SchemaExtension

from app import jsonvalues


class JSONInputDepth(SchemaExtension):
    def __init__(self, max_depth: int) -> None:
        super().__init__()
        self.max_depth = max_depth

    def on_operation(self) -> Iterator[None]:
        # Set, not reset: a subscription's hooks may end in another task than the one they
        # began in, where a reset fails. Every operation sets its app's limit before its
        # values are coerced, so none runs with another app's.
        jsonvalues.input_depth.set(self.max_depth)
        yield


def json_input_depth(max_depth: int) -> Callable[[], SchemaExtension]:
    return partial(JSONInputDepth, max_depth)
