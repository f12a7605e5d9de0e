"""Which URLs the server will send to: well-formed http(s) URLs only, of hosts that exist, and by
default only hosts that resolve to public addresses (literal addresses and `localhost` resolve
without a network); messages name the field the URL came in."""

from __future__ import annotations

import ipaddress

import pytest

from app.outbound import RefusedTarget, check, internal

MALFORMED = [
    ("nope", "http or https"),
    ("ftp://example.com/x", "http or https"),
    ("http://", "invalid host"),
    ("http://exa mple.com/", "whitespace"),
    ("http://example.com/\nX-Injected: 1", "control characters"),
    ("http://example.com\x00.evil/", "control characters"),
    ("http://user:pw@example.com/", "user information"),
    ("http://example.com@10.0.0.1/", "user information"),
    ("http://-bad-.example/", "invalid host"),
    ("http://exa_mple.com/", "invalid host"),
    ("http://example.com:99999/", "invalid port"),
]

INTERNAL = [
    "http://127.0.0.1:8000/hook",
    "http://localhost/hook",
    "http://10.1.2.3/",
    "http://192.168.0.1/",
    "http://172.16.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/",
    "http://[fe80::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://224.0.0.1/",
    "http://240.0.0.1/",
    "http://0.0.0.0/",
]


@pytest.mark.parametrize(("url", "reason"), MALFORMED)
async def test_malformed_urls_are_refused_even_when_internal_targets_are_allowed(
    url: str, reason: str
) -> None:
    with pytest.raises(RefusedTarget, match=reason):
        await check(url, allow_internal=True, field="callback_url")


@pytest.mark.parametrize("url", INTERNAL)
async def test_internal_targets_are_refused_unless_allowed(url: str) -> None:
    with pytest.raises(RefusedTarget, match=r"^url must not point to an internal address$"):
        await check(url, allow_internal=False, field="url")
    await check(url, allow_internal=True, field="url")


async def test_public_addresses_and_unresolvable_hosts() -> None:
    await check("https://93.184.216.34:8443/hook?x=1", allow_internal=False, field="url")
    await check("http://[2606:4700::1111]/", allow_internal=False, field="url")
    for allow_internal in (False, True):
        with pytest.raises(RefusedTarget, match=r"^url's host does not exist$"):
            await check("http://no-such-host.invalid/", allow_internal, field="url")


def test_ipv4_inside_ipv6_is_judged_as_ipv4() -> None:
    assert internal(ipaddress.ip_address("::ffff:10.0.0.1"))
    assert not internal(ipaddress.ip_address("::ffff:93.184.216.34"))
