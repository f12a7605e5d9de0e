"""The caller's app and keys."""

from __future__ import annotations

from datetime import datetime

import strawberry

from schema._shared.constraints import nullable


@strawberry.type(description="The caps of a demo sandbox key.")
class DemoLimits:
    characters: int
    sessions: int
    messages: int
    message_chars: int
    credit_limit: float


@strawberry.type(description="A new sandbox app and its key; the key is shown only here.")
class SandboxKey:
    app_id: str
    api_key: str
    key_prefix: str
    expires_at: datetime | None
    limits: DemoLimits


@strawberry.input(description="Optional anti-abuse hints for a sandbox key.")
class SandboxKeyInput:
    fingerprint: str | None = nullable(max_length=200)
    turnstile_token: str | None = nullable(max_length=4096)


@strawberry.type(description="The app the presented key belongs to.")
class Me:
    app_id: str
    app_name: str
    key_prefix: str
    key_kind: str
    expires_at: datetime | None
    limit_credits: float | None
    enforcement: str


@strawberry.input(description="How to rotate a key.")
class RotateKeyInput:
    # The old key stops working at once unless false.
    revoke_old: bool | None = nullable()


@strawberry.type(description="The app's new key (shown only here) in place of an old one.")
class RotatedKey:
    app_id: str
    api_key: str
    key_prefix: str
    previous_prefix: str
    revoked_old: bool
    created_at: datetime
