"""OpenLoomi's queries, one class per concern, merged into the schema's `Query` in this order."""

from __future__ import annotations

from strawberry.tools import merge_types

from .auth import AuthQuery
from .chats import ChatQuery
from .files import FileQuery
from .insights import InsightQuery
from .integrations import IntegrationQuery
from .sessions import SessionQuery
from .skills import SkillQuery
from .tabs import TabQuery
from .workspace import WorkspaceQuery

Query = merge_types(
    "Query",
    (
        AuthQuery,
        ChatQuery,
        FileQuery,
        InsightQuery,
        IntegrationQuery,
        SessionQuery,
        SkillQuery,
        TabQuery,
        WorkspaceQuery,
    ),
)
