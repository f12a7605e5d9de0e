"""Files over REST, as the app uploads them (a multipart form): kept under the data directory,
the type sniffed from the bytes, size and quota limits, read back, listed, deleted; another
user's file is 404. GraphQL lists and reads the same files."""

from __future__ import annotations

import base64
import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from schema.openloomi.settings import OpenloomiSettings

from .api import GraphQL, Rest, register

# A PNG of one pixel.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def stored_bytes(path: str) -> bytes | None:
    found = Path(path)
    return found.read_bytes() if found.is_file() else None


async def upload(
    client: httpx.AsyncClient, token: str, name: str, data: bytes, kind: str = "image/png"
) -> httpx.Response:
    return await client.post(
        "/api/files/upload",
        files={"file": (name, data, kind)},
        headers={"Authorization": f"Bearer {token}"},
    )


@pytest.fixture
def limits(openloomi_settings: OpenloomiSettings) -> Iterator[OpenloomiSettings]:
    kept = openloomi_settings.max_upload_bytes, openloomi_settings.storage_quota_bytes
    try:
        yield openloomi_settings
    finally:
        openloomi_settings.max_upload_bytes, openloomi_settings.storage_quota_bytes = kept


async def test_upload_read_list_delete(
    client: httpx.AsyncClient, openloomi_settings: OpenloomiSettings
) -> None:
    token = await register(Rest(client))
    auth = {"Authorization": f"Bearer {token}"}
    answer = await upload(client, token, "dot.png", PNG, "application/octet-stream")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    saved = body["savedFile"]
    assert (body["contentType"], body["size"], body["name"]) == ("image/png", len(PNG), "dot.png")
    assert body["usage"]["usedBytes"] == len(PNG)
    on_disk = os.path.join(openloomi_settings.data_dir, "files", saved["blobPathname"])
    assert stored_bytes(on_disk) == PNG
    read = await client.get(body["url"], headers=auth)
    assert (read.content, read.headers["content-type"]) == (PNG, "image/png")
    assert "dot.png" in read.headers["content-disposition"]
    note = await upload(client, token, "note.md", b"# Plan\nship it", "text/markdown")
    assert note.json()["contentType"] == "text/markdown"
    listed = (await client.get("/api/files/list", params={"limit": 1}, headers=auth)).json()
    assert [f["name"] for f in listed["files"]] == ["note.md"] and listed["hasMore"] is True
    rest = await client.get(
        "/api/files/list", params={"cursor": listed["nextCursor"]}, headers=auth
    )
    assert [f["name"] for f in rest.json()["files"]] == ["dot.png"]
    graphql = await GraphQL(client).call("listFiles", token=token)
    assert [f["name"] for f in graphql.data["files"]] == ["note.md", "dot.png"]
    content = await GraphQL(client).call("getFile", token=token, id=saved["id"])
    assert base64.b64decode(content.data["contentBase64"]) == PNG
    deleted = await client.delete(f"/api/files/{saved['id']}", headers=auth)
    assert deleted.json()["success"] is True and stored_bytes(on_disk) is None
    assert (await client.get(body["url"], headers=auth)).json() == {"error": "File not found"}
    usage = (await client.get("/api/files/usage", headers=auth)).json()
    assert usage["usedBytes"] == len("# Plan\nship it")


@pytest.mark.parametrize(
    ("name", "data", "kind", "status", "error"),
    [
        ("empty.txt", b"", "text/plain", 400, "File is empty."),
        ("tool.exe", b"MZ\x90\x00" + b"\x00" * 200, "image/png", 415, "Unsupported file type."),
        ("a.zip", b"PK\x03\x04" + b"\x00" * 100, "application/zip", 415, "Unsupported file type."),
        ("bin.dat", bytes(range(256)) * 4, "text/plain", 415, "Unsupported file type."),
    ],
)
async def test_refused_uploads(
    client: httpx.AsyncClient, name: str, data: bytes, kind: str, status: int, error: str
) -> None:
    token = await register(Rest(client))
    answer = await upload(client, token, name, data, kind)
    assert (answer.status_code, answer.json()) == (status, {"error": error})


async def test_no_file_and_no_token(client: httpx.AsyncClient) -> None:
    token = await register(Rest(client))
    answer = await client.post(
        "/api/files/upload",
        data={"createRecord": "true"},
        files={"other": ("x", b"y")},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert (answer.status_code, answer.json()) == (400, {"error": "No file uploaded"})
    anonymous = await client.post("/api/files/upload", files={"file": ("a.png", PNG)})
    assert anonymous.status_code == 401


async def test_size_and_quota_limits(client: httpx.AsyncClient, limits: OpenloomiSettings) -> None:
    token = await register(Rest(client))
    limits.max_upload_bytes = 1024 * 1024
    big = await upload(client, token, "big.txt", b"a" * (1024 * 1024 + 1), "text/plain")
    assert big.json() == {"error": "File exceeds the maximum size of 1MB."}
    limits.storage_quota_bytes = 100
    assert (await upload(client, token, "a.txt", b"a" * 60, "text/plain")).status_code == 200
    over = await upload(client, token, "b.txt", b"b" * 60, "text/plain")
    assert (over.status_code, over.json()) == (413, {"error": "Storage limit exceeded"})
    listed = await client.get("/api/files/list", headers={"Authorization": f"Bearer {token}"})
    assert [f["name"] for f in listed.json()["files"]] == ["a.txt"]


async def test_another_users_file_is_not_found(client: httpx.AsyncClient) -> None:
    alice = await register(Rest(client))
    bob = await register(Rest(client), "bob@example.com")
    saved = (await upload(client, alice, "dot.png", PNG)).json()["savedFile"]
    for method in ("GET", "DELETE"):
        answer = await client.request(
            method, f"/api/files/{saved['id']}", headers={"Authorization": f"Bearer {bob}"}
        )
        assert (answer.status_code, answer.json()) == (404, {"error": "File not found"})
    mine = await client.get(
        f"/api/files/{saved['id']}", headers={"Authorization": f"Bearer {alice}"}
    )
    assert mine.content == PNG
