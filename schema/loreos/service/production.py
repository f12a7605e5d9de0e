"""Production readiness and activation. The gates are the documented two: billing (this
server bills nobody, so it stands as passed and says so) and an app-wide hard credit cap.
Activation is refused with the readiness while a gate is unmet, and is recorded once."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from app.clock import utcnow

from .. import errors
from ..models import App
from .apps import Principal, get_app, refuse_demo
from .readiness import Check


@dataclass(frozen=True)
class Production:
    app: App
    checks: list[Check]

    @property
    def blockers(self) -> list[str]:
        return [check.key for check in self.checks if not check.passed]

    def as_body(self) -> dict[str, object]:
        return {
            "app_id": self.app.id,
            "checks": [vars(check) for check in self.checks],
            "blockers": self.blockers,
        }


def checks(app: App) -> list[Check]:
    capped = app.limit_credits is not None and app.enforcement == "hard"
    return [
        Check(
            "billing_active",
            True,
            "This server bills nobody: there is no billing to activate.",
        ),
        Check(
            "app_hard_cap",
            capped,
            "Set a hard app cap: POST /v1/account/apps/{app_id}/budget-policies "
            '{"limit_credits": ..., "enforcement": "hard"}.',
        ),
    ]


async def _own_app(session: AsyncSession, who: Principal, app_id: str) -> App:
    refuse_demo(who, "Production activation")
    if app_id != who.app_id:
        raise errors.AppNotFound(f"No app {app_id!r}")
    return await get_app(session, who)


async def readiness(session: AsyncSession, who: Principal, app_id: str) -> Production:
    app = await _own_app(session, who, app_id)
    return Production(app, checks(app))


async def activate(session: AsyncSession, who: Principal, app_id: str) -> Production:
    found = await readiness(session, who, app_id)
    if found.blockers:
        raise errors.ProductionActivationBlocked(
            "Production activation is blocked: " + ", ".join(found.blockers),
            readiness=found.as_body(),
        )
    if found.app.production_activated_at is None:
        found.app.production_activated_at = utcnow()
        await session.flush()
    return found
