"""Chats and their messages, in the order they were saved."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from schema._shared.repository import Row, rows

from ..models import Chat, ChatMessage
from .owned import Owned


class Messages(Owned):
    def __init__(self) -> None:
        super().__init__(ChatMessage)
        columns = self.table.c
        self.of_chat_statement = (
            select(*columns)
            .where(columns.chat_id == bindparam("chat_id"))
            .order_by(columns.position)
        )

    async def of_chat(self, session: AsyncSession, chat_id: str) -> list[Row]:
        return await rows(session, self.of_chat_statement, {"chat_id": chat_id})

    async def save(
        self, session: AsyncSession, chat_id: str, user_id: str, given: list[dict[str, Any]]
    ) -> None:
        """Adds each message after the chat's others, or replaces the one with its id."""
        columns = self.table.c
        kept = {row.id for row in await self.of_chat(session, chat_id)}
        last = await session.scalar(
            select(func.coalesce(func.max(columns.position), 0)).where(columns.chat_id == chat_id)
        )
        position = int(last or 0)
        for message in given:
            if message["id"] in kept:
                await session.execute(
                    update(self.table)
                    .where(columns.chat_id == chat_id, columns.id == message["id"])
                    .values({k: v for k, v in message.items() if k != "created_at"})
                )
                continue
            position += 1
            kept.add(message["id"])
            await self.insert(
                session, {**message, "chat_id": chat_id, "user_id": user_id, "position": position}
            )


chats = Owned(Chat)
messages = Messages()
