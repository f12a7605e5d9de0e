"""Usage per day and per model."""

from __future__ import annotations

import strawberry

from ..repository.runs import UsageGroup


@strawberry.type
class DailyUsage:
    date: str
    input_tokens: int
    output_tokens: int
    cost_usd: float
    record_count: int

    @classmethod
    def of(cls, group: UsageGroup) -> DailyUsage:
        return cls(
            date=group.key,
            input_tokens=group.input_tokens,
            output_tokens=group.output_tokens,
            cost_usd=group.cost_usd,
            record_count=group.record_count,
        )


@strawberry.type
class ModelUsage:
    model: str
    input_tokens: int
    output_tokens: int
    cost_usd: float
    record_count: int

    @classmethod
    def of(cls, group: UsageGroup) -> ModelUsage:
        return cls(
            model=group.key,
            input_tokens=group.input_tokens,
            output_tokens=group.output_tokens,
            cost_usd=group.cost_usd,
            record_count=group.record_count,
        )
