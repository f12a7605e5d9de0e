"""Who is asking: the one address everything keyed on a client reads (rate limits, login
throttling). It is the connection's peer, which the server replaces with the address a
trusted proxy forwarded, and only then: `facet serve` has uvicorn read `X-Forwarded-For` only
from the peers in `FACET_TRUSTED_PROXIES` (none by default). Nothing here reads forwarded
headers itself, so a client cannot choose its own address by sending one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .settings import Settings


def client_address(scope: Mapping[str, Any]) -> str | None:
    """The client's address for an ASGI `scope` (HTTP or WebSocket); None for a connection
    without one (a Unix socket)."""
    client = scope.get("client")
    return str(client[0]) if client else None


def forwarded_header_options(settings: Settings) -> dict[str, Any]:
    """uvicorn's options for forwarded headers: read from the trusted proxies alone (uvicorn
    otherwise trusts loopback, 127.0.0.1 and ::1, so any local client could name itself)."""
    proxies = list(settings.trusted_proxies)
    return {"proxy_headers": bool(proxies), "forwarded_allow_ips": proxies}
