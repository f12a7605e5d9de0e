"""Insights as the app lists them, and what creating or updating one takes."""

from __future__ import annotations

from datetime import datetime

import strawberry

from schema._shared.constraints import nullable
from schema._shared.scalars import JSONObject


@strawberry.type(description="An insight, as the app lists them.")
class Insight:
    id: strawberry.ID
    bot_id: strawberry.ID | None
    title: str
    description: str
    importance: str
    urgency: str
    platform: str
    groups: list[str]
    categories: list[str]
    people: list[str]
    details: list[JSONObject]
    timeline: list[JSONObject]
    insights: list[JSONObject]
    my_tasks: list[JSONObject]
    waiting_for_me: list[JSONObject]
    waiting_for_others: list[JSONObject]
    action_required: bool
    is_archived: bool
    is_favorited: bool
    created_at: datetime
    updated_at: datetime


@strawberry.type
class InsightPage:
    items: list[Insight]
    has_more: bool
    percent: int = strawberry.field(description="How much of the window is loaded: 100.")
    sessions: list[JSONObject]
    raw_messages_included: bool


@strawberry.type
class InsightFetched:
    insight: Insight


@strawberry.type
class InsightCreated:
    id: strawberry.ID
    message: str


@strawberry.type
class InsightUpdated:
    message: str
    id: strawberry.ID


@strawberry.type
class Message:
    message: str


@strawberry.type(description="What refreshing insights from the user's bots did.")
class InsightRefresh:
    successful: int
    failed: int
    errors: list[JSONObject]


TEXT = 100_000
LIST = 1_000


@strawberry.input
class InsightInput:
    title: str | None = nullable(max_length=TEXT)
    description: str | None = nullable(max_length=TEXT)
    importance: str | None = nullable(max_length=100)
    urgency: str | None = nullable(max_length=100)
    platform: str | None = nullable(max_length=100)
    groups: list[str] | None = nullable()
    categories: list[str] | None = nullable()
    people: list[str] | None = nullable()
    details: list[JSONObject] | None = nullable()
    timeline: list[JSONObject] | None = nullable()
    my_tasks: list[JSONObject] | None = nullable()


@strawberry.input
class InsightUpdates:
    title: str | None = nullable(max_length=TEXT)
    description: str | None = nullable(max_length=TEXT)
    importance: str | None = nullable(max_length=100)
    urgency: str | None = nullable(max_length=100)
    groups: list[str] | None = nullable()
    categories: list[str] | None = nullable()
    people: list[str] | None = nullable()
    details: list[JSONObject] | None = nullable()
    timeline: list[JSONObject] | None = nullable()
    insights: list[JSONObject] | None = nullable()
    my_tasks: list[JSONObject] | None = nullable()
    waiting_for_me: list[JSONObject] | None = nullable()
    waiting_for_others: list[JSONObject] | None = nullable()
    action_required: bool | None = nullable()


@strawberry.input
class InsightUpdateInput:
    updates: InsightUpdates | None = nullable()
