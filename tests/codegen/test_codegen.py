"""Codegen over the `tracker` fixture: golden files, determinism, and the generated router served
through the real route runtime (with a recording executor in place of GraphQL)."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any, ClassVar

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from graphql import build_schema

import codegen
from adapters.runtime import envelopes
from adapters.runtime.domain import DomainRuntime
from adapters.runtime.route import Route

HERE = Path(__file__).parent
REPO = HERE.parents[1]
FIXTURE = HERE / "fixtures" / "tracker"
GOLDEN = HERE / "golden"
SLUG = "tracker"


def generated() -> tuple[str, str]:
    outputs = codegen.generate(SLUG, FIXTURE)
    python = outputs[FIXTURE / "adapters" / "generated" / f"{SLUG}.py"]
    document = outputs[FIXTURE / "adapters" / "openapi" / f"{SLUG}.json"]
    return python, document


@pytest.mark.parametrize("suffix", [".py", ".json"])
def test_matches_golden_files(suffix: str) -> None:
    python, document = generated()
    text = python if suffix == ".py" else document
    golden = GOLDEN / f"{SLUG}{suffix}"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_bytes(text.encode())
    assert golden.read_bytes() == text.encode(), "run with UPDATE_GOLDEN=1 and review the diff"


def test_output_is_deterministic_across_processes() -> None:
    script = (
        "import sys, codegen, pathlib; "
        "out = codegen.generate(sys.argv[1], pathlib.Path(sys.argv[2])); "
        "sys.stdout.write(''.join(out[path] for path in sorted(out)))"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", script, SLUG, str(FIXTURE)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(runs) == 1
    assert generated() == generated()


def test_sdl_argument_replaces_the_schema_file(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    schema_file = tmp_path / "schema" / SLUG / "schema.graphql"
    sdl = schema_file.read_text()
    schema_file.unlink()
    outputs = codegen.generate(SLUG, tmp_path, sdl=sdl)
    assert sorted(outputs.values()) == sorted(generated())


def test_write_and_stale(tmp_path: Path) -> None:
    outputs = codegen.generate(SLUG, FIXTURE)
    moved = {tmp_path / path.relative_to(FIXTURE): text for path, text in outputs.items()}
    assert codegen.stale(moved) == list(moved)
    codegen.write(moved)
    assert codegen.stale(moved) == []
    python = next(path for path in moved if path.suffix == ".py")
    python.write_text(moved[python] + "# edited\n")
    assert codegen.stale(moved) == [python]


def test_openapi_document() -> None:
    document = json.loads(generated()[1])
    assert document["openapi"] == "3.1.0"
    assert document["info"]["title"] == "Tracker API"
    health = document["paths"]["/health"]["get"]
    assert "security" not in health
    assert sorted(health["responses"]) == ["200"]
    create = document["paths"]["/api/tasks"]["post"]
    assert create["security"] == [{"bearerAuth": []}]
    assert sorted(create["responses"]) == ["201", "400", "401", "409", "413", "422"]
    assert create["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/CreateTaskInput"
    }
    listing = {
        param["name"]: param for param in document["paths"]["/api/tasks"]["get"]["parameters"]
    }
    assert listing["limit"]["schema"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": 100,
        "default": 20,
    }
    assert listing["offset"]["schema"]["default"] == 5  # the variable's default wins
    assert (
        listing["status"]["schema"]["description"] == "Comma-separated list of: todo, doing, done"
    )
    assert listing["from"]["description"] == "Only tasks created at or after this time."
    version = document["paths"]["/api/tasks/{taskId}/versions/{versionId}"]["get"]
    assert [(p["name"], p["in"], p["required"]) for p in version["parameters"]] == [
        ("taskId", "path", True),
        ("versionId", "path", True),
    ]
    delete = document["paths"]["/api/tasks/{id}"]["delete"]
    assert delete["responses"]["204"] == {"description": "No Content"}
    schemas = document["components"]["schemas"]
    owner = schemas["CreateTaskInput"]["properties"]["owner"]
    assert owner == {"$ref": "#/components/schemas/OwnerInput"}  # notNull: no null allowed
    assert schemas["CreateTaskInput"]["required"] == ["title"]
    assert document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def load_module(tmp_path: Path) -> ModuleType:
    path = tmp_path / "generated_tracker.py"
    path.write_text(generated()[0])
    spec = importlib.util.spec_from_file_location("generated_tracker", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_route_table(tmp_path: Path) -> None:
    module = load_module(tmp_path)
    table = [
        (route.path, sorted(route.methods or ()), route.operation_id, route.status_code)
        for route in module.router.routes
        if isinstance(route, APIRoute)
    ]
    assert table == [
        ("/health", ["GET"], "health", 200),
        ("/api/tasks", ["GET"], "listTasks", 200),
        ("/api/tasks", ["POST"], "createTask", 201),
        ("/api/tasks/{id}", ["GET"], "getTask", 200),
        ("/api/tasks/{taskId}/versions/{versionId}", ["GET"], "getTaskVersion", 200),
        ("/api/tasks/{id}", ["DELETE"], "deleteTask", 204),
        ("/api/hooks", ["POST"], "receiveHook", 200),
    ]
    assert [route.operation for route in module.ROUTES] == [row[2] for row in table]
    assert module.ENVELOPE == "wrapped"
    assert module.OPENAPI_PATHS == ("/openapi.json", "/api/openapi.json")


class Recorder:
    """Stands in for GraphQL execution: records variables, returns canned root values."""

    RESULTS: ClassVar[dict[str, Any]] = {
        "listTasks": {"items": [{"id": "t1"}], "total": 1},
        "createTask": {"id": "t9"},
        "getTaskVersion": {"id": "v2"},
        "deleteTask": True,
        "receiveHook": True,
    }

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        # What a refusal's wording reads the schema for (enum values, a variable's type).
        sdl = (FIXTURE / "schema" / "tracker" / "schema.graphql").read_text()
        self.schema = SimpleNamespace(_schema=build_schema(sdl))

    async def execute(self, route: Route, variables: dict[str, Any], context: Any) -> Any:
        self.calls.append((route.operation, variables))
        return self.RESULTS[route.operation]


@pytest.fixture
def served(tmp_path: Path) -> tuple[TestClient, Recorder]:
    module = load_module(tmp_path)
    recorder = Recorder()

    async def context_getter(request: Any) -> None:
        return None

    app = FastAPI()
    app.include_router(module.router)
    app.state.facet = DomainRuntime(
        envelope=envelopes.get(module.ENVELOPE, sse_heartbeat_seconds=15),
        context_getter=context_getter,
        executor=recorder,
    )
    return TestClient(app), recorder


def test_query_parameters_bind_to_variables(served: tuple[TestClient, Recorder]) -> None:
    client, recorder = served
    response = client.get("/api/tasks?status=todo,done&tag=a&from=2026-01-01T00:00:00Z&limit=5")
    assert response.status_code == 200
    assert response.json() == {"data": [{"id": "t1"}], "total": 1}
    assert recorder.calls == [
        (
            "listTasks",
            {"status": ["todo", "done"], "tag": ["a"], "from": "2026-01-01T00:00:00Z", "limit": 5},
        )
    ]


def test_camel_case_path_parameters_bind(served: tuple[TestClient, Recorder]) -> None:
    client, recorder = served
    response = client.get("/api/tasks/t1/versions/v2")
    assert response.status_code == 200
    assert response.json() == {"data": {"id": "v2"}}
    assert recorder.calls == [("getTaskVersion", {"taskId": "t1", "versionId": "v2"})]


def test_body_is_pruned_to_the_input_shape(served: tuple[TestClient, Recorder]) -> None:
    client, recorder = served
    body = {"title": "x", "bogus": 1, "owner": {"name": "n", "extra": 2}}
    response = client.post("/api/tasks", json=body)
    assert response.status_code == 201
    assert recorder.calls == [("createTask", {"input": {"title": "x", "owner": {"name": "n"}}})]


def test_a_closed_input_object_refuses_unknown_keys(served: tuple[TestClient, Recorder]) -> None:
    client, recorder = served
    body = {"title": "x", "bogus": 1, "window": {"opens": None, "till": 1, "to": 2}}
    response = client.post("/api/tasks", json=body)
    assert response.status_code == 422
    assert response.json()["details"]["fieldErrors"] == {
        "window": ["Unrecognized key(s) in object: 'till', 'to'"]
    }
    assert recorder.calls == []
    assert client.post("/api/tasks", json={"title": "x", "window": {}}).status_code == 201


def test_a_list_in_the_body_must_be_an_array(served: tuple[TestClient, Recorder]) -> None:
    client, recorder = served
    response = client.post("/api/tasks", json={"title": "x", "tags": "a"})
    assert response.status_code == 422
    assert response.json()["details"]["fieldErrors"] == {
        "tags": ["Expected array, received string"]
    }
    assert recorder.calls == []


def test_headers_and_the_raw_body_bind(served: tuple[TestClient, Recorder]) -> None:
    client, recorder = served
    raw = b'{"b": 1,  "a": [2]}'
    headers = {"X-Hook-Signature": "sha256=abc", "content-type": "application/json"}
    response = client.post("/api/hooks", content=raw, headers=headers)
    assert response.status_code == 200
    assert recorder.calls == [("receiveHook", {"signature": "sha256=abc", "rawBody": raw.decode()})]


def test_empty_kind_has_no_body(served: tuple[TestClient, Recorder]) -> None:
    client, _ = served
    response = client.delete("/api/tasks/t1")
    assert response.status_code == 204
    assert response.content == b""


def _tool(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed")
    command = [sys.executable, "-m", module, *args]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)


def test_generated_python_is_lint_format_and_type_clean(tmp_path: Path) -> None:
    path = tmp_path / "generated_tracker.py"
    shutil.copy(GOLDEN / f"{SLUG}.py", path)
    config = str(REPO / "pyproject.toml")
    for args in (("check", "--config", config), ("format", "--check", "--config", config)):
        result = _tool("ruff", *args, str(path))
        assert result.returncode == 0, result.stdout + result.stderr
    result = _tool("mypy", "--follow-imports=silent", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
