"""The user's chats and their messages."""

from __future__ import annotations

from typing import Annotated

import strawberry

from app.errors import BadRequest
from schema._shared import fields
from schema._shared.constraints import constrained
from schema._shared.rows import from_row, from_rows

from ..context import Info
from ..errors import CHAT_ID_REQUIRED
from ..repository import messages
from ..service import chats
from ..types.chats import Chat, ChatInsights, ChatMessage, ChatMessages, ChatPage


@strawberry.type
class ChatQuery:
    @fields.query(
        description="The user's chats, newest first; `startingAfter` or `endingBefore` (a "
        "chat's id) pages through them."
    )
    async def history(
        self,
        info: Info,
        limit: Annotated[int, constrained(minimum=1, maximum=100)] = 20,
        starting_after: strawberry.ID | None = None,
        ending_before: strawberry.ID | None = None,
    ) -> ChatPage:
        found, more = await chats.history(
            info.context.session,
            info.context.principal.user_id,
            limit,
            starting_after,
            ending_before,
        )
        return ChatPage(chats=from_rows(Chat, found), has_more=more)

    @fields.query(description="One of the user's chats.")
    async def chat(self, info: Info, id: strawberry.ID) -> Chat:
        return from_row(
            Chat, await chats.owned(info.context.session, info.context.principal.user_id, id)
        )

    @fields.query(description="A chat's messages, in the order they were saved.")
    async def chat_messages(self, info: Info, id: strawberry.ID) -> ChatMessages:
        session = info.context.session
        await chats.owned(session, info.context.principal.user_id, id)
        return ChatMessages(messages=from_rows(ChatMessage, await messages.of_chat(session, id)))

    @fields.query(
        description="The insights a chat refers to (none is linked to a chat in this "
        "deployment, so the list is empty for every chat of the user's)."
    )
    async def chat_insights(self, info: Info, chat_id: strawberry.ID | None = None) -> ChatInsights:
        if not chat_id:
            raise BadRequest(CHAT_ID_REQUIRED)
        await chats.owned(info.context.session, info.context.principal.user_id, chat_id)
        return ChatInsights(insights=[])
