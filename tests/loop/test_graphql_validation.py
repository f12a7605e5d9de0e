"""Invalid documents are refused as bad input on every request, not only the first: validation
results are kept per query text."""

from __future__ import annotations

import httpx


async def test_invalid_documents_are_refused_every_time(http: httpx.AsyncClient) -> None:
    for _ in range(2):
        response = await http.post("/graphql", json={"query": "{ issues { nope } }"})
        (error,) = response.json()["errors"]
        assert "Cannot query field 'nope'" in error["message"]
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
    valid = await http.post("/graphql", json={"query": "{ issues { total } }"})
    assert valid.json() == {"data": {"issues": {"total": 0}}}
