"""What each response style's bodies look like, as plain data and functions over JSON Schema: the
kinds of success body a route may declare, the error body, and the statuses of bad input. Codegen
reads these to write OpenAPI documents; the runtime's renderers (`adapters/runtime/envelopes`,
one module per style, of the same name) answer in these shapes. Nothing here imports the app, a
web framework or GraphQL, so codegen stays a reader of files."""

from __future__ import annotations

import importlib
from typing import Any, Protocol, cast

JsonSchema = dict[str, Any]


class EnvelopeShape(Protocol):
    """One style; `kind` is a route's envelope kind (item, page, raw...)."""

    KINDS: frozenset[str]
    ERROR_SCHEMA: JsonSchema
    VALIDATION_STATUS: int
    MALFORMED_BODY_STATUS: int

    def describe(self, kind: str, payload: JsonSchema) -> JsonSchema | None:
        """The JSON Schema of a success body, given the schema of the operation's root field
        (None when the kind answers with no body)."""
        ...

    def empty_statuses(self, kind: str) -> tuple[int, ...]:
        """Further success statuses a kind answers with no body (e.g. 204 for "nothing")."""
        ...

    def media_type(self, kind: str) -> str:
        """The success body's content type (`application/json` for JSON kinds)."""
        ...


def get(style: str) -> EnvelopeShape:
    return cast(EnvelopeShape, importlib.import_module(f"{__name__}.{style}"))
