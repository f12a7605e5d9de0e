"""App isolation on every route that names a resource: another app's key finds none of this
app's apps, characters, assets, sessions, channels or imports (404, never 403), over both
transports. Every documented operation is either listed here or named as taking no
resource of another app, so a new route cannot be left out."""

from __future__ import annotations

from typing import Any

from app.db import Database

from .api import ROUTES, GraphQL, Rest
from .helpers import app_key, character, session

CHARACTER = {"slug": "mina"}
SESSION = {"session_id": None}  # filled with the session's id
# operation -> (what names the other app's resource, the body, the expected code)
FOREIGN: dict[str, tuple[dict[str, Any], dict[str, Any] | None, str]] = {
    "rotateApiKey": ({"app_id": None, "prefix": "lk_x"}, None, "app_not_found"),
    "setAppBudget": ({"app_id": None}, {"limit_credits": 1}, "app_not_found"),
    "productionReadiness": ({"app_id": None}, None, "app_not_found"),
    "activateProduction": ({"app_id": None}, None, "app_not_found"),
    "getCharacter": (CHARACTER, None, "character_not_found"),
    "updateCharacter": (CHARACTER, {"display_name": "X"}, "character_not_found"),
    "characterReadiness": (CHARACTER, None, "character_not_found"),
    "characterRuntimePreview": (CHARACTER, None, "character_not_found"),
    "characterVisualReadiness": (CHARACTER, None, "character_not_found"),
    "characterFeatureStatus": (CHARACTER, None, "character_not_found"),
    "uploadVisualAsset": (
        CHARACTER,
        {"asset_key": "a", "category": "identity", "label": "A"},
        "character_not_found",
    ),
    "visualAssetImage": ({**CHARACTER, "asset_key": "a"}, None, "character_not_found"),
    "registerVisualAssetUrl": (
        CHARACTER,
        {
            "source_url": "https://example.com/a.png",
            "asset_key": "a",
            "category": "identity",
            "label": "A",
        },
        "character_not_found",
    ),
    "bulkRegisterVisualAssetUrls": (CHARACTER, {"assets": []}, "character_not_found"),
    "createSession": (
        {},
        {"character": "mina", "external_user_ref": "u"},
        "character_not_found",
    ),
    "sendMessage": (SESSION, {"text": "hi"}, "session_not_found"),
    "sessionEvents": (SESSION, None, "session_not_found"),
    "sessionRuns": (SESSION, None, "session_not_found"),
    "registerChannel": (SESSION, {"url": "https://example.com/h"}, "session_not_found"),
    "updateProactiveControls": (SESSION, {"daily_initiate_cap": 1}, "session_not_found"),
    "proactiveTest": (SESSION, None, "session_not_found"),
    "sessionTrace": (SESSION, None, "session_not_found"),
    "sessionChannels": (SESSION, None, "session_not_found"),
    "deleteChannel": ({**SESSION, "channel_id": "chn_x"}, None, "session_not_found"),
    "sessionHealth": (SESSION, None, "session_not_found"),
    "importStatus": ({"import_id": None}, None, "import_not_found"),
    "importPreview": ({"import_id": None}, None, "import_not_found"),
    "commitImport": ({"import_id": None}, None, "import_not_found"),
}
# Routes that name nothing of another app: the caller's own app, or creating afresh (a
# character's slug taken by another app is 409, tested with the characters). The stream is
# tested over a real server (test_stream_live).
UNSCOPED = {
    "demoSandboxKey", "llmsTxt", "me", "createCharacter", "bulkCreateCharacters",
    "validateCharacter", "createImport", "setExternalUserBudget", "usage", "messageCosts",
    "rates", "streamSessionEvents",
}  # fmt: skip


def test_every_operation_is_tried_or_named_unscoped() -> None:
    assert set(ROUTES) == set(FOREIGN) | UNSCOPED


async def test_another_apps_resources_are_not_found(
    api: Rest | GraphQL, database: Database
) -> None:
    key = await app_key(database)
    await character(api, key)
    staged = {"character": {"slug": "imp", "display_name": "Imp"}}
    own = {
        "app_id": (await api.call("me", key)).data["app_id"],
        "session_id": await session(api, key),
        "import_id": (await api.call("createImport", key, input=staged)).data["import_id"],
    }
    other = await app_key(database, "Other")
    for operation, (names, body, expected) in FOREIGN.items():
        variables = {
            name: own.get(name) if value is None else value for name, value in names.items()
        }
        if body is not None:
            variables["input"] = body
        refused = await api.call(operation, other, **variables)
        assert (refused.status, refused.code) == (404, expected), operation
