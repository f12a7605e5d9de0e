"""Arkloop's per-request dataloaders."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader

from schema._shared.loaders import one_each

from .models import User
from .repository import identity


class ArkloopLoaders:
    def __init__(self, session: AsyncSession) -> None:
        async def users(ids: Sequence[str]) -> Sequence[User]:
            return await identity.users_by_ids(session, ids)

        self.user_by_id: DataLoader[str, User | None] = one_each(users, lambda row: row.id)
