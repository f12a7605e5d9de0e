"""Arkloop's mutations, one class per concern, merged into the schema's `Mutation` in this
order."""

from __future__ import annotations

from strawberry.tools import merge_types

from .accounts import AccountMutation
from .auth import AuthMutation
from .conversations import ConversationMutation
from .email_auth import EmailMutation
from .notifications import NotificationMutation
from .providers import ProviderMutation
from .teams import TeamMutation

Mutation = merge_types(
    "Mutation",
    (
        AuthMutation,
        AccountMutation,
        EmailMutation,
        TeamMutation,
        ConversationMutation,
        ProviderMutation,
        NotificationMutation,
    ),
)
