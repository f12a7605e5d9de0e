"""The meter: a reply reserves credits before its model call and settles them to what it cost
after. Hard caps (the app's budget policy and the end-user's) are checked before anything is
reserved, counting what is reserved and settled already."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from app.clock import utcnow

from .. import errors
from ..models import App, EndUser, Run, UsageEvent, new_id
from ..repository import usage as repo
from ..settings import LoreosSettings

RESOURCE_TYPE = "text_reply"
RESERVED, SETTLED = "reserved", "settled"


@dataclass(frozen=True)
class Rates:
    reserve: float
    base: float
    per_1k_input_chars: float
    per_1k_output_chars: float

    @classmethod
    def of(cls, settings: LoreosSettings) -> Rates:
        return cls(
            settings.reply_reserve_credits,
            settings.reply_base_credits,
            settings.credits_per_1k_input_chars,
            settings.credits_per_1k_output_chars,
        )

    def reply(self, input_chars: int, output_chars: int) -> float:
        cost = self.base + input_chars / 1000 * self.per_1k_input_chars
        return round(cost + output_chars / 1000 * self.per_1k_output_chars, 6)


async def preflight(session: AsyncSession, app: App, user: EndUser, reserve: float) -> None:
    """402 before any model call when a hard cap would be passed."""
    await _within(session, app, None, app.limit_credits, app.enforcement, reserve, "app")
    ref = user.external_user_ref
    await _within(session, app, ref, user.limit_credits, user.enforcement, reserve, "end-user")


async def _within(
    session: AsyncSession,
    app: App,
    ref: str | None,
    limit: float | None,
    enforcement: str,
    reserve: float,
    whose: str,
) -> None:
    if limit is None or enforcement != "hard":
        return
    if await repo.spent(session, app.id, ref) + reserve > limit:
        raise errors.BudgetExceeded(f"{whose} credit limit reached")


async def reserve(
    session: AsyncSession, run: Run, slug: str, ref: str, credits: float
) -> UsageEvent:
    usage = UsageEvent(
        id=new_id("use_"),
        app_id=run.app_id,
        run_id=run.id,
        session_id=run.session_id,
        character_slug=slug,
        external_user_ref=ref,
        resource_type=RESOURCE_TYPE,
        provider="",
        model="",
        status=RESERVED,
        credits=credits,
        created_at=utcnow(),
        settled_at=None,
    )
    session.add(usage)
    await session.flush()
    return usage


async def settle(
    session: AsyncSession, run: Run, credits: float, provider: str, model: str
) -> None:
    usage = await repo.for_run(session, run.id)
    if usage is None or usage.status == SETTLED:
        return
    usage.credits = credits
    usage.provider = provider
    usage.model = model
    usage.status = SETTLED
    usage.settled_at = utcnow()
    run.settled_credits = credits
    await session.flush()
