"""The source generated for one object plan, held to a reviewed copy: a change to what fillers
look like shows up as a diff here (regenerate with UPDATE_GOLDEN=1 and review it)."""

from __future__ import annotations

import os
from pathlib import Path

from adapters.runtime.compiled.filler import filler_source
from adapters.runtime.compiled.plan import ListOf, NonNull, ObjectPlan
from adapters.runtime.execute import CompiledPlanExecutor

from . import toy_schema

GOLDEN = Path(__file__).resolve().parent / "golden" / "node_filler.txt"
# Every kind of field a filler writes: the type's name, an Int, nullable and non-null Strings,
# an enum, a custom scalar, lists of Ints and of Strings, a relation, a resolver's field.
QUERY = "{ nodes { __typename id name tag color at marks words twinId twin { id } parent { id } } }"


def node_plan() -> ObjectPlan:
    executor = CompiledPlanExecutor(toy_schema.build())
    executor.prepare(QUERY)
    (root,) = executor.plans.plans.values()
    assert root is not None
    nodes = root.fields[0].shape  # [Node!]!
    assert isinstance(nodes, NonNull) and isinstance(nodes.inner, ListOf)
    node = nodes.inner.inner
    assert isinstance(node, NonNull) and isinstance(node.inner, ObjectPlan)
    return node.inner


def test_node_filler_source() -> None:
    source, names = filler_source(node_plan().fields)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(source)
    assert source == GOLDEN.read_text(), "run with UPDATE_GOLDEN=1 and review the diff"
    reads = ["Undefined", "fields", "kind_2", "kind_3", "kind_7", "names_4", "serialize_5"]
    assert sorted(names) == reads
