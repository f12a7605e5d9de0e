"""Requests the server sends to URLs its callers give (callbacks, webhooks, images to fetch):
where they may go, and one POST whose answer says whether another attempt is worth it.

A target is a URL of an allowed scheme with a valid host, no user information, no control
characters or whitespace, whose host exists and resolves only to public addresses unless the
caller allows internal ones, so a request cannot make the server reach into its own network.
Check a URL when it is given and again before each use, since DNS answers change in between.
Messages name the field the URL came in (`callback_url`, `url`, `source_url`)."""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import re
import socket
import ssl
from collections.abc import Collection, Mapping
from urllib.parse import urlsplit

import httpx

from .errors import Problem, ValidationFailed
from .jobs import GiveUp

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
WEB = ("http", "https")
_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
# The resolver's answers that a name has no address: the host is gone, not the resolver.
_NO_SUCH_HOST = {socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)}
# Answers worth another attempt besides 5xx: timeout, too early, too many requests.
RETRIED_STATUSES = frozenset({408, 425, 429})


class RefusedTarget(Exception):
    """A URL the server will not send to; the message says why."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def as_validation(self, *location: str) -> ValidationFailed:
        """The refusal as a request error on the field (under `location`, default the body)."""
        problem = Problem((*(location or ("body",)), self.field), "value", self.message)
        return ValidationFailed(field_errors={self.field: [self.message]}, problems=[problem])


class Unresolved(RefusedTarget):
    """The host's lookup failed for a moment (not an answer that it does not exist), so a
    later attempt may succeed."""


class Undelivered(Exception):
    """The receiver did not accept the request this time; another attempt may succeed.
    `status` is what it answered, None when it did not answer."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class Rejected(GiveUp):
    """The receiver answered what another attempt would not change (a redirect, a 4xx)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


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


def _host_and_port(url: str, field: str, schemes: Collection[str]) -> tuple[str, int]:
    if any(char.isspace() or not char.isprintable() for char in url):
        raise RefusedTarget(f"{field} must not contain control characters or whitespace", field)
    parts = urlsplit(url)
    if parts.scheme not in schemes:
        wanted = " or ".join(schemes)
        raise RefusedTarget(f"{field} must be an {wanted} URL", field)
    if "@" in parts.netloc:
        raise RefusedTarget(f"{field} must not contain user information", field)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise RefusedTarget(f"{field} has an invalid port", field) from None
    host = parts.hostname or ""
    if not _valid_host(host):
        raise RefusedTarget(f"{field} has an invalid host", field)
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


async def _addresses(host: str, port: int, field: str) -> set[IPAddress]:
    loop = asyncio.get_running_loop()
    try:
        found = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        if error.errno in _NO_SUCH_HOST:
            raise RefusedTarget(f"{field}'s host does not exist", field) from None
        raise Unresolved(f"{field}'s host could not be resolved", field) from None
    except OSError:
        raise Unresolved(f"{field}'s host could not be resolved", field) from None
    except UnicodeError:
        raise RefusedTarget(f"{field} has an invalid host", field) from None
    return {ipaddress.ip_address(str(sockaddr[0]).split("%")[0]) for *_, sockaddr in found}


def host_of(url: str, field: str = "url", schemes: Collection[str] = WEB) -> str:
    """The host a well-formed target URL names, in lowercase."""
    return _host_and_port(url, field, schemes)[0].lower()


def check_form(url: str, field: str, schemes: Collection[str] = WEB) -> None:
    """Raise `RefusedTarget` unless `url` is well formed (nothing is looked up)."""
    _host_and_port(url, field, schemes)


async def check(url: str, allow_internal: bool, field: str, schemes: Collection[str] = WEB) -> None:
    """Raise `RefusedTarget` unless `url` is a target the server may send to."""
    host, port = _host_and_port(url, field, schemes)
    addresses = await _addresses(host, port, field)
    if not allow_internal and any(internal(address) for address in addresses):
        raise RefusedTarget(f"{field} must not point to an internal address", field)


async def check_before_use(
    url: str, allow_internal: bool, field: str, seconds: float, schemes: Collection[str] = WEB
) -> None:
    """`check` within `seconds`, for a job: a lookup that fails for a moment is `Undelivered`
    (try again later), a refused target `GiveUp` (it will stay refused)."""
    try:
        async with asyncio.timeout(seconds):
            await check(url, allow_internal, field, schemes)
    except TimeoutError:
        raise Undelivered(f"{field}'s host was not resolved within {seconds:g} s") from None
    except Unresolved as unresolved:
        raise Undelivered(unresolved.message) from None
    except RefusedTarget as refused:
        raise GiveUp(refused.message) from None


async def post(
    url: str, content: bytes, headers: Mapping[str, str], seconds: float, field: str
) -> int:
    """POST once, within `seconds` in all (httpx bounds each connect, write and read, the
    deadline their sum: a receiver answering a byte at a time); the 2xx status it answered.
    No answer or one worth retrying (5xx, 408, 425, 429) is `Undelivered`, any other
    `Rejected`."""
    try:
        client = httpx.AsyncClient(timeout=seconds, verify=_tls())
        async with asyncio.timeout(seconds), client:
            response = await client.post(url, content=content, headers=dict(headers))
    except (TimeoutError, httpx.TimeoutException):
        raise Undelivered(f"{field} did not answer within {seconds:g} s") from None
    except httpx.TransportError as error:
        raise Undelivered(f"{field} could not be reached ({type(error).__name__})") from None
    status = response.status_code
    if response.is_success:
        return status
    if status >= 500 or status in RETRIED_STATUSES:
        raise Undelivered(f"{field} answered {status}", status)
    raise Rejected(f"{field} answered {status}, which another attempt would not change", status)


class Unfetched(Exception):
    """A URL that did not answer with the content asked for; the message says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


async def fetch(
    url: str, seconds: float, most_bytes: int, field: str, ca_file: str | None = None
) -> bytes:
    """GET `url` once, within `seconds` in all, and its body if it answered 200 directly (a
    redirect is not followed: it could lead anywhere the check did not see) with at most
    `most_bytes`. `ca_file` is trusted besides the usual roots. Check the URL first."""
    try:
        client = httpx.AsyncClient(timeout=seconds, verify=_tls_with(ca_file))
        async with asyncio.timeout(seconds), client, client.stream("GET", url) as response:
            if response.status_code != 200:
                raise Unfetched(f"{field} answered {response.status_code}, not 200")
            return await _body(response, most_bytes, field)
    except (TimeoutError, httpx.TimeoutException):
        raise Unfetched(f"{field} did not answer within {seconds:g} s") from None
    except httpx.HTTPError as error:
        raise Unfetched(f"{field} could not be fetched ({type(error).__name__})") from None


async def _body(response: httpx.Response, most_bytes: int, field: str) -> bytes:
    chunks, size = [], 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > most_bytes:
            raise Unfetched(f"{field} answered more than {most_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _tls_with(ca_file: str | None) -> ssl.SSLContext:
    if ca_file is None:
        return _tls()
    context = httpx.create_ssl_context()
    context.load_verify_locations(cafile=ca_file)
    return context


@functools.cache
def _tls() -> ssl.SSLContext:
    """httpx's default TLS context, made once: making one reads the whole CA bundle (about 80 ms
    of CPU on the event loop on a busy machine), and every POST made its own."""
    return httpx.create_ssl_context()
