"""What only LoopOS AI's REST surface has: FastAPI's legacy 422 shapes, 413 before the body is
read whole, 429 with Retry-After, 500 without internals, and the utility routes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest

from app.domain import DomainSettings
from app.main import create_app
from app.settings import Settings

DECISION = {"prompt": "p", "options": ["a", "b"], "item_context": "c"}


@asynccontextmanager
async def client_for(
    settings: Settings, domain_settings: dict[str, DomainSettings], **changes: object
) -> AsyncIterator[httpx.AsyncClient]:
    loopos = domain_settings["loopos"].model_copy(update=changes)
    app = create_app(settings=settings, domain_settings={**domain_settings, "loopos": loopos})
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test/loopos") as client:
        yield client
    await app.state.database.dispose()


async def test_missing_fields_in_the_legacy_shape(loopos: httpx.AsyncClient) -> None:
    response = await loopos.post(
        "/loopos_ai_decision", json={"options": ["a"], "item_context": "c"}
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {"loc": ["body", "prompt"], "msg": "field required", "type": "value_error.missing"}
        ]
    }
    nested = await loopos.post(
        "/loopos_ai_c2c_descriptor", json={"images": [], "agent_specific": {}}
    )
    locs = [item["loc"] for item in nested.json()["detail"]]
    assert ["body", "agent_specific", "category_name"] in locs


@pytest.mark.parametrize(
    ("field", "value", "msg", "kind"),
    [
        ("prompt", 5, "str type expected", "type_error.str"),
        ("prompt", None, "none is not an allowed value", "type_error.none.not_allowed"),
        ("options", 7, "value is not a valid list", "type_error.list"),
        ("session_extra_data", [1], "value is not a valid dict", "type_error.dict"),
    ],
)
async def test_wrong_types_in_the_legacy_shape(
    loopos: httpx.AsyncClient, field: str, value: object, msg: str, kind: str
) -> None:
    response = await loopos.post("/loopos_ai_decision", json={**DECISION, field: value})
    assert response.status_code == 422
    assert response.json() == {"detail": [{"loc": ["body", field], "msg": msg, "type": kind}]}


async def test_bodies_that_are_not_objects(loopos: httpx.AsyncClient) -> None:
    malformed = await loopos.post("/loopos_ai_decision", content=b"{nope")
    assert malformed.status_code == 422
    assert malformed.json()["detail"][0]["type"] == "value_error.jsondecode"
    listed = await loopos.post("/loopos_ai_decision", json=[1])
    assert listed.json()["detail"] == [
        {"loc": ["body"], "msg": "value is not a valid dict", "type": "type_error.dict"}
    ]


async def test_oversize_bodies_are_refused(
    settings: Settings, domain_settings: dict[str, DomainSettings]
) -> None:
    async with client_for(settings, domain_settings, max_body_bytes=200) as client:
        big = {**DECISION, "context": "x" * 500}
        response = await client.post("/loopos_ai_decision", json=big)
        assert response.status_code == 413 and response.json() == {
            "error": "Request body too large"
        }

        async def chunks() -> AsyncIterator[bytes]:
            for _ in range(10):
                yield b" " * 50

        streamed = await client.post("/loopos_ai_decision", content=chunks())
        assert streamed.status_code == 413
        assert (await client.post("/loopos_ai_decision", json=DECISION)).status_code == 200


async def test_rate_limit_per_client_and_endpoint(
    settings: Settings, domain_settings: dict[str, DomainSettings]
) -> None:
    async with client_for(settings, domain_settings, rate_limit="2/minute") as client:
        statuses = [
            (await client.post("/loopos_ai_decision", json=DECISION)).status_code for _ in range(3)
        ]
        assert statuses == [200, 200, 429]
        limited = await client.post("/loopos_ai_decision", json=DECISION)
        assert limited.json() == {"error": "Rate limit exceeded: 2 per 1 minute"}
        assert 0 < int(limited.headers["Retry-After"]) <= 60
        assert (await client.get("/health")).status_code == 200


async def test_server_errors_leak_nothing(loopos: httpx.AsyncClient, monkeypatch) -> None:
    from schema.loopos import service

    async def broken(*args: object) -> None:
        raise RuntimeError("database password is hunter2")

    monkeypatch.setattr(service, "run", broken)
    response = await loopos.post("/loopos_ai_decision", json=DECISION)
    assert (response.status_code, response.json()) == (500, {"error": "Internal Server Error"})


async def test_utility_routes(loopos: httpx.AsyncClient) -> None:
    assert (await loopos.get("/health")).json() == {"status": "ok"}
    index = await loopos.get("/")
    assert index.headers["content-type"].startswith("text/html")
    assert "/loopos_ai_decision" in index.text and "/loopos_ai_brands" in index.text
    document = (await loopos.get("/openapi.json")).json()
    assert "/loopos_ai_brands" in document["paths"]
    assert (await loopos.get("/nope")).json() == {"detail": "Not Found"}
    # As FastAPI does, a trailing slash redirects to the route without it.
    redirected = await loopos.get("/health/")
    assert (redirected.status_code, redirected.headers["location"]) == (
        307,
        "http://test/loopos/health",
    )


async def test_served_alone_at_the_root(
    settings: Settings, domain_settings: dict[str, DomainSettings]
) -> None:
    app = create_app("loopos", settings, domain_settings)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        assert (await client.post("/loopos_ai_decision", json=DECISION)).status_code == 200
    await app.state.database.dispose()
