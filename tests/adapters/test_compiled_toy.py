"""Compiled plans answer queries as graphql-core's executor does, byte for byte (data, errors'
messages, locations, paths and order), on a schema built for the edge cases. A query the runner
answers with several errors, or with one that nulled a non-null position, is answered again by
graphql-core's executor with fresh dataloaders: the order errors are met in is its own."""

from __future__ import annotations

import random
from typing import Any

import orjson
import pytest
from strawberry import Schema

from adapters.runtime.execute import CompiledPlanExecutor

from . import toy_schema

CORPUS: list[tuple[str, dict[str, Any]]] = [
    ("{ nodes { id name color at } }", {}),
    ("{ nodes(count: 4) { a: id b: name parent { id parent { id } } } }", {}),
    ("{ nodes { id grid } }", {}),
    ("{ nodes(count: 5) { id broken } }", {}),
    ("{ nodes(count: 4) { id strict } }", {}),
    ("{ maybeNodes(count: 4) { id strict } }", {}),
    ("{ maybeNodes { id missing } }", {}),
    ("{ one(id: 3) { id strict } }", {}),
    ('{ nodes { id loud l2: loud(word: "yo") } }', {}),
    ("query($c: [Color!]) { nodes(count: 4, colors: $c) { id color } }", {"c": ["GREEN"]}),
    ("query($n: Int = 2) { nodes(count: $n) { id } }", {}),
    ("query($n: Int = 2) { nodes(count: $n) { id } }", {"n": 4}),
    (
        "query($x: Boolean!) { nodes { id name @include(if: $x) color @skip(if: $x) } }",
        {"x": True},
    ),
    (
        "query($x: Boolean!) { nodes { id name @include(if: $x) color @skip(if: $x) } }",
        {"x": False},
    ),
    ("{ nodes { ...F ... on Node { at } } } fragment F on Node { id __typename }", {}),
    ("{ nodes { id } nodes { name } }", {}),
    ("{ __typename one(id: 2) { __typename id } }", {}),
    ("{ nodes(count: 3) { id parent { id strict broken } } }", {}),
    ("{ nodes(count: 4) { id twin { id name color at twinId } } }", {}),
    ("{ nodes(count: 6) { id twin { id tag } } }", {}),
    ("{ maybeNodes(count: 6) { twin { tag } } }", {}),
    ("{ nodes(count: 6) { id twin { id marks } } }", {}),
    ("{ nodes(count: 4) { twin { id } t: twin { id twin { id __typename } } } }", {}),
    ("{ nodes(count: 3) { id rival { id twin { id } } parent { id } } }", {}),
    ("{ one(id: 4) { id rival { id } twin { id } } }", {}),
    ("{ maybeNodes(count: 6) { rival { id } } }", {}),
    ("{ nodes(count: 5) { id words } }", {}),
    ("{ maybeNodes(count: 6) { id words } }", {}),
]


async def run(schema: Schema, query: str, variables: dict[str, Any]) -> bytes:
    result = await schema.execute(
        query, variable_values=variables, context_value=toy_schema.context()
    )
    body: dict[str, Any] = {"data": result.data}
    if result.errors:
        body["errors"] = [error.formatted for error in result.errors]
    return orjson.dumps(body)


@pytest.mark.parametrize(("query", "variables"), CORPUS)
async def test_same_answer_as_graphql_core(query: str, variables: dict[str, Any]) -> None:
    schema = toy_schema.build()
    fast = CompiledPlanExecutor(schema)
    fast.prepare(query)
    expected = await run(schema, query, variables)
    assert await run(fast.schema, query, variables) == expected
    plans = fast.plans.plans
    assert plans and all(plan is not None for plan in plans.values())


async def test_introspection_falls_back() -> None:
    fast = CompiledPlanExecutor(toy_schema.build())
    query = "{ __schema { queryType { name } } }"
    fast.prepare(query)
    answer = await run(fast.schema, query, {})
    assert answer == b'{"data":{"__schema":{"queryType":{"name":"Query"}}}}'
    assert list(fast.plans.plans.values()) == [None]


async def test_documents_compile_when_repeated() -> None:
    fast = CompiledPlanExecutor(toy_schema.build(), repeat=2)
    query = "{ nodes { id } }"
    first = await run(fast.schema, query, {})
    assert not fast.plans.plans
    assert await run(fast.schema, query, {}) == first and len(fast.plans.plans) == 1


async def test_relation_fields_are_batched_and_shared_objects_completed_once() -> None:
    fast = CompiledPlanExecutor(toy_schema.build())
    plans = fast.plans
    query = "{ nodes(count: 4) { id twin { id name } } }"
    plans.prepare(query)
    (plan,) = plans.plans.values()
    assert plan is not None
    node = plan.fields[0].shape.inner.inner.inner  # [Node!]! -> Node
    twin = next(field for field in node.fields if field.key == "twin")
    assert twin.batched is not None and twin.shape.leaf_only
    plans.prepare("{ nodes { twin { id marks } } }")
    with_list = list(plans.plans.values())[-1]
    assert with_list is not None
    node = with_list.fields[0].shape.inner.inner.inner
    assert next(field for field in node.fields if field.key == "twin").shape.leaf_only

    result = await fast.schema.execute(query, context_value=toy_schema.context())
    assert result.data is not None
    first, second = (item["twin"] for item in result.data["nodes"][:2])
    assert first == {"id": 2, "name": "n2"} and first is second


LEAVES = (
    *("id", "name", "color", "at", "tag", "marks", "words", "twinId"),
    *("grid", "broken", "strict", "missing"),
)
LEAVES_WITH_ARGUMENTS = ("loud", 'loud(word: "x")', "__typename")
OBJECTS = ("twin", "parent", "rival")
ROOTS = ("nodes(count: {})", "maybeNodes(count: {})", "one(id: {})")


def random_selection(rng: random.Random, depth: int) -> str:
    fields = []
    for index in range(rng.randint(1, 4)):
        if depth < 3 and rng.random() < 0.35:
            field = f"{rng.choice(OBJECTS)} {{ {random_selection(rng, depth + 1)} }}"
        else:
            field = rng.choice(LEAVES + LEAVES_WITH_ARGUMENTS)
        fields.append(f"a{index}_{depth}: {field}" if rng.random() < 0.25 else field)
    if rng.random() < 0.15:
        fields.append("... on Node { id }")
    return " ".join(fields)


def random_document(rng: random.Random) -> str:
    roots = [
        f"{'r1: ' if index else ''}{rng.choice(ROOTS).format(rng.randint(1, 7))}"
        f" {{ {random_selection(rng, 0)} }}"
        for index in range(rng.randint(1, 2))
    ]
    return "{ " + " ".join(roots) + " }"


async def test_random_documents_answer_the_same() -> None:
    """Documents nobody wrote by hand, held to the same bytes."""
    rng = random.Random(20261124)
    compared = 0
    while compared < 150:
        query = random_document(rng)
        schema = toy_schema.build()
        fast = CompiledPlanExecutor(schema)
        fast.prepare(query)
        if next(iter(fast.plans.plans.values()), None) is None:
            continue  # invalid (conflicting fields): nothing to compile
        assert await run(fast.schema, query, {}) == await run(schema, query, {}), query
        compared += 1
