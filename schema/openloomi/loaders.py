"""OpenLoomi's per-request dataloaders (`info.context.loaders[BotById]`), handing out rows."""

from __future__ import annotations

from collections.abc import Sequence

from app.loaders import OneEach
from schema._shared.repository import Row

from .repository import bots


class BotById(OneEach[str, Row]):
    async def fetch(self, keys: Sequence[str]) -> Sequence[Row]:
        return await bots.by_ids(self.session, keys)
