"""Arkloop's per-request dataloaders (`info.context.loaders[UserById]`)."""

from __future__ import annotations

from collections.abc import Sequence

from app.loaders import OneEach

from .models import User
from .repository import identity


class UserById(OneEach[str, User]):
    async def fetch(self, keys: Sequence[str]) -> Sequence[User]:
        return await identity.users_by_ids(self.session, keys)
