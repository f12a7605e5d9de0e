"""Message costs: the ledger drilled down to each (end-user, character) pair, with its latest
metered messages. Every reply here is text; images are never generated, so `image_credits`
is 0 and `modality=image` finds nothing. `from` and `to` are ISO 8601 instants (`to`
excluded), the reply's reservation counted until it settles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from .. import errors
from ..models import Event, Run, UsageEvent
from ..repository import usage as repo
from .apps import Principal

VIEWS = ("users", "characters")
MODALITIES = ("all", "text", "image")
PREVIEW_CHARS = 120


@dataclass(frozen=True)
class Query:
    view: str
    modality: str
    since: str | None
    until: str | None
    external_user_ref: str | None
    character_slug: str | None
    session_id: str | None
    limit: int
    messages_per_pair: int
    include_preview: bool


@dataclass(frozen=True)
class Message:
    usage: UsageEvent
    run: Run
    preview: str | None


@dataclass(frozen=True)
class Pair:
    external_user_ref: str
    character_slug: str
    credits: float
    messages: int
    last_at: datetime
    recent: list[Message]


def _instant(name: str, value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        found = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise errors.InvalidValue(
            f"{name} must be an ISO 8601 date or time",
            fix=f"Send {name} like 2026-01-31T00:00:00Z.",
        ) from None
    return found if found.tzinfo else found.replace(tzinfo=UTC)


def _check(query: Query) -> None:
    for name, value, allowed in (
        ("view", query.view, VIEWS),
        ("modality", query.modality, MODALITIES),
    ):
        if value not in allowed:
            raise errors.InvalidValue(
                f"{name} must be one of {', '.join(allowed)}",
                fix="Use one of: " + ", ".join(allowed),
            )


async def message_costs(session: AsyncSession, who: Principal, query: Query) -> list[Pair]:
    _check(query)
    where = repo.CostFilter(
        app_id=who.app_id,
        since=_instant("from", query.since),
        until=_instant("to", query.until),
        external_user_ref=query.external_user_ref,
        character_slug=query.character_slug,
        session_id=query.session_id,
    )
    if query.modality == "image":
        return []
    found = await repo.pairs(session, where, query.view == "characters", query.limit)
    chosen = [(ref, slug) for ref, slug, *_ in found]
    recent: dict[tuple[str, str], list[Message]] = {pair: [] for pair in chosen}
    for usage, run, event in await repo.recent_messages(
        session, where, chosen, query.messages_per_pair
    ):
        preview = _preview(event) if query.include_preview else None
        recent[(usage.external_user_ref, usage.character_slug)].append(Message(usage, run, preview))
    return [
        Pair(ref, slug, credits, n, last, recent[(ref, slug)])
        for ref, slug, credits, n, last in found
    ]


def _preview(event: Event | None) -> str | None:
    text = event.payload.get("text") if event is not None else None
    return str(text)[:PREVIEW_CHARS] if text is not None else None
