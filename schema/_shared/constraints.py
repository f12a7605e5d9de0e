"""Input rules declared once, on the schema: `@constraints` appears in the SDL (so codegen puts
the same limits into OpenAPI) and is enforced at run time on both surfaces by `ValidateInput`."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import strawberry
from strawberry.extensions import FieldExtension
from strawberry.schema_directive import Location
from strawberry.types import Info
from strawberry.types.base import (
    StrawberryList,
    StrawberryOptional,
    get_object_definition,
    has_object_definition,
)
from strawberry.types.enum import StrawberryEnumDefinition
from strawberry.types.field import StrawberryField

from app.errors import ValidationFailed


@strawberry.schema_directive(
    locations=[Location.ARGUMENT_DEFINITION, Location.INPUT_FIELD_DEFINITION],
    name="constraints",
    print_definition=True,
)
@dataclass
class Constraints:
    # Unset rules are left out of the printed SDL.
    min_length: int | None = strawberry.UNSET
    max_length: int | None = strawberry.UNSET
    minimum: float | None = strawberry.UNSET
    maximum: float | None = strawberry.UNSET
    pattern: str | None = strawberry.UNSET
    # An optional input field that may be omitted but, when present, must not be null.
    not_null: bool | None = strawberry.UNSET
    # A string that is never stored as text (a webhook's raw body, which its signature check
    # must see as sent) may hold NUL characters; every other string is refused them.
    allow_nul: bool | None = strawberry.UNSET


NO_RULES = Constraints()
# Scalars' Python types as JSON validators name them; anything else is an object.
JSON_TYPES: dict[Any, str] = {
    str: "string",
    strawberry.ID: "string",
    datetime: "string",
    int: "number",
    float: "number",
    bool: "boolean",
}


@strawberry.schema_directive(
    locations=[Location.INPUT_OBJECT], name="closed", print_definition=True
)
class Closed:
    """An input object whose JSON form may carry no other keys: a REST body refuses unknown
    ones there, where elsewhere it drops them (as a validator that strips does)."""


def rules(**limits: Any) -> Any:
    """An optional input field with limits: it may be omitted but, when sent, never null."""
    return strawberry.field(
        default=strawberry.UNSET, directives=[Constraints(not_null=True, **limits)]
    )


def required(**limits: Any) -> Any:
    """A required input field with limits."""
    return strawberry.field(directives=[Constraints(**limits)])


def nullable(**limits: Any) -> Any:
    """An optional input field that may also be sent as null."""
    directives = [Constraints(**limits)] if limits else []
    return strawberry.field(default=strawberry.UNSET, directives=directives)


def constrained(**rules: Any) -> Any:
    """`Annotated[str, constrained(max_length=100)]` for arguments, or a field's `directives=`."""
    return strawberry.argument(directives=[Constraints(**rules)])


def violations(value: Any, rules: Constraints, expected: str = "a value") -> list[str]:
    """What `value` breaks; `expected` names its type in the message for a refused null."""
    if value is None:
        return [f"Expected {expected}, received null"] if rules.not_null is True else []
    if isinstance(value, str):
        return _string_violations(value, rules)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _number_violations(value, rules)
    return []


def _string_violations(value: str, rules: Constraints) -> list[str]:
    # Every string, constrained or not: PostgreSQL text cannot hold NUL characters.
    nul = "\x00" in value and rules.allow_nul is not True
    problems = ["String must not contain NUL characters"] if nul else []
    if isinstance(rules.min_length, int) and len(value) < rules.min_length:
        problems.append(f"String must contain at least {rules.min_length} character(s)")
    if isinstance(rules.max_length, int) and len(value) > rules.max_length:
        problems.append(f"String must contain at most {rules.max_length} character(s)")
    if isinstance(rules.pattern, str) and re.fullmatch(rules.pattern, value) is None:
        problems.append("Invalid format")
    return problems


def _number_violations(value: float, rules: Constraints) -> list[str]:
    problems = []
    if isinstance(rules.minimum, int | float) and value < rules.minimum:
        problems.append(f"Number must be greater than or equal to {_num(rules.minimum)}")
    if isinstance(rules.maximum, int | float) and value > rules.maximum:
        problems.append(f"Number must be less than or equal to {_num(rules.maximum)}")
    return problems


def _num(bound: float) -> str:
    return str(int(bound)) if float(bound).is_integer() else str(bound)


def _rules(directives: Iterable[object]) -> Constraints | None:
    return next((d for d in directives if isinstance(d, Constraints)), None)


def json_type(type_: Any) -> str:
    """A field's type as JSON validators name it: "string", "number", "'a' | 'b'"."""
    while isinstance(type_, StrawberryOptional):
        type_ = type_.of_type
    if isinstance(type_, StrawberryList):
        return "array"
    if isinstance(type_, StrawberryEnumDefinition):
        return " | ".join(f"'{value.name}'" for value in type_.values)
    return JSON_TYPES.get(type_, "object")


class ValidateInput(FieldExtension):
    """Rejects arguments breaking their `@constraints` before the resolver runs (422). Errors are
    keyed by GraphQL name; an input object's fields are keyed by their own names, as REST
    clients see them in the request body."""

    def apply(self, field: StrawberryField) -> None:
        self.field = field

    async def resolve_async(
        self, next_: Callable[..., Awaitable[Any]], source: Any, info: Info, **kwargs: Any
    ) -> Any:
        names = info.schema.config.name_converter
        errors: dict[str, list[str]] = {}

        def check(value: Any, rules: Constraints | None, path: str, type_: Any) -> None:
            if value is strawberry.UNSET:
                return
            problems = violations(value, rules or NO_RULES, json_type(type_))
            if problems:
                errors.setdefault(path, []).extend(problems)
            if isinstance(value, list):
                for item in value:
                    check(item, None, path, None)
            elif has_object_definition(value):
                for field in get_object_definition(value, strict=True).fields:
                    name = names.get_graphql_name(field)
                    nested = f"{path}.{name}" if path else name
                    rules = _rules(field.directives)
                    check(getattr(value, field.python_name), rules, nested, field.type)

        for argument in self.field.arguments:
            value = kwargs.get(argument.python_name, strawberry.UNSET)
            path = "" if has_object_definition(value) else names.get_graphql_name(argument)
            check(value, _rules(argument.directives), path, argument.type)
        if errors:
            raise ValidationFailed(field_errors=errors)
        return await next_(source, info, **kwargs)
