"""Project workspaces: a directory per project, listed as it is on disk, confined to its root."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.db import Database
from app.domain import DomainSettings
from app.main import create_app
from app.settings import Settings

from .api import GraphQL, Rest, register
from .conftest import arkloop_client


@pytest.fixture
async def client_with_root(
    settings: Settings,
    domain_settings: dict[str, DomainSettings],
    database: Database,
    tmp_path: Path,
) -> AsyncIterator[tuple[httpx.AsyncClient, Path]]:
    arkloop = domain_settings["arkloop"].model_copy(update={"workspace_root": str(tmp_path)})
    app = create_app(settings=settings, domain_settings={**domain_settings, "arkloop": arkloop})
    async with arkloop_client(app) as client:
        yield client, tmp_path
    await app.state.database.dispose()


@pytest.mark.parametrize("transport", [Rest, GraphQL])
async def test_workspace_lists_its_directory(
    client_with_root: tuple[httpx.AsyncClient, Path], transport: type[Rest] | type[GraphQL]
) -> None:
    client, root = client_with_root
    api = transport(client)
    token = await register(api)
    project = (await api.call("createProject", token=token, input={"name": "P"})).data
    fresh = (await api.call("getProjectWorkspace", token=token, id=project["id"])).data
    assert fresh["status"] == "unavailable" and fresh["project_id"] == project["id"]
    empty = await api.call("listProjectWorkspaceFiles", token=token, id=project["id"], path="/")
    assert empty.data["items"] == []

    base = root / fresh["workspace_ref"]
    (base / "src").mkdir(parents=True)
    (base / "src" / "main.go").write_text("package main\n")
    (base / "README.md").write_text("# hi\n")
    ready = (await api.call("getProjectWorkspace", token=token, id=project["id"])).data
    assert ready["status"] == "idle"
    top = (
        await api.call("listProjectWorkspaceFiles", token=token, id=project["id"], path="/")
    ).data
    assert [(i["name"], i["type"], i["path"]) for i in top["items"]] == [
        ("src", "dir", "/src"),
        ("README.md", "file", "/README.md"),
    ]
    assert top["items"][1]["size"] == 5 and top["items"][1]["mime_type"] == "text/markdown"
    src = (
        await api.call("listProjectWorkspaceFiles", token=token, id=project["id"], path="src")
    ).data
    assert src["path"] == "/src" and [i["name"] for i in src["items"]] == ["main.go"]

    escape = await api.call(
        "listProjectWorkspaceFiles", token=token, id=project["id"], path="/../x"
    )
    assert (escape.status, escape.code) == (400, "workspace_files.invalid_path")
    missing = await api.call(
        "listProjectWorkspaceFiles", token=token, id=project["id"], path="/nope"
    )
    assert (missing.status, missing.code) == (404, "workspace_files.not_found")
    stranger = await register(api, "mallory")
    other = await api.call("getProjectWorkspace", token=stranger, id=project["id"])
    assert other.status == 404


@pytest.mark.parametrize("transport", [Rest, GraphQL])
async def test_workspace_paths_are_confined_after_following_symlinks(
    client_with_root: tuple[httpx.AsyncClient, Path], transport: type[Rest] | type[GraphQL]
) -> None:
    client, root = client_with_root
    api = transport(client)
    token = await register(api)
    project = (await api.call("createProject", token=token, input={"name": "P"})).data
    ref = (await api.call("getProjectWorkspace", token=token, id=project["id"])).data
    base = root / ref["workspace_ref"]
    (base / "src").mkdir(parents=True)
    (base / "src" / "main.go").write_text("package main\n")
    outside = root / "elsewhere"
    (outside / "ssl").mkdir(parents=True)
    (outside / "ssl" / "secret.pem").write_text("key\n")
    (base / "escape").symlink_to(outside)
    (base / "alias").symlink_to(base / "src")
    (base / "loop").symlink_to(base / "loop")

    async def listing(path: str) -> Any:
        return await api.call("listProjectWorkspaceFiles", token=token, id=project["id"], path=path)

    for path in ("/escape/ssl", "/escape", "/loop"):
        refused = await listing(path)
        assert (refused.status, refused.code) == (400, "workspace_files.invalid_path"), path
    alias = (await listing("/alias")).data
    assert alias["path"] == "/alias"
    assert [(i["name"], i["path"]) for i in alias["items"]] == [("main.go", "/alias/main.go")]
