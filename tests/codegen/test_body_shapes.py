"""The body shape codegen gives each route: the keys a JSON body may carry, nested for input
objects, with lists (a one-item list holding the items' shape) and IDs marked, so the runtime can
require a JSON array where GraphQL would coerce a single value, and a string where it would
coerce an integer."""

from __future__ import annotations

from graphql import GraphQLInputObjectType, build_schema

from codegen.params import body_shape

SDL = """
input Step { name: String!, tags: [String!], next: Step, owner: ID }
input Plan {
  title: String!
  ids: [ID!]!
  grid: [[Int!]!]
  steps: [Step!]
  first: Step
  meta: String
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
    }
