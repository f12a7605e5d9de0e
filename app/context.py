"""The per-request context both surfaces share: one lazily opened session, one transaction."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.fastapi import BaseContext

from .auth.throttle import Attempts, LoginThrottle
from .clients import client_address
from .db import Database
from .domain import DomainSettings
from .loaders import Loaders
from .settings import Settings


class RequestContext(BaseContext):
    """Domains subclass this to add their dataloaders and their way of authenticating, and
    narrow `domain_settings` to their settings class."""

    domain_settings: DomainSettings

    def __init__(
        self,
        request: Request | WebSocket,
        database: Database,
        settings: Settings,
        domain_settings: DomainSettings,
        *,
        login_throttle: LoginThrottle,
    ) -> None:
        super().__init__()
        self.request = request
        self.database = database
        self.settings = settings
        self.domain_settings = domain_settings
        # The domain's, shared by all its requests.
        self.login_throttle = login_throttle
        self._session: AsyncSession | None = None
        self.principal: Any = None
        # Where resolvers set response headers such as cookies. GraphQL replaces it with the
        # response Strawberry merges into its answer; REST routes copy its cookies over.
        self.response: Response | None = Response()

    @property
    def client_address(self) -> str | None:
        """The address the request came from (`app.clients`: the peer, or the client a trusted
        proxy forwarded): every domain reads it here."""
        return client_address(self.request.scope) if self.request is not None else None

    @property
    def login_attempts(self) -> Attempts:
        """This client's sign-in attempts, throttled per account and per address."""
        return self.login_throttle.client(self.client_address)

    @property
    def session(self) -> AsyncSession:
        if self._session is None:
            self._session = self.database.session()
        return self._session

    @cached_property
    def loaders(self) -> Loaders:
        return Loaders(self.session)

    def fresh_loaders(self) -> None:
        """Drop the request's dataloaders: the next use builds new ones, which hold nothing
        yet."""
        vars(self).pop("loaders", None)

    async def authenticate(self) -> None:
        """Set `principal` or raise `Unauthenticated`; domains with guarded fields override it."""
        raise NotImplementedError

    async def finish(self, *, commit: bool) -> None:
        """End the request's unit of work: commit only when the whole operation succeeded."""
        if self._session is None:
            return
        try:
            if commit:
                await self._session.commit()
            else:
                await self._session.rollback()
        finally:
            await self._session.close()
            self._session = None
