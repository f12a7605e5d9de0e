"""Strategies for the platform's custom GraphQL scalars, registered with Schemathesis once for
every GraphQL fuzz test (Schemathesis knows only the built-in ones)."""

from __future__ import annotations

import schemathesis
from graphql import IntValueNode, NameNode, ObjectFieldNode, ObjectValueNode, StringValueNode
from hypothesis import strategies as st

schemathesis.graphql.scalar(
    "DateTime",
    st.datetimes().map(lambda value: StringValueNode(value=value.isoformat() + "Z")),
)


def _json_field(key: str, value: int | str) -> ObjectFieldNode:
    node = (
        IntValueNode(value=str(value)) if isinstance(value, int) else StringValueNode(value=value)
    )
    return ObjectFieldNode(name=NameNode(value=key), value=node)


schemathesis.graphql.scalar(
    "JSONObject",
    st.dictionaries(
        st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,5}", fullmatch=True),
        st.integers(-1000, 1000) | st.text(max_size=5),
        max_size=3,
    ).map(
        lambda value: ObjectValueNode(fields=tuple(_json_field(*item) for item in value.items()))
    ),
)

# A file sent as a GraphQL value (not a multipart part) is a string the resolver refuses.
schemathesis.graphql.scalar("Upload", st.text(max_size=5).map(lambda v: StringValueNode(value=v)))
