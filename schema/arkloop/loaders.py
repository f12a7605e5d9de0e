"""Arkloop's per-request dataloaders (`info.context.loaders[UserById]`)."""

from __future__ import annotations

from collections.abc import Sequence

from app.loaders import ManyEach, OneEach
from schema._shared.repository import Row

from .models import User
from .repository import identity, providers


class UserById(OneEach[str, User]):
    async def fetch(self, keys: Sequence[str]) -> Sequence[User]:
        return await identity.users_by_ids(self.session, keys)


class ModelsByProviderId(ManyEach[str, Row]):
    async def fetch(self, keys: Sequence[str]) -> list[tuple[str, Row]]:
        found = await providers.models.of_providers(self.session, keys)
        return [(row.provider_id, row) for row in found]
