"""LoopOS AI with FACET_AI_PROVIDER=openai, against a local OpenAI-compatible server: the
model's answer is mapped to the product's body, and the check-digit guard overrules it."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from app.domain import DomainSettings
from app.main import create_app
from app.settings import Settings

from ..live import Recorder, completion, serving


@pytest.fixture(scope="module")
def model() -> Iterator[tuple[Recorder, str]]:
    recorder = Recorder()
    with serving(recorder.app) as url:
        yield recorder, url


@pytest.fixture
async def client(
    settings: Settings, domain_settings: dict[str, DomainSettings], model
) -> AsyncIterator[httpx.AsyncClient]:
    recorder, url = model
    recorder.requests.clear()
    changes = {"ai_provider": "openai", "ai_base_url": f"{url}/v1", "ai_model": "m"}
    app = create_app("loopos", settings.model_copy(update=changes), domain_settings)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        yield c
    await app.state.database.dispose()


async def test_decision_from_the_model(client: httpx.AsyncClient, model) -> None:
    recorder, _ = model
    recorder.reply(completion(json.dumps({"decision": "Good", "reasoning": "light wear"})))
    body = {"prompt": "Condition?", "options": "Good,Poor", "item_context": "phone"}
    response = await client.post("/loopos_ai_decision", json=body)
    assert response.json() == {"decision": "Good", "reasoning": "light wear"}
    sent = recorder.requests[0]["json"]
    schema = sent["response_format"]["json_schema"]["schema"]
    assert schema["properties"]["decision"]["enum"] == ["Good", "Poor"]
    assert "PT-PT" in sent["messages"][0]["content"]


async def test_a_misread_number_fails_the_check_digit(client: httpx.AsyncClient, model) -> None:
    recorder, _ = model
    read = {
        "status": "OK", "message": "ok", "doc_type": "dni-es", "number": "12345678A",
        "name": "Ana Silva", "expiry": "2030-01-01", "item_id": "dni_es_12345678A",
        "ocr_confidence": 0.9, "reasoning": "clear photo",
    }  # fmt: skip
    recorder.reply(completion(json.dumps(read)))
    body = {"images": ["https://x/front.jpg"], "agent_specific": {"doc_type": "id-card"}}
    result = (await client.post("/loopos_ai_id_validator", json=body)).json()
    assert result["status"] == "ERROR_VALIDATION" and result["name"] == "ANA SILVA"
    user = recorder.requests[0]["json"]["messages"][1]["content"]
    assert {"type": "image_url", "image_url": {"url": "https://x/front.jpg"}} in user
