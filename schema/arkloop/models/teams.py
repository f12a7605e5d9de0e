"""An account's teams and its invitations."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    ForeignKey,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base

from .base import at_column, id_column


class Team(Base):
    __tablename__ = "arkloop_teams"

    id: Mapped[str] = id_column()
    account_id: Mapped[str] = mapped_column(ForeignKey("arkloop_accounts.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = at_column()


class TeamMember(Base):
    __tablename__ = "arkloop_team_members"

    team_id: Mapped[str] = mapped_column(ForeignKey("arkloop_teams.id"), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("arkloop_users.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20))  # member | admin
    created_at: Mapped[datetime] = at_column()


class Invitation(Base):
    """An invitation to join an account; its token (kept as a hash) is also an invite code for
    registration when registration is invite-only."""

    __tablename__ = "arkloop_account_invitations"

    id: Mapped[str] = id_column()
    account_id: Mapped[str] = mapped_column(ForeignKey("arkloop_accounts.id"), index=True)
    invited_by_user_id: Mapped[str] = mapped_column(ForeignKey("arkloop_users.id"))
    email: Mapped[str] = mapped_column(String(320))
    role: Mapped[str] = mapped_column(String(20))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = at_column()
    accepted_at: Mapped[datetime | None] = at_column(nullable=True)
    revoked_at: Mapped[datetime | None] = at_column(nullable=True)
    created_at: Mapped[datetime] = at_column()
