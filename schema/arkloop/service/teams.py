"""Teams inside the caller's account, and invitations to join an account (mailed through the
outbox; the invitation's token is also an invite code when registration is invite-only).
Managing either needs the `account.manage` permission (owners and admins); records of other
accounts are reported as not found."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import tokens
from app.clock import utcnow
from schema._shared.repository import Row

from .. import errors
from ..models import Account, Membership, TeamMember, User, as_utc, new_id
from ..repository import identity
from ..repository import teams as repo
from ..settings import ArkloopSettings
from . import mail
from .auth import Principal
from .policy import require

MANAGE = "account.manage"


async def create_team(session: AsyncSession, who: Principal, name: str) -> Row:
    require(who, MANAGE)
    values = {"id": new_id(), "account_id": who.account_id, "name": name, "created_at": utcnow()}
    return await repo.teams.insert(session, values)


async def list_teams(session: AsyncSession, who: Principal) -> list[tuple[Row, int]]:
    return await repo.teams.counted(session, who.account_id)


async def get_team(session: AsyncSession, who: Principal, id: str) -> Row:
    team = await repo.teams.owned(session, who.account_id, id)
    if team is None:
        raise errors.TeamNotFound()
    return team


async def delete_team(session: AsyncSession, who: Principal, id: str) -> None:
    team = await get_team(session, who, id)
    require(who, MANAGE)
    await repo.teams.delete_with_members(session, team.id)


async def team_members(session: AsyncSession, who: Principal, id: str) -> Sequence[TeamMember]:
    team = await get_team(session, who, id)
    return await repo.members(session, team.id)


async def add_team_member(
    session: AsyncSession, who: Principal, id: str, user_id: str, role: str
) -> TeamMember:
    team = await get_team(session, who, id)
    require(who, MANAGE)
    # Only members of the team's account can join it; anyone else does not exist here.
    if await identity.membership(session, team.account_id, user_id) is None:
        raise errors.UserNotFound()
    if await repo.member(session, team.id, user_id) is not None:
        raise errors.TeamMemberExists("The user is already a member of the team")
    row = TeamMember(team_id=team.id, user_id=user_id, role=role, created_at=utcnow())
    session.add(row)
    await session.flush()
    return row


async def remove_team_member(session: AsyncSession, who: Principal, id: str, user_id: str) -> None:
    team = await get_team(session, who, id)
    require(who, MANAGE)
    row = await repo.member(session, team.id, user_id)
    if row is None:
        raise errors.UserNotFound()
    await session.delete(row)
    await session.flush()


async def _managed_account(session: AsyncSession, who: Principal, account_id: str) -> Account:
    """An account the caller belongs to (else not found) and may manage (else denied)."""
    member = await identity.membership(session, account_id, who.user_id)
    account = await session.get(Account, account_id) if member else None
    if account is None or member is None:
        raise errors.AccountNotFound()
    require(Principal(who.user_id, account_id, member.role, scopes=who.scopes), MANAGE)
    return account


async def invite(
    session: AsyncSession,
    settings: ArkloopSettings,
    who: Principal,
    account_id: str,
    email: str,
    role: str,
) -> tuple[Row, str]:
    account = await _managed_account(session, who, account_id)
    secret = tokens.opaque()
    now = utcnow()
    invitation = await repo.invitations.insert(
        session,
        {
            "id": new_id(),
            "account_id": account.id,
            "invited_by_user_id": who.user_id,
            "email": email.strip().lower(),
            "role": role,
            "token_hash": tokens.digest(secret),
            "expires_at": now + timedelta(seconds=settings.invitation_ttl_seconds),
            "created_at": now,
        },
    )
    body = (
        f"You are invited to join {account.name} on Arkloop as {role}.\n\n"
        f"Invitation token: {secret}\n\n"
        f"Accept it with POST /v1/account-invitations/<token>/accept once signed in, or use it "
        "as the invite code when registering.\n"
    )
    subject = f"Invitation to {account.name}"
    await mail.queue(session, settings, invitation.email, subject, body, "invitation")
    return invitation, secret


async def list_invitations(session: AsyncSession, who: Principal, account_id: str) -> list[Row]:
    account = await _managed_account(session, who, account_id)
    return await repo.invitations.of_account(session, account.id)


async def _pending(session: AsyncSession, secret: str) -> Row | None:
    invitation = await repo.invitations.by_hash(session, tokens.digest(secret.strip()))
    if (
        invitation is None
        or invitation.accepted_at is not None
        or invitation.revoked_at is not None
        or as_utc(invitation.expires_at) <= utcnow()
    ):
        return None
    return invitation


async def _join(session: AsyncSession, invitation: Row, user_id: str) -> None:
    now = utcnow()
    if await identity.membership(session, invitation.account_id, user_id) is None:
        # A millisecond later than anything made with it, so a new user's personal account
        # stays their first (primary) membership.
        session.add(
            Membership(
                id=new_id(),
                account_id=invitation.account_id,
                user_id=user_id,
                role=invitation.role,
                created_at=now + timedelta(milliseconds=1),
            )
        )
    await repo.invitations.update(session, invitation.id, {"accepted_at": now})
    await session.flush()


async def accept(session: AsyncSession, who: Principal, secret: str) -> None:
    invitation = await _pending(session, secret)
    if invitation is None:
        raise errors.InvitationNotFound()
    user = await session.get(User, who.user_id)
    if user is None or user.email != invitation.email:
        raise errors.InvitationEmailMismatch()
    await _join(session, invitation, user.id)


async def check_invite_code(session: AsyncSession, code: str | None, email: str) -> Row:
    """The pending invitation an invite code names, for the address it was sent to."""
    invitation = await _pending(session, code) if code else None
    if invitation is None or invitation.email != email.strip().lower():
        raise errors.InviteInvalid()
    return invitation


async def redeem_invite_code(session: AsyncSession, invitation: Row, user_id: str) -> None:
    """A user registered with the invitation: they join its account, and the address the
    invitation reached counts as verified."""
    await _join(session, invitation, user_id)
    user = await session.get(User, user_id)
    if user is not None and user.email_verified_at is None:
        user.email_verified_at = utcnow()
    await session.flush()


async def revoke(session: AsyncSession, who: Principal, id: str) -> None:
    invitation = await repo.invitations.get(session, id)
    if invitation is None:
        raise errors.InvitationNotFound()
    member = await identity.membership(session, invitation.account_id, who.user_id)
    if member is None:
        raise errors.InvitationNotFound()
    require(Principal(who.user_id, invitation.account_id, member.role, scopes=who.scopes), MANAGE)
    if invitation.revoked_at is None and invitation.accepted_at is None:
        await repo.invitations.update(session, invitation.id, {"revoked_at": utcnow()})
