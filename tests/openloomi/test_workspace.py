"""Task workspaces on both transports: files written, listed and read under the data directory;
paths that would leave a task's folder refused; another user's task holds nothing of theirs."""

from __future__ import annotations

import uuid

import httpx
import pytest

from .api import Api, Rest, register


async def write(api: Api, token: str, task: str, path: str, content: str) -> int:
    outcome = await api.call(
        "writeWorkspaceFile", token=token, input={"taskId": task, "path": path, "content": content}
    )
    return outcome.status


async def test_write_list_read_delete(api: Api) -> None:
    token = await register(api)
    assert await write(api, token, "task-1", "site/index.html", "<h1>Hi</h1>") == 200
    assert await write(api, token, "task-1", "notes.md", "# Notes") == 200
    root = (await api.call("listWorkspaceFiles", token=token, taskId="task-1")).data
    assert [(f["name"], f["type"]) for f in root["files"]] == [
        ("notes.md", "file"),
        ("site", "directory"),
    ]
    assert root["size"] == len("<h1>Hi</h1>") + len("# Notes") and root["formattedSize"] == "18 B"
    site = (await api.call("listWorkspaceFiles", token=token, taskId="task-1", path="site")).data
    assert [f["path"] for f in site["files"]] == ["site/index.html"]
    page = (
        await api.call("readWorkspaceFile", token=token, taskId="task-1", path="site/index.html")
    ).data
    assert page == {
        "content": "<h1>Hi</h1>",
        "filePath": "site/index.html",
        "isHtml": True,
        "isBinary": False,
    }
    none = await api.call("listWorkspaceFiles", token=token, taskId="task-2")
    assert none.data == {"files": [], "size": 0, "formattedSize": "0 B"}
    deleted = await api.call("deleteWorkspaceFile", token=token, taskId="task-1", path="notes.md")
    assert deleted.data == {"success": True}
    gone = await api.call("readWorkspaceFile", token=token, taskId="task-1", path="notes.md")
    assert (gone.status, gone.error) == (404, "File not found")


@pytest.mark.parametrize(
    "path", ["../escape.md", "a/../../escape.md", "/etc/passwd", "..", "a\\..\\..\\x", "x\x00y"]
)
async def test_paths_leaving_the_task_are_refused(api: Api, path: str) -> None:
    token = await register(api)
    written = await api.call(
        "writeWorkspaceFile", token=token, input={"taskId": "t", "path": path, "content": "x"}
    )
    assert written.status in (400, 422)  # a NUL is refused before the rule, over GraphQL
    if "\x00" not in path:
        assert written.error == "Invalid path format"
        # Over REST, dots encoded: a client would otherwise resolve `..` in the URL itself.
        sent = path.replace(".", "%2E") if api.name == "rest" else path
        read = await api.call("readWorkspaceFile", token=token, taskId="t", path=sent)
        assert (read.status, read.error) == (400, "Invalid path format")
    listed = await api.call("listWorkspaceFiles", token=token, taskId="../t")
    assert (listed.status, listed.error) == (400, "Invalid taskId")


async def test_an_encoded_escape_in_the_url_is_refused(client: httpx.AsyncClient) -> None:
    token = await register(Rest(client))
    answer = await client.get(
        "/api/workspace/file/t/%2E%2E/%2E%2E/auth_secret",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert (answer.status_code, answer.json()) == (400, {"error": "Invalid path format"})


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"taskId": "t"}, "taskId and path are required"),
        ({"path": "a"}, "taskId and path are required"),
    ],
)
async def test_missing_fields(api: Api, body: dict[str, str], error: str) -> None:
    token = await register(api)
    outcome = await api.call("writeWorkspaceFile", token=token, input=body)
    assert (outcome.status, outcome.error) == (400, error)


async def test_another_users_task_is_their_own(api: Api) -> None:
    alice = await register(api)
    bob = await register(api, "bob@example.com")
    await write(api, alice, "shared-name", "secret.md", "alice's")
    theirs = await api.call("readWorkspaceFile", token=bob, taskId="shared-name", path="secret.md")
    assert (theirs.status, theirs.error) == (404, "File not found")
    assert (await api.call("listWorkspaceFiles", token=bob, taskId="shared-name")).data[
        "files"
    ] == []
    mine = await api.call("readWorkspaceFile", token=alice, taskId="shared-name", path="secret.md")
    assert mine.data["content"] == "alice's"


async def test_artifacts_of_a_chat(api: Api) -> None:
    alice = await register(api)
    bob = await register(api, "bob@example.com")
    chat = str(uuid.uuid4())
    message = {"id": str(uuid.uuid4()), "role": "user", "parts": [{"type": "text", "text": "hi"}]}
    await api.call("saveMessages", token=alice, input={"chatId": chat, "messages": [message]})
    await write(api, alice, chat, "out/report.md", "# Report")
    found = (await api.call("listWorkspaceArtifacts", token=alice, chatId=chat)).data
    assert (found["count"], [a["path"] for a in found["artifacts"]]) == (1, ["out/report.md"])
    theirs = await api.call("listWorkspaceArtifacts", token=bob, chatId=chat)
    assert (theirs.status, theirs.error) == (404, "Chat not found")
    missing = await api.call("listWorkspaceArtifacts", token=alice)
    assert (missing.status, missing.error) == (400, "chatId is required")


async def test_preview(api: Api) -> None:
    token = await register(api)
    assert (await api.call("previewAvailability", token=token)).data == {"available": True}
    absent = await api.call("startPreview", token=token, input={"taskId": "site"})
    assert (absent.status, absent.error) == (404, "Task session not found")
    assert (await api.call("startPreview", token=token, input={})).error == "taskId is required"
    await write(api, token, "site", "index.html", "<h1>Hi</h1>")
    started = (await api.call("startPreview", token=token, input={"taskId": "site"})).data
    assert started["url"].endswith("/api/workspace/preview/site/")
    stopped = await api.call("stopPreview", token=token, input={"taskId": "site"})
    assert stopped.data["success"] is True
    external = await api.call("externalPreview", token=token, input={"url": "ftp://x"})
    assert (external.status, external.error) == (400, "Invalid URL format")
    opened = await api.call("externalPreview", token=token, input={"url": "https://example.com"})
    assert opened.data == {"success": True, "url": "https://example.com", "title": "External App"}


async def test_preview_serves_the_files_as_they_are(client: httpx.AsyncClient) -> None:
    rest = Rest(client)
    alice, bob = await register(rest), await register(rest, "bob@example.com")
    await write(rest, alice, "site", "index.html", "<h1>Hi</h1>")
    page = await client.get(
        "/api/workspace/preview/site/", headers={"Authorization": f"Bearer {alice}"}
    )
    assert (page.status_code, page.text) == (200, "<h1>Hi</h1>")
    assert page.headers["content-type"].startswith("text/html")
    escape = await client.get(
        "/api/workspace/preview/site/%2E%2E/%2E%2E/auth_secret",
        headers={"Authorization": f"Bearer {alice}"},
    )
    assert (escape.status_code, escape.json()) == (400, {"error": "Invalid path format"})
    theirs = await client.get(
        "/api/workspace/preview/site/index.html", headers={"Authorization": f"Bearer {bob}"}
    )
    assert (theirs.status_code, theirs.json()) == (404, {"error": "Task session not found"})
