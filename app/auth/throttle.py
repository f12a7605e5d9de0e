"""Sign-in throttling. Every attempt at a secret a guesser could try (a password, an emailed
code) is counted per account and per client address before the secret is checked, so a refused
attempt costs no hashing, and attempts made at once cannot all slip in before the first is
counted. Counted in Redis when one is configured (every process counts together), else in this
process."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from app.ratelimit import RateLimiter
from app.settings import Settings

# Clients without an address (a Unix socket) share one count.
NO_ADDRESS = "unknown"


class LoginThrottle:
    """One domain's throttle; `per_account` and `per_address` in the `limits` notation
    ("10/15 minutes"). `namespace` keeps its counts apart from others in the same store."""

    def __init__(
        self, per_account: str, per_address: str, redis_url: str | None, namespace: str
    ) -> None:
        self.namespace = namespace
        self.per_account = RateLimiter(per_account, redis_url)
        self.per_address = RateLimiter(per_address, redis_url)

    @classmethod
    def of(cls, settings: Settings, namespace: str) -> LoginThrottle:
        return cls(
            settings.login_attempts_per_account,
            settings.login_attempts_per_address,
            settings.redis_url,
            namespace,
        )

    def client(self, address: str | None) -> Attempts:
        """The attempts of the client at `address`."""
        return Attempts(self, address or NO_ADDRESS)

    async def close(self) -> None:
        await self.per_account.close()
        await self.per_address.close()


@dataclass(frozen=True)
class Attempts:
    """One client's sign-in attempts. An account is any text naming it (a login name, an email,
    an id), compared without case or surrounding spaces."""

    throttle: LoginThrottle
    address: str

    async def admit(self, account: str) -> int | None:
        """Count an attempt at `account`: None when admitted, else the seconds until one would
        be. The address is counted first, so one over its limit spends nothing of the
        account's."""
        throttle = self.throttle
        wait = await throttle.per_address.hit(throttle.namespace, "address", self.address)
        if wait is None:
            wait = await throttle.per_account.hit(throttle.namespace, "account", _key(account))
        return wait

    async def succeeded(self, account: str) -> None:
        """The account's secret was right: its earlier attempts stop counting. The address's
        still count, or a guesser could start again by signing in to an account of its own."""
        await self.throttle.per_account.clear(self.throttle.namespace, "account", _key(account))


def _key(account: str) -> str:
    # Hashed: the store holds no login names or addresses, and keys stay short.
    return hashlib.sha256(account.strip().casefold().encode()).hexdigest()
