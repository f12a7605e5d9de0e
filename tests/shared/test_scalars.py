"""DateTime output: JavaScript's `toISOString` (UTC, milliseconds truncated, a `Z`), whatever
the value's zone and precision."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from schema._shared.scalars import format_datetime, parse_datetime

INDIA = timezone(timedelta(hours=5, minutes=30))


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (datetime(2026, 11, 24, 0, 24, 30, 729_999), "2026-11-24T00:24:30.729Z"),
        (datetime(2026, 11, 24, 0, 24, 30, tzinfo=UTC), "2026-11-24T00:24:30.000Z"),
        (datetime(2026, 11, 24, 0, 24, 30, 999, tzinfo=UTC), "2026-11-24T00:24:30.000Z"),
        (datetime(2026, 1, 1, 3, 0, 0, 1000, tzinfo=INDIA), "2025-12-31T21:30:00.001Z"),
        (datetime(999, 1, 2, 3, 4, 5, 6000, tzinfo=UTC), "999-01-02T03:04:05.006Z"),
        (datetime(9999, 12, 31, 23, 59, 59, 999_999), "9999-12-31T23:59:59.999Z"),
    ],
)
def test_written_as_javascript_does(value: datetime, written: str) -> None:
    assert format_datetime(value) == written


def test_read_back() -> None:
    moment = datetime(2026, 11, 24, 0, 24, 30, 729_000, tzinfo=UTC)
    assert parse_datetime(format_datetime(moment)) == moment
