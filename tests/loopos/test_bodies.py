"""LoopOS AI reads a REST body as JSON, as its FastAPI models do: a list field given a single
value is 422 `type_error.list` at the field, unknown keys are ignored in list items as elsewhere,
and GraphQL coerces a single value into a one-item list, as the GraphQL specification has it; JSON
nested past `FACET_MAX_JSON_DEPTH` is 422 at its field, and a lone surrogate is malformed JSON."""

from __future__ import annotations

import httpx
import pytest

from ..nesting import nested
from .api import GraphQL

CHAT = {
    "messages": [{"role": "user", "text": "hi"}],
    "loopos_core_base_url": "http://core",
    "loopos_submission_base_url": "http://submission",
}
PROTOCOL = {"node_type": "product", "node_context": {"name": "iPhone 12"}, "language": "pt"}


def not_a_list(*loc: str) -> dict[str, object]:
    item = {"loc": ["body", *loc], "msg": "value is not a valid list", "type": "type_error.list"}
    return {"detail": [item]}


@pytest.mark.parametrize(
    ("path", "body", "loc"),
    [
        ("/chat", {**CHAT, "images": "AAA"}, ("images",)),
        ("/chat", {**CHAT, "messages": CHAT["messages"][0]}, ("messages",)),
        ("/loopos_ai_c2c_validation", {"images": "AAA", "agent_specific": {}}, ("images",)),
        (
            "/loopos_ai_translator",
            {"source_locale": "en", "target_locales": "es", "context": "ui", "texts": {}},
            ("target_locales",),
        ),
        (
            "/loopos_ai_protocol_generator",
            {**PROTOCOL, "node_context": {"name": "iPhone 12", "parent_categories": "Phones"}},
            ("node_context", "parent_categories"),
        ),
    ],
)
async def test_a_single_value_is_not_a_list(
    loopos: httpx.AsyncClient, path: str, body: dict[str, object], loc: tuple[str, ...]
) -> None:
    response = await loopos.post(path, json=body)
    assert (response.status_code, response.json()) == (422, not_a_list(*loc))


async def test_unknown_keys_in_list_items_are_ignored(loopos: httpx.AsyncClient) -> None:
    body = {**CHAT, "messages": [{"role": "user", "text": "hi", "mood": "curious"}]}
    response = await loopos.post("/chat", json=body)
    assert response.status_code == 501 and "text generation" in response.json()["error"]


async def test_graphql_keeps_its_list_coercion(loopos: httpx.AsyncClient) -> None:
    outcome = await GraphQL(loopos).call("chat", {**CHAT, "images": "AAA"})
    assert outcome.status == 501 and "reading images" in str(outcome.value)


async def test_json_nested_past_the_limit_is_422_at_the_field(loopos: httpx.AsyncClient) -> None:
    body = {"prompt": "p", "options": ["a", "b"], "item_context": "c"}
    deep = await loopos.post("/loopos_ai_decision", json={**body, "session_extra_data": nested(65)})
    item = {"loc": ["body", "session_extra_data"], "msg": "JSONObject nests deeper than 64 levels"}
    assert (deep.status_code, deep.json()) == (422, {"detail": [{**item, "type": "value_error"}]})
    limit = await loopos.post(
        "/loopos_ai_decision", json={**body, "session_extra_data": nested(64)}
    )
    assert (limit.status_code, limit.json()["decision"]) == (200, "a")


async def test_a_lone_surrogate_is_malformed_json(loopos: httpx.AsyncClient) -> None:
    raw = b'{"source_locale": "\\ud800", "context": "ui", "data": {}}'
    headers = {"Content-Type": "application/json"}
    response = await loopos.post("/loopos_ai_translator", content=raw, headers=headers)
    assert (response.status_code, response.json()["detail"][0]["type"]) == (
        422,
        "value_error.jsondecode",
    )
