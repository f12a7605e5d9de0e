"""OpenLoomi's SQL, one module per concern. Every read of a user's records names the user, so
another user's record is never found."""

from __future__ import annotations

from .insights import insights
from .integrations import accounts, bots, contacts, outgoing
from .users import users

__all__ = ["accounts", "bots", "contacts", "insights", "outgoing", "users"]
