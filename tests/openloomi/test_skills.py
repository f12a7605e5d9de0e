"""Skills on both transports: added, listed, read, changed, toggled, given an avatar and removed,
each a folder with its SKILL.md under the data directory; uploads of a SKILL.md or a zip over
REST, a zip member leaving the skill's folder refused; another user's skill is 404."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import httpx
import pytest

from schema.openloomi.settings import OpenloomiSettings

from .api import Api, Rest, register


def data_root(settings: OpenloomiSettings) -> Path:
    return Path(settings.data_dir).resolve()


SKILL_MD = "---\nname: Weekly report\ndescription: Writes the weekly report\n---\nSteps.\n"


async def test_create_list_get_change_toggle_delete(
    api: Api, openloomi_settings: OpenloomiSettings
) -> None:
    token = await register(api)
    made = await api.call(
        "createSkill",
        token=token,
        input={"name": "Trip Planner", "description": "Plans trips", "content": "# Plan\n"},
    )
    assert made.status == 201
    skill = made.data["skill"]
    assert (skill["id"], skill["name"], skill["enabled"], skill["content"]) == (
        "trip-planner",
        "Trip Planner",
        True,
        "# Plan\n",
    )
    listed = (await api.call("listSkills", token=token)).data
    assert [s["id"] for s in listed["skills"]] == ["trip-planner"]
    assert listed["directories"]["openloomi"].startswith(str(data_root(openloomi_settings)))
    again = await api.call("createSkill", token=token, input={"name": "Trip Planner"})
    assert (again.status, again.error) == (409, "A skill with this name already exists")

    changed = await api.call(
        "changeSkill", token=token, skillId="trip-planner", input={"description": "Plans well"}
    )
    assert changed.data["skill"]["description"] == "Plans well"
    assert changed.data["skill"]["content"] == "# Plan\n"

    toggled = await api.call(
        "toggleSkill", token=token, input={"skillId": "trip-planner", "enabled": False}
    )
    assert toggled.data == {"success": True, "message": "Skill disabled"}
    avatar = await api.call(
        "setSkillMetadata", token=token, input={"skillId": "trip-planner", "avatar": "🧭"}
    )
    assert avatar.data["avatar"] == "🧭"
    meta = (await api.call("skillMetadata", token=token, skillId="trip-planner")).data
    assert (meta["enabled"], meta["avatar"]) == (False, "🧭")
    got = (await api.call("getSkill", token=token, skillId="trip-planner")).data["skill"]
    assert (got["enabled"], got["avatar"], got["description"]) == (False, "🧭", "Plans well")

    assert (await api.call("deleteSkill", token=token, skillId="trip-planner")).data == {
        "success": True
    }
    gone = await api.call("getSkill", token=token, skillId="trip-planner")
    assert (gone.status, gone.error) == (404, "Skill not found")


@pytest.mark.parametrize(
    ("operation", "variables", "status", "error"),
    [
        ("getSkill", {"skillId": "bad.id"}, 400, "Invalid skillId"),
        ("deleteSkill", {"skillId": "nope"}, 404, "Skill not found"),
        ("toggleSkill", {"input": {"skillId": "x"}}, 400, "Invalid request body"),
        ("setSkillMetadata", {"input": {"skillId": "a/b", "avatar": "x"}}, 400, "Invalid skillId"),
        ("createSkill", {"input": {"description": "no name"}}, 400, "name is required"),
        ("createSkill", {"input": {"name": "x", "id": "../up"}}, 400, "Invalid skillId"),
    ],
)
async def test_bad_input(
    api: Api, operation: str, variables: dict[str, object], status: int, error: str
) -> None:
    token = await register(api)
    outcome = await api.call(operation, token=token, **variables)
    assert (outcome.status, outcome.error) == (status, error)


async def test_another_users_skill_is_404(api: Api) -> None:
    alice = await register(api)
    bob = await register(api, "bob@example.com")
    await api.call("createSkill", token=alice, input={"name": "mine"})
    for operation, variables in [
        ("getSkill", {"skillId": "mine"}),
        ("deleteSkill", {"skillId": "mine"}),
        ("changeSkill", {"skillId": "mine", "input": {"name": "x"}}),
        ("toggleSkill", {"input": {"skillId": "mine", "enabled": False}}),
    ]:
        outcome = await api.call(operation, token=bob, **variables)
        assert (outcome.status, outcome.error) == (404, "Skill not found"), operation
    assert (await api.call("listSkills", token=bob)).data["skills"] == []
    assert (await api.call("getSkill", token=alice, skillId="mine")).data["skill"]["enabled"]


def outside_exists(root: Path) -> bool:
    return (root / "skills" / "outside.txt").exists() or (root / "outside.txt").exists()


def zipped(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


async def upload(
    client: httpx.AsyncClient, token: str, *files: tuple[str, bytes]
) -> httpx.Response:
    return await client.post(
        "/api/workspace/skills/upload",
        files=[("files", (name, data, "application/octet-stream")) for name, data in files],
        headers={"Authorization": f"Bearer {token}"},
    )


async def test_uploads(client: httpx.AsyncClient, openloomi_settings: OpenloomiSettings) -> None:
    token = await register(Rest(client))
    one = await upload(client, token, ("SKILL.md", SKILL_MD.encode()))
    assert one.status_code == 200
    assert one.json()["message"] == 'Successfully added skill "Weekly report"'
    archive = zipped({"mailer/SKILL.md": "---\nname: mailer\n---\nSend.", "mailer/t.txt": "x"})
    escape = zipped({"SKILL.md": "---\nname: evil\n---\n", "../../outside.txt": "x"})
    two = await upload(client, token, ("mailer.zip", archive), ("evil.zip", escape))
    body = two.json()
    assert body["message"] == "Successfully uploaded 1/2 skills"
    assert [(r["success"], r["error"]) for r in body["results"]] == [
        (True, None),
        (False, "Invalid path format"),
    ]
    listed = await client.get("/api/workspace/skills", headers={"Authorization": f"Bearer {token}"})
    assert [s["id"] for s in listed.json()["skills"]] == ["mailer", "weekly-report"]
    assert not outside_exists(data_root(openloomi_settings))
    empty = await client.post(
        "/api/workspace/skills/upload",
        files={"other": ("x", b"y")},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert (empty.status_code, empty.json()) == (400, {"error": "No file uploaded"})
    plain = await upload(client, token, ("notes.txt", b"not a skill"))
    assert plain.json()["results"][0]["error"] == "The upload holds no SKILL.md"
