"""GraphQL variable-coercion messages turned into per-field validation errors, so a REST client
reads `{"title": ["Required"]}` instead of GraphQL's wording about `$input`."""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.errors import ValidationFailed

_COERCION = re.compile(
    r"^Variable '\$(?P<var>\w+)' has invalid value(?: at (?P<at>\S+))?: (?P<problem>.*)$", re.S
)
_REQUIRED = re.compile(r"^Expected value of type '\w+' to include required field '(?P<field>\w+)'")
_FOUND = re.compile(r"[;,] found: .*$", re.S)


def validation_failed(messages: Iterable[str], body: str | None) -> ValidationFailed:
    """Field errors keyed like the request: body fields unprefixed (`hypothesis.statement`),
    other variables by name (`status[0]`)."""
    fields: dict[str, list[str]] = {}
    form: list[str] = []
    for message in messages:
        match = _COERCION.match(message)
        if match is None:
            form.append(message)
            continue
        at = match["at"] or ""
        path = at.lstrip(".") if match["var"] == body else match["var"] + at
        problem = match["problem"]
        if required := _REQUIRED.match(problem):
            path = f"{path}.{required['field']}" if path else required["field"]
            problem = "Required"
        fields.setdefault(path or match["var"], []).append(_FOUND.sub("", problem).rstrip("."))
    return ValidationFailed(field_errors=fields, form_errors=form)
