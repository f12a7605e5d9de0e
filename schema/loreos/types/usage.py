"""Budget policies, usage and the rate card."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from schema._shared.constraints import constrained, nullable, rules


@strawberry.input(description="A hard (or soft) credit cap; a null limit clears it.")
class BudgetPolicyInput:
    limit_credits: float | None = nullable(minimum=0)
    enforcement: str | None = rules(pattern="^(hard|soft)$")
    resource_type: str | None = rules(min_length=1, max_length=80)
    # Accepted for the documented body; the path names the end-user.
    external_user_ref: str | None = nullable(max_length=200)


@strawberry.input(description="The app-wide credit cap.")
class AppBudgetPolicyInput:
    limit_credits: float | None = nullable(minimum=0)
    enforcement: str | None = rules(pattern="^(hard|soft)$")


@strawberry.type(description="An end-user's budget policy and what they have spent.")
class EndUserBudget:
    external_user_ref: str
    resource_type: str
    limit_credits: float | None
    enforcement: str
    spent_credits: float


@strawberry.type(description="The app's budget policy and what it has spent.")
class AppBudget:
    app_id: str
    limit_credits: float | None
    enforcement: str
    spent_credits: float


@strawberry.type(description="One group of the usage ledger.")
class UsageGroup:
    key: str
    credits: float
    events: int


@strawberry.type(description="The app's metered usage, reserved and settled, by group.")
class Usage:
    group_by: str
    total_credits: float
    reserved_credits: float
    settled_credits: float
    groups: list[UsageGroup]


@strawberry.type(description="What one metered resource costs.")
class Rate:
    resource_type: str
    reserve_credits: float
    base_credits: float
    credits_per_1k_input_chars: float
    credits_per_1k_output_chars: float


@strawberry.type(description="The rate card, in credits.")
class RateCard:
    unit: str
    rates: list[Rate]


GroupBy = Annotated[str, constrained(min_length=1, max_length=40)]


@strawberry.type(description="One metered message (a reply's turn) and what it cost.")
class CostMessage:
    run_ref: str
    session_id: str
    turn_index: int
    run_status: str
    # `reserved` until the reply settles, then `settled`.
    ledger_status: str
    credits: float
    created_at: datetime
    # The user's message, shortened (with include_preview only).
    preview: str | None


@strawberry.type(description="What one end-user's messages with one character cost.")
class MessageCostPair:
    external_user_ref: str
    character_slug: str
    messages: int
    reply_credits: float
    image_credits: float
    total_credits: float
    last_message_at: datetime
    recent: list[CostMessage]


@strawberry.type(description="Reply and image costs per (end-user, character) pair.")
class MessageCosts:
    view: str
    modality: str
    from_: str | None = strawberry.field(name="from")
    to: str | None
    total_credits: float
    reply_credits: float
    image_credits: float
    pairs: list[MessageCostPair]
