"""`GET /v1/llms.txt`: LoreOS's guide for coding agents, its routes written from
`operations.graphql` (schema/_shared/guide.py) after the conventions every call follows."""

from __future__ import annotations

from pathlib import Path

from graphql import GraphQLSchema

from schema._shared import guide

OPERATIONS = Path(__file__).resolve().parent / "operations.graphql"
TITLE = "LoreOS API: a guide for coding agents"
INTRODUCTION = (
    "> Stateful characters for your app: author a character, open a session for one of your",
    "> end-users, send messages, and read the character's asynchronous replies as events.",
    "",
    "## Conventions",
    "",
    "- Every path is under /v1. Send `Authorization: Bearer <key>`; a key for trying things:",
    "  `POST /v1/demo/sandbox-key` (no key; capped: 3 characters, 5 sessions, 60 messages).",
    '- Success: `{"schema_version": "v0", "data": {...}, "next_actions": [{"command",',
    '  "description"}]}`; read `data`, and `next_actions` for what to call next.',
    '- Errors: `{"detail": {"code", "message", "fix"}}`; branch on `detail.code`. A missing key',
    "  is 401 and an invalid or revoked one 403, with a plain-string `detail`; 402",
    "  `budget_exceeded` comes before any model call; another app's resource is 404; bad input",
    "  is 422 `validation_error`.",
    "- Replies are asynchronous: `POST /v1/sessions/{session_id}/messages` answers the user",
    "  message's `cursor` N (and `run.status` generating is at N+1); the character's",
    "  `message.created` follows. Poll `GET .../events?since=N`, stream",
    "  `GET .../events/stream?since=N` (server-sent events, reconnect with the last cursor), or",
    "  register a webhook with `POST .../channels`. Send an `Idempotency-Key` to retry safely.",
    "- The machine-readable schema: `GET /v1/openapi.json`.",
)


def text(schema: GraphQLSchema) -> str:
    return guide.cached(TITLE, INTRODUCTION, OPERATIONS, schema)
