"""OpenLoomi's mutations, one class per concern, merged into the schema's `Mutation` in this
order."""

from __future__ import annotations

from strawberry.tools import merge_types

from .auth import AuthMutation
from .chats import ChatMutation
from .files import FileMutation
from .insights import InsightMutation
from .integrations import IntegrationMutation
from .oauth import OAuthMutation
from .sessions import SessionMutation
from .skills import SkillMutation
from .tabs import TabMutation
from .workspace import WorkspaceMutation

Mutation = merge_types(
    "Mutation",
    (
        AuthMutation,
        ChatMutation,
        FileMutation,
        InsightMutation,
        IntegrationMutation,
        OAuthMutation,
        SessionMutation,
        SkillMutation,
        TabMutation,
        WorkspaceMutation,
    ),
)
