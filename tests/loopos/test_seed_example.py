"""The seed's own Python example, run as written against a live server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests

from app.domain import DomainSettings
from app.main import create_app
from app.settings import Settings

from ..live import serving


@pytest.fixture(scope="module")
def base_url(settings: Settings, domain_settings: dict[str, DomainSettings]) -> Iterator[str]:
    with serving(create_app(settings=settings, domain_settings=domain_settings)) as url:
        yield f"{url}/loopos"


def test_seed_example(base_url: str) -> None:
    BASE_URL = base_url
    response = requests.post(
        f"{BASE_URL}/loopos_ai_decision",
        json={
            "language": "PT-PT",
            "prompt": "What condition?",
            "options": ["Excellent", "Good", "Fair", "Poor"],
            "item_context": "iPhone 12 with scratches",
        },
        timeout=120,
    )
    result = response.json()
    assert response.status_code == 200
    assert result["decision"] in ["Excellent", "Good", "Fair", "Poor"] and result["reasoning"]
