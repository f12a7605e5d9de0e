"""Chats, their messages, and what saving messages takes."""

from __future__ import annotations

import enum
from datetime import datetime

import strawberry

from schema._shared.constraints import nullable
from schema._shared.scalars import JSONObject

from .insights import Insight


@strawberry.enum
class Visibility(enum.Enum):
    private = "private"
    public = "public"


@strawberry.type
class Chat:
    id: strawberry.ID
    user_id: strawberry.ID
    title: str
    visibility: Visibility
    created_at: datetime
    updated_at: datetime


@strawberry.type
class ChatPage:
    chats: list[Chat]
    has_more: bool


@strawberry.type
class ChatMessage:
    id: strawberry.ID
    chat_id: strawberry.ID
    role: str
    parts: list[JSONObject]
    attachments: list[JSONObject]
    created_at: datetime


@strawberry.type
class ChatMessages:
    messages: list[ChatMessage]


@strawberry.type
class Saved:
    success: bool
    message: str | None


@strawberry.type
class Deleted:
    id: strawberry.ID


@strawberry.type
class ChatInsights:
    insights: list[Insight]


@strawberry.input
class SaveMessagesInput:
    chat_id: strawberry.ID | None = nullable(max_length=36)
    messages: list[JSONObject] | None = nullable()
    skip_sync: bool | None = nullable()


@strawberry.input
class ChatChangeInput:
    title: str | None = nullable(min_length=1, max_length=1000)
    visibility: Visibility | None = nullable()
