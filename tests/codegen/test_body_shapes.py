"""The body shape codegen gives each route: the keys a JSON body may carry, nested for input
objects, with lists (a one-item list holding the items' shape) and IDs marked, so the runtime can
require a JSON array where GraphQL would coerce a single value, and a string where it would
coerce an integer; a `@closed` input object's shape is a `ClosedShape`."""

from __future__ import annotations

from graphql import GraphQLInputObjectType, build_schema

from codegen.model import ClosedShape
from codegen.params import body_shape

SDL = """
directive @closed on INPUT_OBJECT
input Step { name: String!, tags: [String!], next: Step, owner: ID }
input Window @closed { opens: String, closes: String }
input Plan {
  title: String!
  ids: [ID!]!
  grid: [[Int!]!]
  steps: [Step!]
  first: Step
  meta: String
  window: Window
}
type Query { plan(input: Plan): Boolean }
"""


def test_lists_are_marked_and_their_items_shaped() -> None:
    plan = build_schema(SDL).get_type("Plan")
    assert isinstance(plan, GraphQLInputObjectType)
    step_shape = {"name": None, "tags": [None], "next": None, "owner": "ID"}  # no recursion
    assert body_shape(plan) == {
        "title": None,
        "ids": ["ID"],
        "grid": [[None]],
        "steps": [step_shape],
        "first": step_shape,
        "meta": None,
        "window": {"opens": None, "closes": None},
    }
    assert isinstance(body_shape(plan)["window"], ClosedShape)
    assert not isinstance(body_shape(plan)["first"], ClosedShape)
