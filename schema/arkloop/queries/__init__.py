"""Arkloop's queries, one class per concern, merged into the schema's `Query` in this order."""

from __future__ import annotations

from strawberry.tools import merge_types

from .accounts import AccountQuery
from .conversations import ConversationQuery
from .credits import CreditsQuery
from .notifications import NotificationQuery
from .providers import ProviderQuery
from .server import ServerQuery
from .teams import TeamQuery
from .usage import UsageQuery

Query = merge_types(
    "Query",
    (
        ServerQuery,
        AccountQuery,
        UsageQuery,
        ConversationQuery,
        TeamQuery,
        ProviderQuery,
        CreditsQuery,
        NotificationQuery,
    ),
)
