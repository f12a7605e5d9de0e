"""Request limits: a maximum body size, enforced before the body is read whole (every domain has
one: its own, or the platform's default), and the rate limit a domain can opt into, spent here
by each request but the GraphQL endpoint's, which spend by their operations (see `quota`).
Both answer in the domain's error envelope."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.domain import RequestLimits
from app.errors import DomainError, PayloadTooLarge

from .envelopes import Envelope
from .quota import Quota

TOO_LARGE = "Request body too large"


class LimitsMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        limits: RequestLimits,
        default_max_body: int,
        quota: Quota | None,
        envelope: Envelope,
    ) -> None:
        self.app = app
        declared = limits.max_body_bytes
        self.max_body = declared if declared is not None else default_max_body
        self.envelope = envelope
        self.quota = quota

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = await self._refusal(scope)
        if refusal is not None:
            await self._reject(refusal, scope, receive, send)
            return
        await self.app(scope, self._counted(receive), send)

    async def _refusal(self, scope: Scope) -> DomainError | None:
        if self.quota is not None and not self.quota.counts_operations(scope):
            refused = await self.quota.spend(scope)
            if refused is not None:
                return refused
        if _declared_length(scope) > self.max_body:
            return PayloadTooLarge(TOO_LARGE)
        return None

    async def _reject(self, error: DomainError, scope: Scope, receive: Receive, send: Send) -> None:
        await self.envelope.error_response(error)(scope, receive, send)

    def _counted(self, receive: Receive) -> Receive:
        """A body sent without a length (chunked) is refused as soon as it grows too large:
        the reader gets `PayloadTooLarge`, which the domain renders like any domain error."""
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise PayloadTooLarge(TOO_LARGE)
            return message

        return counted


def _declared_length(scope: Scope) -> int:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return 0
    return 0
