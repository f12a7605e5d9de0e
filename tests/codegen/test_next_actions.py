"""`@next` declares an operation's next-call hints: codegen puts them on the route, in order,
keeps them out of the document it executes, and refuses incomplete ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import codegen

HERE = Path(__file__).parent
SLUG = "tracker"
ANNOTATION = '@rest(method: "GET", path: "/health", kind: "raw", public: true'


def _with(tmp_path: Path, hints: str) -> Path:
    shutil.copytree(HERE / "fixtures" / "tracker", tmp_path, dirs_exist_ok=True)
    path = tmp_path / "schema" / SLUG / "operations.graphql"
    text = path.read_text()
    head, _, tail = text.partition(ANNOTATION)
    closing = tail.index(") {")
    path.write_text(head + ANNOTATION + tail[:closing] + ")\n" + hints + tail[closing + 1 :])
    return tmp_path


def test_hints_are_on_the_route_in_order_and_not_in_its_document(tmp_path: Path) -> None:
    hints = (
        '@next(command: "GET /api/tasks", description: "List the tasks.")\n'
        '@next(command: "GET /api/tasks/{id}", description: "Read one.")'
    )
    root = _with(tmp_path, hints)
    router = codegen.generate(SLUG, root)[root / "adapters" / "generated" / f"{SLUG}.py"]
    assert "from adapters.runtime.route import NextAction, Route, run_route" in router
    first = router.index('command="GET /api/tasks"')
    assert first < router.index('command="GET /api/tasks/{id}"')
    assert 'description="List the tasks."' in router
    assert "@next" not in router


def test_a_hint_without_a_description_is_refused(tmp_path: Path) -> None:
    root = _with(tmp_path, '@next(command: "GET /api/tasks")')
    with pytest.raises(codegen.CodegenError) as caught:
        codegen.generate(SLUG, root)
    assert any("description" in error for error in caught.value.errors)


def test_routes_without_hints_import_no_next_action(tmp_path: Path) -> None:
    root = _with(tmp_path, "")
    router = codegen.generate(SLUG, root)[root / "adapters" / "generated" / f"{SLUG}.py"]
    assert "NextAction" not in router
