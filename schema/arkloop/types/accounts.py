"""The caller's profile and usage, API keys and accounts. `org_id` repeats `account_id`, the
name Arkloop's documentation uses."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from schema._shared.repository import Row

from .. import models
from ..service.accounts import Profile
from .common import ID


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

    @classmethod
    def of(cls, found: Profile) -> Me:
        return cls(
            id=found.user.id,
            username=found.user.username,
            email=found.user.email,
            email_verified=found.user.email_verified_at is not None,
            email_verification_required=False,
            created_at=found.user.created_at,
            account_id=found.account.id,
            org_id=found.account.id,
            org_name=found.account.name,
            role=found.role,
            permissions=found.permissions,
        )


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
    def of(cls, row: Row) -> ApiKey:
        return cls(**_api_key_fields(row))


@strawberry.type
class CreatedApiKey(ApiKey):
    key: str = strawberry.field(description="The secret, shown this once.")


def _api_key_fields(row: Row) -> dict[str, Any]:
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


def created_key(row: Row, secret: str) -> CreatedApiKey:
    return CreatedApiKey(**_api_key_fields(row), key=secret)


@strawberry.type
class Account:
    id: ID
    slug: str
    name: str
    type: str
    created_at: datetime
    role: str | None = None

    @classmethod
    def of(cls, row: models.Account, role: str) -> Account:
        return cls(
            id=row.id,
            slug=row.slug,
            name=row.name,
            type=row.type,
            created_at=row.created_at,
            role=role,
        )
