"""Users, accounts and memberships, login sessions with their refresh tokens, and API keys."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import bindparam, func, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from schema._shared.repository import Row, rows

from ..models import (
    Account,
    ApiKey,
    EmailToken,
    Membership,
    RefreshToken,
    Session,
    User,
)
from .owned import Owned


class ApiKeys(Owned):
    def __init__(self) -> None:
        super().__init__(ApiKey)
        columns = self.table.c
        self.by_hash_statement = select(*columns).where(columns.key_hash == bindparam("key_hash"))
        self.of_user_statement = (
            select(*columns)
            .where(
                columns.account_id == bindparam("account_id"),
                columns.user_id == bindparam("user_id"),
            )
            .order_by(columns.created_at.desc(), columns.id)
        )

    async def by_hash(self, session: AsyncSession, key_hash: str) -> Row | None:
        found = await rows(session, self.by_hash_statement, {"key_hash": key_hash})
        return found[0] if found else None

    async def of_user(self, session: AsyncSession, account_id: str, user_id: str) -> list[Row]:
        """A user's keys in one account, newest first."""
        values = {"account_id": account_id, "user_id": user_id}
        return await rows(session, self.of_user_statement, values)


api_keys = ApiKeys()


async def user_by_login(session: AsyncSession, login: str) -> User | None:
    """By username or email, case-insensitively."""
    key = login.strip().lower()
    query = select(User).where(or_(func.lower(User.username) == key, func.lower(User.email) == key))
    return (await session.scalars(query)).first()


async def login_taken(session: AsyncSession, username: str, email: str) -> tuple[bool, bool]:
    users = await session.scalars(
        select(User).where(
            or_(
                func.lower(User.username) == username.lower(),
                User.email == email,
            )
        )
    )
    found = list(users)
    return (
        any(u.username.lower() == username.lower() for u in found),
        any(u.email == email for u in found),
    )


async def username_taken(session: AsyncSession, username: str, other_than: str) -> bool:
    query = select(User.id).where(func.lower(User.username) == username.lower())
    return (await session.scalar(query.where(User.id != other_than))) is not None


async def slug_taken(session: AsyncSession, slug: str) -> bool:
    return (await session.scalar(select(Account.id).where(Account.slug == slug))) is not None


async def primary_membership(session: AsyncSession, user_id: str) -> Membership | None:
    """The user's first membership: their personal account."""
    query = (
        select(Membership)
        .where(Membership.user_id == user_id)
        .order_by(Membership.created_at, Membership.id)
    )
    return (await session.scalars(query.limit(1))).first()


async def membership(session: AsyncSession, account_id: str, user_id: str) -> Membership | None:
    query = select(Membership).where(
        Membership.account_id == account_id, Membership.user_id == user_id
    )
    return (await session.scalars(query)).first()


async def accounts_of(session: AsyncSession, user_id: str) -> list[tuple[Account, str]]:
    query = (
        select(Account, Membership.role)
        .join(Membership, Membership.account_id == Account.id)
        .where(Membership.user_id == user_id)
        .order_by(Membership.created_at, Account.id)
    )
    return [(account, role) for account, role in (await session.execute(query)).all()]


async def refresh_token(session: AsyncSession, token_hash: str) -> RefreshToken | None:
    query = select(RefreshToken).where(RefreshToken.token_hash == token_hash)
    return (await session.scalars(query)).first()


async def spend_refresh_token(session: AsyncSession, token_id: str, now: datetime) -> bool:
    """Mark the token used unless it already was; whether this call spent it. One statement,
    so two concurrent refreshes with the same token cannot both succeed."""
    result = await session.execute(
        update(RefreshToken)
        .where(RefreshToken.id == token_id, RefreshToken.used_at.is_(None))
        .values(used_at=now)
    )
    return bool(getattr(result, "rowcount", 0))


async def revoke_session(session: AsyncSession, session_id: str, now: datetime) -> None:
    await session.execute(
        update(Session)
        .where(Session.id == session_id, Session.revoked_at.is_(None))
        .values(revoked_at=now)
    )


async def users_by_ids(session: AsyncSession, ids: Sequence[str]) -> Sequence[User]:
    return (await session.scalars(select(User).where(User.id.in_(ids)))).all()


async def user_by_email(session: AsyncSession, email: str) -> User | None:
    return (await session.scalars(select(User).where(User.email == email))).first()


async def email_token(session: AsyncSession, purpose: str, token_hash: str) -> EmailToken | None:
    query = select(EmailToken).where(
        EmailToken.purpose == purpose, EmailToken.token_hash == token_hash
    )
    return (await session.scalars(query)).first()


async def latest_email_token(
    session: AsyncSession, user_id: str, purpose: str
) -> EmailToken | None:
    query = (
        select(EmailToken)
        .where(EmailToken.user_id == user_id, EmailToken.purpose == purpose)
        .order_by(EmailToken.created_at.desc(), EmailToken.id.desc())
    )
    return (await session.scalars(query.limit(1))).first()


async def retire_email_tokens(
    session: AsyncSession, user_id: str, purpose: str, now: datetime
) -> None:
    await session.execute(
        update(EmailToken)
        .where(
            EmailToken.user_id == user_id,
            EmailToken.purpose == purpose,
            EmailToken.used_at.is_(None),
        )
        .values(used_at=now)
    )


async def spend_email_token(session: AsyncSession, token_id: str, now: datetime) -> bool:
    """Mark the token used unless it already was; whether this call spent it."""
    result = await session.execute(
        update(EmailToken)
        .where(EmailToken.id == token_id, EmailToken.used_at.is_(None))
        .values(used_at=now)
    )
    return bool(getattr(result, "rowcount", 0))


async def count_failed_attempt(session: AsyncSession, token_id: str) -> None:
    await session.execute(
        update(EmailToken)
        .where(EmailToken.id == token_id)
        .values(failed_attempts=EmailToken.failed_attempts + 1)
    )


async def schema_version(session: AsyncSession) -> str | None:
    """The database's Alembic revision (what `/readyz` reports)."""
    version = await session.scalar(text("SELECT version_num FROM alembic_version"))
    return None if version is None else str(version)
