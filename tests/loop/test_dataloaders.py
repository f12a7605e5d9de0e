"""Relations resolve through per-request dataloaders: the number of SQL statements does not
grow with the number of issues, on either surface."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from app.db import Database

from ..conftest import empty
from .api import Rest

LIST_WITH_RELATIONS = """
query {
  issues(limit: 200) {
    total
    items {
      id project { id goal { id } } labels { id } parent { id } children { id } relations { id }
    }
  }
}
"""


async def make_issues(http: httpx.AsyncClient, count: int) -> None:
    project = (await http.post("/api/projects", json={"name": "P"})).json()["data"]
    label = (await http.post("/api/labels", json={"name": f"l{count}", "color": "#0"})).json()[
        "data"
    ]
    parent = (await http.post("/api/issues", json={"title": "root", "type": "plan"})).json()["data"]
    for n in range(count - 1):
        body = {
            "title": f"i{n}",
            "type": "task",
            "projectId": project["id"],
            "labelIds": [label["id"]],
            "parentId": parent["id"],
        }
        assert (await http.post("/api/issues", json=body)).status_code == 201


async def statements(database: Database, http: httpx.AsyncClient, count: int) -> tuple[int, int]:
    await make_issues(http, count)
    with database.count_statements() as graphql_sql:
        response = await http.post("/graphql", json={"query": LIST_WITH_RELATIONS})
    assert "errors" not in response.json() and response.json()["data"]["issues"]["total"] == count
    with database.count_statements() as rest_sql:
        issue_id = response.json()["data"]["issues"]["items"][1]["id"]
        assert (await Rest(http).call("getIssue", id=issue_id)).status == 200
        assert (await http.get("/api/issues", params={"limit": 200})).status_code == 200
    return len(graphql_sql), len(rest_sql)


async def test_statement_count_is_constant(http: httpx.AsyncClient, database: Database) -> None:
    few = await statements(database, http, 5)
    await empty(database)
    many = await statements(database, http, 100)
    assert few == many, (few, many)
    assert many[0] <= 8


@pytest.mark.parametrize("module", ["schema.loop.loaders", "schema.loop.types"])
def test_loaders_and_types_import_either_first(module: str) -> None:
    """Types name their loaders and loaders hand out types: a fresh interpreter importing
    either one first gets both."""
    check = f"import {module}; from schema.loop import loaders, types; types.Issue.parent"
    subprocess.run([sys.executable, "-c", check], check=True, cwd=Path(__file__).parents[2])
