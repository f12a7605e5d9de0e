"""The client's address, and which peers may forward another one (`FACET_TRUSTED_PROXIES`)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from app.clients import client_address, forwarded_header_options
from app.settings import Settings


def test_no_proxy_is_trusted_by_default() -> None:
    settings = Settings()
    assert settings.trusted_proxies == ()
    # uvicorn reads no forwarded header at all (its own default trusts 127.0.0.1).
    assert forwarded_header_options(settings) == {"proxy_headers": False, "forwarded_allow_ips": []}


def test_trusted_proxies_are_addresses_and_networks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACET_TRUSTED_PROXIES", " 10.0.0.5, 10.1.2.3/16,, ::1 ")
    settings = Settings()
    assert settings.trusted_proxies == ("10.0.0.5/32", "10.1.0.0/16", "::1/128")
    assert forwarded_header_options(settings) == {
        "proxy_headers": True,
        "forwarded_allow_ips": ["10.0.0.5/32", "10.1.0.0/16", "::1/128"],
    }


@pytest.mark.parametrize("entry", ["localhost", "10.0.0.300", "10.0.0.0/33", "*"])
def test_an_entry_that_is_no_address_is_refused(entry: str) -> None:
    with pytest.raises(ValidationError, match="does not appear to be an IPv4 or IPv6 network"):
        Settings(trusted_proxies=f"127.0.0.1,{entry}")


def test_the_client_is_the_peer_the_server_reports() -> None:
    assert client_address({"type": "http", "client": ("203.0.113.4", 5123)}) == "203.0.113.4"
    assert client_address({"type": "websocket", "client": None}) is None
