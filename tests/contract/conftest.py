"""The app under contract test. Schemathesis drives ASGI apps itself: one event loop in a
background portal for every call, with the app's lifespan started once."""

from __future__ import annotations

import pytest
from fastapi import FastAPI

from app.domain import DomainSettings
from app.main import create_app
from app.settings import Settings

from ..conftest import AUTH

__all__ = ["AUTH", "loop_app"]


@pytest.fixture(scope="module")
def loop_app(settings: Settings, domain_settings: dict[str, DomainSettings]) -> FastAPI:
    return create_app("loop", settings, domain_settings)
