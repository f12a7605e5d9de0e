"""The caller's profile, accounts and API keys."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import tokens
from app.clock import utcnow
from schema._shared.repository import Row

from .. import errors
from ..models import Account, Membership, User, new_id
from ..repository import identity as repo
from ..settings import ArkloopSettings
from . import credits
from .auth import API_KEY_PREFIX, Principal
from .policy import delegated_scopes, permissions, require


@dataclass(frozen=True)
class Profile:
    user: User
    account: Account
    role: str
    permissions: list[str]


async def profile(session: AsyncSession, who: Principal) -> Profile:
    user = await session.get(User, who.user_id)
    account = await session.get(Account, who.account_id)
    if user is None or account is None:
        raise errors.UserNotFound()
    return Profile(user, account, who.role, permissions(who))


async def rename(session: AsyncSession, who: Principal, username: str) -> User:
    if await repo.username_taken(session, username, who.user_id):
        raise errors.LoginTaken("Login already exists")
    user = await session.get(User, who.user_id)
    assert user is not None
    user.username = username
    await session.flush()
    return user


async def create_api_key(
    session: AsyncSession, who: Principal, name: str, scopes: list[str], secret: str | None = None
) -> tuple[Row, str]:
    """A new key and its secret, drawn at random unless given (the demo data's is fixed)."""
    require(who, "data.api_keys.manage")
    scopes = delegated_scopes(who, scopes)
    secret = secret or tokens.opaque(API_KEY_PREFIX)
    key = await repo.api_keys.insert(
        session,
        {
            "id": new_id(),
            "account_id": who.account_id,
            "user_id": who.user_id,
            "name": name,
            "key_prefix": secret[: len(API_KEY_PREFIX) + 4],
            "key_hash": tokens.digest(secret),
            "scopes": scopes,
            "created_at": utcnow(),
        },
    )
    return key, secret


async def api_keys(session: AsyncSession, who: Principal) -> list[Row]:
    return await repo.api_keys.of_user(session, who.account_id, who.user_id)


async def revoke_api_key(session: AsyncSession, who: Principal, id: str) -> None:
    require(who, "data.api_keys.manage")
    key = await repo.api_keys.owned(session, who.account_id, id)
    if key is None or key.user_id != who.user_id:
        raise errors.ApiKeyNotFound()
    if key.revoked_at is None:
        await repo.api_keys.update(session, key.id, {"revoked_at": utcnow()})


async def create_account(
    session: AsyncSession, settings: ArkloopSettings, who: Principal, slug: str, name: str
) -> Account:
    if await repo.slug_taken(session, slug):
        raise errors.SlugTaken("Slug already exists")
    now = utcnow()
    account = Account(id=new_id(), slug=slug, name=name, type="workspace", created_at=now)
    session.add(account)
    await session.flush()
    session.add(
        Membership(
            id=new_id(), account_id=account.id, user_id=who.user_id, role="owner", created_at=now
        )
    )
    await session.flush()
    await credits.grant_first(session, settings, account.id)
    return account


async def my_accounts(session: AsyncSession, who: Principal) -> list[tuple[Account, str]]:
    return await repo.accounts_of(session, who.user_id)


async def get_account(session: AsyncSession, who: Principal, id: str) -> tuple[Account, str]:
    member = await repo.membership(session, id, who.user_id)
    account = await session.get(Account, id) if member else None
    if account is None or member is None:
        raise errors.AccountNotFound()
    return account, member.role
