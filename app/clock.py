"""The platform's clock."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Now, at millisecond precision: the precision of every JSON timestamp the domains answer,
    so a timestamp read back from a response (e.g. a list cursor) matches the stored one."""
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)
