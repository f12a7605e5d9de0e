"""Mail waiting to be sent and the emailed codes it carries."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base

from .base import at_column, id_column


class MailOutbox(Base):
    """Mail written in the transaction of the request that caused it; the sender (a durable job,
    when SMTP is configured) marks it sent. Unsent mail stays here."""

    __tablename__ = "arkloop_mail_outbox"
    __table_args__ = (Index("ix_arkloop_mail_outbox_status", "status", "created_at"),)

    id: Mapped[str] = id_column()
    to_address: Mapped[str] = mapped_column(String(320), index=True)
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(40))  # email_verify | login_otp | invitation
    status: Mapped[str] = mapped_column(String(20))  # queued | sent
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = at_column()
    sent_at: Mapped[datetime | None] = at_column(nullable=True)


class EmailToken(Base):
    """A single-use secret sent by mail (an email-verification token or a login code), kept as
    a hash."""

    __tablename__ = "arkloop_email_tokens"
    __table_args__ = (Index("ix_arkloop_email_tokens_user", "user_id", "purpose", "created_at"),)

    id: Mapped[str] = id_column()
    user_id: Mapped[str] = mapped_column(ForeignKey("arkloop_users.id"))
    purpose: Mapped[str] = mapped_column(String(20))  # verify | otp
    token_hash: Mapped[str] = mapped_column(String(64), index=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    expires_at: Mapped[datetime] = at_column()
    used_at: Mapped[datetime | None] = at_column(nullable=True)
    created_at: Mapped[datetime] = at_column()
