"""Codegen refuses broken domains, listing every problem in one `CodegenError`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import codegen

HERE = Path(__file__).parent
SLUG = "tracker"


def errors_of(root: Path) -> list[str]:
    with pytest.raises(codegen.CodegenError) as caught:
        codegen.generate(SLUG, root)
    return caught.value.errors


def test_broken_fixture_lists_every_error_at_once() -> None:
    errors = errors_of(HERE / "fixtures" / "broken")
    expected = [
        "rest.toml: missing key `version`",
        "getItem: Cannot query field 'nope' on type 'Item'",
        "getItem: kind `bogus` is not one of the envelope's kinds",
        "getItem: path placeholder `{itemId}` names no path variable",
        'listItems: kind "page" needs a root type with `items` and `total`',
        "listItems: variable `$filter` of type `ItemInput` cannot be a query parameter",
        "listItems: variable `$sizes` of type `[Int!]` cannot be a query parameter",
        "unannotated: missing @rest directive",
        "createItem: body variable `$name` must be an input object",
        "createItem: `Item.price`: custom scalar `Money` has no JSON Schema mapping",
        "twoRoots: must select exactly one root field",
    ]
    for fragment in expected:
        assert any(fragment in error for error in errors), (fragment, errors)
    assert len(errors) == len(set(errors)) == len(expected)
    assert all(error.startswith("schema/tracker/") for error in errors)


HEALTH = '@rest(method: "GET", path: "/health", kind: "raw"'
VERSION_PATH = 'path: "/api/tasks/{taskId}/versions/{versionId}"'
CASES: dict[str, tuple[str, str, str, str]] = {
    "syntax": (
        "operations.graphql",
        "fragment Version on",
        "fragment Version on {",
        "Syntax Error",
    ),
    "validation": (
        "operations.graphql",
        "health { ok version }",
        "health { ok versions }",
        "health: Cannot query field 'versions' on type 'Health'",
    ),
    "missing rest": (
        "operations.graphql",
        HEALTH + ', public: true, tag: "System", summary: "Health check")',
        "",
        "health: missing @rest directive",
    ),
    "two root fields": (
        "operations.graphql",
        "health { ok version }",
        "health { ok version } again: health { ok }",
        "health: must select exactly one root field, not 2",
    ),
    "bad method": (
        "operations.graphql",
        HEALTH,
        HEALTH.replace("GET", "FETCH"),
        "health: method `FETCH` is not one of",
    ),
    "bad kind": (
        "operations.graphql",
        HEALTH,
        HEALTH.replace("raw", "stream"),
        "health: kind `stream` is not one of the envelope's kinds",
    ),
    "page without items": (
        "operations.graphql",
        HEALTH,
        HEALTH.replace("raw", "page"),
        'health: kind "page" needs a root type with `items` and `total`, not `Health`',
    ),
    "page not selecting total": (
        "operations.graphql",
        "items { ...Task }\n    total",
        "items { ...Task }",
        'listTasks: kind "page" must select `items` and `total`',
    ),
    "placeholder without variable": (
        "operations.graphql",
        VERSION_PATH,
        VERSION_PATH.replace("versionId}", "version}"),
        "getTaskVersion: path placeholder `{version}` names no path variable",
    ),
    "unknown body variable": (
        "operations.graphql",
        'body: "input"',
        'body: "payload"',
        "createTask: body variable `$payload` is not defined",
    ),
    "body not an input object": (
        "operations.graphql",
        'kind: "empty",',
        'kind: "empty", body: "id",',
        "deleteTask: body variable `$id` must be an input object, not `ID!`",
    ),
    "list of Int in the query": (
        "operations.graphql",
        "$offset: Int = 5\n",
        "$offset: Int = 5, $sizes: [Int!]\n",
        "listTasks: variable `$sizes` of type `[Int!]` cannot be a query parameter",
    ),
    "duplicate route": (
        "operations.graphql",
        VERSION_PATH,
        'path: "/api/tasks/{taskId}"',
        "getTaskVersion: GET /api/tasks/{taskId} is also served by `getTask`",
    ),
    "shadowed route": (
        "operations.graphql",
        VERSION_PATH,
        'path: "/api/tasks/latest"',
        "getTaskVersion: GET /api/tasks/latest would be served by `getTask`",
    ),
    "duplicate operation name": (
        "operations.graphql",
        "mutation deleteTask(",
        "mutation getTask(",
        "There can be only one operation named 'getTask'",
    ),
    "python name clash": (
        "operations.graphql",
        "query health",
        "query list_tasks",
        "listTasks: renders as `list_tasks`, like operation `list_tasks`",
    ),
    "reserved python name": (
        "operations.graphql",
        "query health",
        "query routes",
        "routes: renders as `routes`/`ROUTES`, names the module uses",
    ),
    "unknown custom scalar": (
        "schema.graphql",
        "  meta: JSONObject\n  createdAt",
        "  meta: Money\n  createdAt",
        "`Task.meta`: custom scalar `Money` has no JSON Schema mapping",
    ),
    "missing config key": (
        "rest.toml",
        'version = "1.2.0"\n',
        "",
        "schema/tracker/rest.toml: missing key `version`",
    ),
    "unknown envelope": (
        "rest.toml",
        'envelope = "wrapped"',
        'envelope = "nope"',
        "schema/tracker/rest.toml: unknown envelope `nope`",
    ),
    "bad security": (
        "rest.toml",
        'scheme = "bearer"',
        'scheme = "basic"',
        '`security.scheme` must be "bearer"',
    ),
}


@pytest.mark.parametrize(("file", "old", "new", "expected"), CASES.values(), ids=list(CASES))
def test_each_check(tmp_path: Path, file: str, old: str, new: str, expected: str) -> None:
    shutil.copytree(HERE / "fixtures" / "tracker", tmp_path, dirs_exist_ok=True)
    path = tmp_path / "schema" / SLUG / file
    text = path.read_text()
    assert old in text
    if file == "schema.graphql" and "Money" in new:
        text = "scalar Money\n\n" + text
    path.write_text(text.replace(old, new, 1))
    errors = errors_of(tmp_path)
    assert any(expected in error for error in errors), errors
