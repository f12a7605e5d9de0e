"""Conversions between ORM rows / plain values and Strawberry types and inputs."""

from __future__ import annotations

from enum import Enum
from typing import Any, TypeVar

import strawberry
from strawberry.types.base import get_object_definition, has_object_definition
from strawberry.utils.str_converters import to_camel_case

T = TypeVar("T")


_PLAIN_FIELDS: dict[type[Any], list[tuple[str, type[Enum] | None]]] = {}


def _plain_fields(cls: type[Any]) -> list[tuple[str, type[Enum] | None]]:
    """Per class, once: resolving Strawberry field types is costly and rows are built by
    the hundred per request. Each field comes with its enum class, if it is an enum."""
    found = _PLAIN_FIELDS.get(cls)
    if found is None:
        definition = get_object_definition(cls, strict=True)
        found = _PLAIN_FIELDS[cls] = [
            (
                f.python_name,
                f.type if isinstance(f.type, type) and issubclass(f.type, Enum) else None,
            )
            for f in definition.fields
            if f.base_resolver is None
        ]
    return found


def from_row(cls: type[T], row: Any) -> T:
    """Build a Strawberry object type from a row with same-named attributes; enum-typed fields
    turn the stored value into the enum member."""
    values: dict[str, Any] = {}
    for name, enum in _plain_fields(cls):
        value = getattr(row, name)
        values[name] = enum(value) if enum is not None and value is not None else value
    return cls(**values)


def provided(data: Any) -> dict[str, Any]:
    """The fields a client actually sent in an input object (UNSET skipped), by Python name,
    enums as their values and nested input objects as JSON documents with wire names."""
    return {
        field.python_name: _plain(getattr(data, field.python_name))
        for field in get_object_definition(data, strict=True).fields
        if getattr(data, field.python_name) is not strawberry.UNSET
    }


def as_document(data: Any) -> dict[str, Any]:
    return {
        field.graphql_name or to_camel_case(field.python_name): _plain(value)
        for field in get_object_definition(data, strict=True).fields
        if (value := getattr(data, field.python_name)) is not strawberry.UNSET
    }


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if has_object_definition(value):
        return as_document(value)
    return value
