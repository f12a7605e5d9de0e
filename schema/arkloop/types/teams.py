"""Teams with their members, and account invitations."""

from __future__ import annotations

from datetime import datetime

import strawberry

from schema._shared.repository import Row

from .. import models
from .common import ID


@strawberry.type
class Team:
    id: ID
    account_id: ID
    name: str
    members_count: int
    created_at: datetime

    @classmethod
    def of(cls, row: Row, members_count: int) -> Team:
        return cls(
            id=row.id,
            account_id=row.account_id,
            name=row.name,
            members_count=members_count,
            created_at=row.created_at,
        )


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
    def of(cls, row: Row, token: str | None = None) -> Invitation:
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
