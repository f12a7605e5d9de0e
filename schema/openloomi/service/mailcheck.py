"""App-password checks: a login to the mail provider's IMAP server (`imaps://host:port`, or
`imap://` without TLS), made in a worker thread and logged out at once. Nothing is kept."""

from __future__ import annotations

import asyncio
import contextlib
import enum
import imaplib
import ssl
from urllib.parse import urlsplit


class Verdict(enum.Enum):
    ACCEPTED = "accepted"
    REFUSED = "refused"
    UNREACHABLE = "unreachable"


async def check(url: str, seconds: float, email: str, password: str) -> Verdict:
    """Each network step waits at most `seconds`."""
    return await asyncio.to_thread(_check, url, seconds, email, password)


def _check(url: str, timeout: float, email: str, password: str) -> Verdict:
    parts = urlsplit(url)
    secure = parts.scheme == "imaps"
    host, port = parts.hostname or "", parts.port or (993 if secure else 143)
    try:
        client = (
            imaplib.IMAP4_SSL(host, port, ssl_context=ssl.create_default_context(), timeout=timeout)
            if secure
            else imaplib.IMAP4(host, port, timeout=timeout)
        )
    except (OSError, imaplib.IMAP4.error):
        return Verdict.UNREACHABLE
    try:
        client.login(email, password)
    except (imaplib.IMAP4.error, UnicodeError, ValueError):
        # IMAP's LOGIN carries ASCII only: other credentials cannot be right.
        return Verdict.REFUSED
    except OSError:
        return Verdict.UNREACHABLE
    finally:
        with contextlib.suppress(OSError, imaplib.IMAP4.error):
            client.logout()
    return Verdict.ACCEPTED
