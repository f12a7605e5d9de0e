"""Arkloop's GraphQL object types. Field names are the product's JSON names (snake_case);
`org_id` repeats `account_id`, the name Arkloop's documentation uses."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import strawberry
from strawberry.types import Info

from . import models

if TYPE_CHECKING:
    from .context import ArkloopContext

    ArkloopInfo = Info[ArkloopContext, None]
    # Rows hold ids as plain strings; GraphQL still types these fields as ID.
    ID = str
else:
    ArkloopInfo = Info
    ID = strawberry.ID


@strawberry.type
class Ok:
    ok: bool = True


@strawberry.type
class Health:
    status: str


@strawberry.type
class Readiness:
    status: str
    schema_version: str | None = None
    reason: str | None = None


@strawberry.type
class Registered:
    user_id: ID
    access_token: str
    token_type: str = "bearer"
    warning: str | None = None


@strawberry.type
class AccessToken:
    access_token: str
    token_type: str = "bearer"


@strawberry.type
class Exists:
    exists: bool


@strawberry.type
class RegistrationMode:
    mode: str


@strawberry.type
class CaptchaConfig:
    enabled: bool
    site_key: str | None


@strawberry.type
class Me:
    id: ID
    username: str
    email: str
    email_verified: bool
    email_verification_required: bool
    created_at: datetime
    account_id: ID
    org_id: ID
    org_name: str
    role: str
    permissions: list[str]


@strawberry.type
class UsernameUpdated:
    username: str


@strawberry.type
class Usage:
    account_id: ID
    org_id: ID
    year: int
    month: int
    total_input_tokens: int
    total_output_tokens: int
    total_cost_usd: float
    record_count: int


@strawberry.type
class ApiKey:
    id: ID
    account_id: ID
    org_id: ID
    user_id: ID
    name: str
    key_prefix: str
    scopes: list[str]
    revoked_at: datetime | None
    last_used_at: datetime | None
    created_at: datetime

    @classmethod
    def of(cls, row: models.ApiKey) -> ApiKey:
        return cls(**_api_key_fields(row))


@strawberry.type
class CreatedApiKey(ApiKey):
    key: str = strawberry.field(description="The secret, shown this once.")


def _api_key_fields(row: models.ApiKey) -> dict[str, Any]:
    return {
        "id": row.id,
        "account_id": row.account_id,
        "org_id": row.account_id,
        "user_id": row.user_id,
        "name": row.name,
        "key_prefix": row.key_prefix,
        "scopes": list(row.scopes),
        "revoked_at": row.revoked_at,
        "last_used_at": row.last_used_at,
        "created_at": row.created_at,
    }


def created_key(row: models.ApiKey, secret: str) -> CreatedApiKey:
    return CreatedApiKey(**_api_key_fields(row), key=secret)


@strawberry.type
class Account:
    id: ID
    slug: str
    name: str
    type: str
    created_at: datetime
    role: str | None = None


@strawberry.type
class Project:
    id: ID
    account_id: ID
    org_id: ID
    team_id: ID | None
    name: str
    description: str | None
    visibility: str
    created_at: datetime

    @classmethod
    def of(cls, row: models.Project) -> Project:
        return cls(
            id=row.id,
            account_id=row.account_id,
            org_id=row.account_id,
            team_id=row.team_id,
            name=row.name,
            description=row.description,
            visibility=row.visibility,
            created_at=row.created_at,
        )


@strawberry.type
class WorkspaceSession:
    session_ref: str
    session_type: str
    state: str
    last_used_at: datetime | None


@strawberry.type
class Workspace:
    project_id: ID
    workspace_ref: str
    owner_user_id: ID
    status: str
    last_used_at: datetime | None
    active_session: WorkspaceSession | None = None


@strawberry.type
class WorkspaceItem:
    name: str
    path: str
    type: str
    size: int
    mtime_unix_ms: float
    mime_type: str | None


@strawberry.type
class WorkspaceFiles:
    workspace_ref: str
    path: str
    items: list[WorkspaceItem]


@strawberry.type
class ResolvePrefill:
    login: str | None = None
    email: str | None = None


@strawberry.type
class ResolvedIdentity:
    next_step: str
    flow_token: str | None
    masked_email: str | None
    otp_available: bool
    invite_required: bool
    prefill: ResolvePrefill | None


@strawberry.type
class Team:
    id: ID
    account_id: ID
    name: str
    members_count: int
    created_at: datetime


@strawberry.type
class TeamMember:
    team_id: ID
    user_id: ID
    role: str
    created_at: datetime

    @classmethod
    def of(cls, row: models.TeamMember) -> TeamMember:
        return cls(
            team_id=row.team_id, user_id=row.user_id, role=row.role, created_at=row.created_at
        )


@strawberry.type
class Invitation:
    id: ID
    account_id: ID
    invited_by_user_id: ID
    email: str
    role: str
    expires_at: datetime
    accepted_at: datetime | None
    revoked_at: datetime | None
    created_at: datetime
    token: str | None = strawberry.field(
        default=None, description="Only in the answer that creates the invitation."
    )

    @classmethod
    def of(cls, row: models.Invitation, token: str | None = None) -> Invitation:
        return cls(
            id=row.id,
            account_id=row.account_id,
            invited_by_user_id=row.invited_by_user_id,
            email=row.email,
            role=row.role,
            expires_at=row.expires_at,
            accepted_at=row.accepted_at,
            revoked_at=row.revoked_at,
            created_at=row.created_at,
            token=token,
        )
