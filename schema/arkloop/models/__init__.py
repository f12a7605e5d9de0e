"""Arkloop's tables (prefixed `arkloop_`), by area. Every row belongs to an account;
relationships are never loaded implicitly."""

from .base import ID, as_utc, new_id
from .conversations import Message, Project, Run, RunEvent, Thread, ThreadStar
from .credits import CreditTransaction
from .identity import Account, ApiKey, Membership, RefreshToken, Session, User
from .mail import EmailToken, MailOutbox
from .notifications import Notification
from .providers import LlmProvider, LlmProviderModel
from .teams import Invitation, Team, TeamMember

__all__ = [
    "ID",
    "Account",
    "ApiKey",
    "CreditTransaction",
    "EmailToken",
    "Invitation",
    "LlmProvider",
    "LlmProviderModel",
    "MailOutbox",
    "Membership",
    "Message",
    "Notification",
    "Project",
    "RefreshToken",
    "Run",
    "RunEvent",
    "Session",
    "Team",
    "TeamMember",
    "Thread",
    "ThreadStar",
    "User",
    "as_utc",
    "new_id",
]
