"""Signed access tokens (JWT, HS256, via joserfc) and opaque secrets stored only as hashes
(refresh tokens, API keys, one-time codes)."""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from typing import Any

from joserfc import jwt
from joserfc.errors import ExpiredTokenError, JoseError
from joserfc.jwk import OctKey

ALGORITHM = "HS256"


class TokenExpired(Exception):
    pass


class TokenInvalid(Exception):
    pass


@dataclass(frozen=True)
class Signer:
    """Issues and verifies short-lived JWTs with one shared secret."""

    secret: str
    issuer: str

    @property
    def _key(self) -> OctKey:
        return OctKey.import_key(self.secret.encode())

    def issue(self, subject: str, ttl_seconds: int, **claims: Any) -> str:
        now = int(time.time())
        payload = {"iss": self.issuer, "sub": subject, "iat": now, "exp": now + ttl_seconds}
        return jwt.encode({"alg": ALGORITHM}, {**claims, **payload}, self._key)

    def verify(self, token: str, leeway_seconds: int = 0) -> dict[str, Any]:
        """The token's claims; raises `TokenExpired` (past its expiry by more than the leeway)
        or `TokenInvalid`."""
        try:
            decoded = jwt.decode(token, self._key, algorithms=[ALGORITHM])
            registry = jwt.JWTClaimsRegistry(
                leeway=leeway_seconds,
                iss={"essential": True, "value": self.issuer},
                sub={"essential": True},
                exp={"essential": True},
            )
            registry.validate(decoded.claims)
        except ExpiredTokenError:
            raise TokenExpired from None
        except (JoseError, ValueError):
            raise TokenInvalid from None
        return dict(decoded.claims)


def digest(secret: str) -> str:
    """How opaque secrets are stored: SHA-256 hex (they are random, so no salt is needed)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def opaque(prefix: str = "", nbytes: int = 32) -> str:
    return prefix + secrets.token_urlsafe(nbytes)


def numeric_code(digits: int = 6) -> str:
    return f"{secrets.randbelow(10**digits):0{digits}d}"
