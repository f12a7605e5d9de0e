"""Where a callback may be delivered: an http(s) URL with a valid host, no userinfo, no control
characters or whitespace, whose host resolves only to public addresses unless the settings allow
internal targets, so a request cannot make the server POST into its own network. Checked when
the request arrives and again at delivery, since DNS answers change in between."""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from urllib.parse import urlsplit

from app.errors import Problem, ValidationFailed

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")


class RefusedTarget(Exception):
    """A callback URL the server will not POST to; the message says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def as_validation(self) -> ValidationFailed:
        problem = Problem(("body", "callback_url"), "value", self.message)
        return ValidationFailed(field_errors={"callback_url": [self.message]}, problems=[problem])


class Unresolved(RefusedTarget):
    """The host did not resolve: perhaps for a moment, so a delivery tries again later."""


def _host_and_port(url: str) -> tuple[str, int]:
    if any(char.isspace() or not char.isprintable() for char in url):
        raise RefusedTarget("callback_url must not contain control characters or whitespace")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise RefusedTarget("callback_url must be an http or https URL")
    if "@" in parts.netloc:
        raise RefusedTarget("callback_url must not contain user information")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise RefusedTarget("callback_url has an invalid port") from None
    host = parts.hostname or ""
    if not _valid_host(host):
        raise RefusedTarget("callback_url has an invalid host")
    return host, port


def _valid_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = ascii_host.removesuffix(".").split(".")
    return len(ascii_host) <= 253 and all(_LABEL.fullmatch(label) for label in labels)


def internal(address: IPAddress) -> bool:
    """Loopback, private, link-local, multicast, reserved or unspecified (IPv4 seen through
    IPv6 judged as the IPv4 address it carries)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


async def _addresses(host: str, port: int) -> set[IPAddress]:
    loop = asyncio.get_running_loop()
    try:
        found = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise Unresolved("callback_url's host does not resolve") from None
    return {ipaddress.ip_address(str(sockaddr[0]).split("%")[0]) for *_, sockaddr in found}


async def check(url: str, allow_internal: bool) -> None:
    """Raise `RefusedTarget` unless `url` is a deliverable callback target."""
    host, port = _host_and_port(url)
    if allow_internal:
        return
    if any(internal(address) for address in await _addresses(host, port)):
        raise RefusedTarget("callback_url must not point to an internal address")
