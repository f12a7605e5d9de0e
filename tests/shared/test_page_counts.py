"""A list's `total` is counted without the list's order (PostgreSQL would sort every matching
row before counting them), and still counts what the list filters, on either backend."""

from __future__ import annotations

import httpx

from app.db import Database


async def listed(http: httpx.AsyncClient, database: Database, params: dict[str, str]) -> int:
    """The list's total, after checking each count statement it sent has no ORDER BY."""
    with database.count_statements() as sent:
        response = await http.get("/api/issues", params=params)
    assert response.status_code == 200, response.text
    counts = [sql for sql in sent if sql.lstrip().upper().startswith("SELECT COUNT(")]
    assert len(counts) == 1, sent
    assert "ORDER BY" not in counts[0].upper()
    return int(response.json()["total"])


async def test_issue_totals_count_the_filtered_rows_without_ordering(
    http: httpx.AsyncClient, database: Database
) -> None:
    for n in range(5):
        body = {"title": f"issue {n}", "type": "signal" if n < 2 else "task"}
        assert (await http.post("/api/issues", json=body)).status_code == 201

    assert await listed(http, database, {"limit": "2"}) == 5
    assert await listed(http, database, {"limit": "2", "offset": "4"}) == 5
    assert await listed(http, database, {"type": "signal"}) == 2
    assert await listed(http, database, {"type": "task", "limit": "1"}) == 3
