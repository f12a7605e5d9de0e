"""With every domain mounted, a path under a domain's prefix that matches none of its routes
answers in that domain's 404 shape, even when it holds a decoded newline (`%0A`)."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI
from starlette.routing import Match, Mount

UNMATCHED = [
    ("/loop/api/x%0Ay", "/loop/api/xy"),
    ("/arkloop/v1/nope%0A", "/arkloop/v1/nope"),
    ("/arkloop/v1/a%0Ab", "/arkloop/v1/ab"),
    ("/loopos/x%0Ay", "/loopos/xy"),
]


def _shape(body: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in body.items() if key != "trace_id"}


@pytest.mark.parametrize(("path", "plain"), UNMATCHED)
async def test_a_path_holding_a_newline_answers_the_domains_own_404(
    app: FastAPI, path: str, plain: str
) -> None:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        odd, usual = await client.get(path), await client.get(plain)
    assert odd.status_code == usual.status_code == 404
    assert _shape(odd.json()) == _shape(usual.json())


@pytest.mark.parametrize("slug", ["loop", "arkloop", "loopos"])
def test_each_domains_mount_takes_a_path_holding_a_newline(app: FastAPI, slug: str) -> None:
    # LoopOS answers unknown paths as FastAPI does, so only the routing shows who answered.
    (mount,) = [r for r in app.routes if isinstance(r, Mount) and r.path == f"/{slug}"]
    match, child = mount.matches({"type": "http", "path": f"/{slug}/a\nb", "root_path": ""})
    assert match is Match.FULL
    assert child["root_path"] == f"/{slug}"
