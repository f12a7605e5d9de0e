"""OpenLoomi's SQL, one module per concern. Every read of a user's records names the user, so
another user's record is never found."""

from __future__ import annotations

from .chats import chats, messages
from .files import files
from .insights import insights
from .integrations import accounts, bots, contacts, outgoing
from .oauth import oauth_sessions
from .tabs import feedback, tabs
from .users import users

__all__ = [
    "accounts",
    "bots",
    "chats",
    "contacts",
    "feedback",
    "files",
    "insights",
    "messages",
    "oauth_sessions",
    "outgoing",
    "tabs",
    "users",
]
