"""The intermediate model: what codegen learns from a domain's files, rendered twice (router and
OpenAPI). Nothing here knows about GraphQL ASTs or Python source."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias

JsonSchema = dict[str, Any]
# The keys a JSON body may carry: None for a scalar or JSON value, "ID" for an ID (which must be
# a JSON string), a nested shape for an input object (a `ClosedShape` for a `@closed` one, which
# refuses other keys), and a one-item list holding the items' shape for a list (which must be a
# JSON array).
FieldShape: TypeAlias = "BodyShape | list[FieldShape] | Literal['ID'] | None"
BodyShape: TypeAlias = dict[str, FieldShape]


class ClosedShape(dict[str, FieldShape]):
    """The shape of a `@closed` input object: unknown keys are errors, not dropped."""


# Adds one problem, already located (file and operation), to the list being collected.
Report = Callable[[str], None]


class CodegenError(Exception):
    """Every problem found in a domain's files, reported at once."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = list(errors)
        listed = "\n".join(f"  - {error}" for error in self.errors)
        super().__init__(f"codegen failed with {len(self.errors)} error(s):\n{listed}")


class Problems:
    """Collects error messages in the order found, without duplicates."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def add(self, where: str, message: str) -> None:
        text = f"{where}: {message}"
        if text not in self.messages:
            self.messages.append(text)

    def raise_if_any(self) -> None:
        if self.messages:
            raise CodegenError(self.messages)


@dataclass(frozen=True)
class RestConfig:
    """`rest.toml`: the document's `info`, the envelope style and the security scheme."""

    title: str
    version: str
    description: str | None
    envelope: str
    openapi_paths: tuple[str, ...]
    secured: bool
    security_description: str | None


@dataclass(frozen=True)
class ParamModel:
    """One path, query, header or cookie parameter, bound to the GraphQL variable `name`; `wire`
    is its name in the request (the variable's name, or the header's or cookie's)."""

    name: str
    wire: str
    python: str
    location: Literal["path", "query", "header", "cookie"]
    python_type: str
    is_list: bool
    required: bool
    schema: JsonSchema
    description: str | None

    @property
    def saturates(self) -> bool:
        """A query integer is held within GraphQL's 32-bit Int (see `saturated` in the runtime's
        binding), so its OpenAPI schema has no such bounds."""
        return self.location == "query" and self.python_type == "int" and not self.is_list


@dataclass(frozen=True)
class RouteModel:
    """One documented endpoint: the operation, its HTTP metadata and its JSON Schemas."""

    operation: str
    document: str
    field: str
    method: str
    path: str
    status: int
    kind: str
    errors: tuple[int, ...]
    public: bool
    tag: str | None
    summary: str | None
    description: str | None
    params: tuple[ParamModel, ...]
    body: str | None
    raw_body: str | None
    body_type: str | None
    body_shape: BodyShape | None
    payload: JsonSchema
    # A subscription: the envelope renders the stream of its values.
    stream: bool = False
    # A nullable body variable: the request may come without a body.
    body_required: bool = True
    # `(command, description)` of each `@next` hint, in the order declared.
    next_actions: tuple[tuple[str, str], ...] = ()

    @property
    def has_variables(self) -> bool:
        return bool(self.params) or self.body is not None or self.raw_body is not None


@dataclass
class DomainModel:
    """A domain's routes in document order and their shared component schemas."""

    slug: str
    source: str
    routes: list[RouteModel] = field(default_factory=list)
    components: dict[str, JsonSchema] = field(default_factory=dict)
