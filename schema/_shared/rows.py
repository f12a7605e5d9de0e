"""Conversions between ORM rows / plain values and Strawberry types and inputs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum
from functools import cache
from operator import itemgetter
from typing import Any, NamedTuple, TypeVar

import strawberry
from strawberry.types.base import get_object_definition, has_object_definition
from strawberry.utils.str_converters import to_camel_case

T = TypeVar("T")


class _Plain(NamedTuple):
    names: tuple[str, ...]
    enums: tuple[tuple[str, type[Enum]], ...]
    # The dataclass `__init__` would only assign the fields: set the instance dict directly.
    direct: bool


_PLAIN_FIELDS: dict[type[Any], _Plain] = {}


def _plain_fields(cls: type[Any]) -> _Plain:
    """Per class, once: resolving Strawberry field types is costly and rows are built by
    the hundred per request. Enum-typed fields come with their enum class."""
    found = _PLAIN_FIELDS.get(cls)
    if found is None:
        fields = [
            f for f in get_object_definition(cls, strict=True).fields if f.base_resolver is None
        ]
        found = _PLAIN_FIELDS[cls] = _Plain(
            names=tuple(f.python_name for f in fields),
            enums=tuple(
                (f.python_name, f.type)
                for f in fields
                if isinstance(f.type, type) and issubclass(f.type, Enum)
            ),
            direct=all(f.init for f in fields)
            and cls.__new__ is object.__new__  # type: ignore[comparison-overlap]
            and getattr(cls, "__post_init__", None) is None
            and hasattr(cls, "__dict__")
            and "__slots__" not in vars(cls),
        )
    return found


def from_row(cls: type[T], row: Any) -> T:
    """Build a Strawberry object type from a row with same-named attributes; enum-typed fields
    turn the stored value into the enum member."""
    return from_rows(cls, [row])[0]


def from_rows(cls: type[T], rows: Iterable[Any]) -> list[T]:
    """`from_row` for each row of one result."""
    rows = list(rows)
    if not rows:
        return []
    plain = _plain_fields(cls)
    read = _reader(plain.names, rows[0])
    return [_build(cls, plain, read(row)) for row in rows]


def _reader(names: tuple[str, ...], first: Any) -> Callable[[Any], dict[str, Any]]:
    """How to read the named values of every row like `first`: plain rows by position
    (reading them by name costs several times more; a row holding exactly the names, in order,
    is read whole), anything else by attribute."""
    fields = getattr(first, "_fields", None)
    if fields == names:
        return lambda row: dict(zip(names, row, strict=False))  # as long: fields == names
    pick = _picker(names, fields) if fields is not None and len(names) > 1 else None
    if pick is not None:
        return lambda row: dict(zip(names, pick(row), strict=True))
    return lambda row: {name: getattr(row, name) for name in names}


@cache
def _picker(names: tuple[str, ...], fields: tuple[str, ...]) -> itemgetter[Any] | None:
    """The named values' positions among a statement's columns, worked out once: most results
    hold a handful of rows."""
    if not set(names) <= set(fields):
        return None
    return itemgetter(*(fields.index(name) for name in names))


def _build(cls: type[T], plain: _Plain, values: dict[str, Any]) -> T:
    for name, enum in plain.enums:
        if (value := values[name]) is not None:
            values[name] = enum._value2member_map_.get(value) or enum(value)
    if not plain.direct:
        return cls(**values)
    instance = object.__new__(cls)
    instance.__dict__ = values
    return instance


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
