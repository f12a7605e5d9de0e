"""Scalars shared by every domain. Codegen maps them to JSON Schema by name."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, NewType

import orjson
import strawberry
from graphql import GraphQLError
from strawberry.types.scalar import ScalarDefinition

from app import jsonvalues


def format_datetime(value: datetime) -> str:
    """ISO 8601 in UTC with milliseconds and a `Z`, as JavaScript's `toISOString` writes it."""
    if value.tzinfo is not None and value.tzinfo is not UTC:  # naive values are UTC already
        value = value.astimezone(UTC)
    if value.year < 1000:  # strftime does not pad years to four digits; keep its output
        return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
    # orjson writes "YYYY-MM-DDTHH:MM:SS[.ffffff][+00:00]" three times as fast as `isoformat`
    # (lists format thousands); keep the milliseconds, truncated like above.
    if value.microsecond:
        return orjson.dumps(value)[1:24].decode() + "Z"
    return orjson.dumps(value)[1:20].decode() + ".000Z"


def parse_datetime(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _parse_object(value: Any) -> dict[str, Any]:
    """An object, nested no deeper than the serving app's limit and writable back (see
    `app.jsonvalues`), from variables, REST bodies and literals alike. A GraphQLError's message
    is reported as it is, where another exception's would be wrapped in "Expected value of
    type 'JSONObject'" (which also reads as a wrong type to REST's error shapes)."""
    if not isinstance(value, dict):
        raise ValueError("JSONObject cannot represent a non-object value")
    try:
        jsonvalues.written(value, jsonvalues.input_depth.get())
    except jsonvalues.Unwritable as error:
        raise GraphQLError(f"JSONObject {error}") from None
    return value


def _parse_comma_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    raise ValueError("Expected a list of strings or one comma-separated string")


# Annotations name these types; each schema maps them to their scalar (SCALAR_OVERRIDES). Type
# checkers see the plain types, so values need no wrapping.
if TYPE_CHECKING:
    JSONObject = dict[str, Any]
    CommaList = list[str]
else:
    JSONObject = NewType("JSONObject", dict[str, Any])
    CommaList = NewType("CommaList", list[str])


def _identity(value: Any) -> Any:
    return value


SCALAR_OVERRIDES: dict[object, ScalarDefinition] = {
    datetime: strawberry.scalar(
        name="DateTime",
        description="An ISO 8601 timestamp in UTC, e.g. 2026-02-20T12:00:00.000Z.",
        serialize=format_datetime,
        parse_value=parse_datetime,
    ),
    JSONObject: strawberry.scalar(
        name="JSONObject",
        description="An arbitrary JSON object.",
        serialize=_identity,
        parse_value=_parse_object,
    ),
    CommaList: strawberry.scalar(
        name="CommaList",
        description='Strings, sent as a JSON array or one comma-separated string ("a,b").',
        serialize=_identity,
        parse_value=_parse_comma_list,
    ),
}
