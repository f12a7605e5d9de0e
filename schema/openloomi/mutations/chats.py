"""Saving a chat's messages, renaming and deleting chats."""

from __future__ import annotations

import strawberry

from schema._shared import fields
from schema._shared.rows import from_row

from ..context import Info
from ..service import chats
from ..types import given
from ..types.chats import Chat, ChatChangeInput, Deleted, Saved, SaveMessagesInput


@strawberry.type
class ChatMutation:
    @fields.mutation(
        description="Save a chat's messages (creating the chat on its first save): a message "
        "with an id already saved replaces it."
    )
    async def save_messages(self, info: Info, input: SaveMessagesInput) -> Saved:
        sent = given(input)
        saved = await chats.save_messages(
            info.context.session,
            info.context.principal.user_id,
            sent.get("chat_id"),
            sent.get("messages"),
        )
        return Saved(success=True, message=None if saved else "No messages to save")

    @fields.mutation(description="Rename a chat or change its visibility.")
    async def change_chat(self, info: Info, id: strawberry.ID, input: ChatChangeInput) -> Chat:
        changes = given(input)
        if input.visibility:
            changes["visibility"] = input.visibility.value
        row = await chats.rename(info.context.session, info.context.principal.user_id, id, changes)
        return from_row(Chat, row)

    @fields.mutation(description="Delete a chat and its messages.")
    async def delete_chat(self, info: Info, id: strawberry.ID) -> Deleted:
        await chats.delete(info.context.session, info.context.principal.user_id, id)
        return Deleted(id=id)
