"""`facet serve` started as a user starts it, in a process of its own on loopback: it never
serves a database that lacks its tables."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from app.main import banner
from app.settings import Settings

from ..databases import backends, empty_postgres_database
from ..live import facet, facet_serve, free_port

DEMO_KEY = {"Authorization": "Bearer loop_dev_key"}


def test_the_embedded_database_is_migrated_when_serving_starts(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'never-migrated.db'}"
    with facet_serve(database_url=url) as base:
        issues = httpx.get(f"{base}/loop/api/issues", headers=DEMO_KEY)
        unknown_key = {"Authorization": "Bearer ak-unknown"}
        threads = httpx.get(f"{base}/arkloop/v1/threads", headers=unknown_key)
    assert issues.status_code == 200, issues.text
    assert issues.json() == {"data": [], "total": 0}
    # Arkloop looks the key up in its table: it is there, so the key is refused, not a 500.
    assert threads.status_code == 401, threads.text


def test_a_served_alone_domain_starts_on_a_migrated_embedded_database(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'never-migrated.db'}"
    with facet_serve("--domain", "loop", database_url=url) as base:
        issues = httpx.get(f"{base}/api/issues", headers=DEMO_KEY)
    assert issues.status_code == 200, issues.text


@pytest.mark.skipif("postgresql" not in backends(), reason="PostgreSQL is not reachable")
def test_a_server_database_never_migrated_is_refused_naming_the_command() -> None:
    port = free_port()
    with empty_postgres_database() as url:
        result = facet("serve", "--port", str(port), database_url=url)
    assert result.returncode == 1
    assert "is not migrated (at revision none" in result.stderr
    assert "run `facet migrate` first" in result.stderr
    assert "Uvicorn running" not in result.stdout + result.stderr


def test_the_banner_names_each_domains_urls_and_its_demo_credentials() -> None:
    lines = banner("http://127.0.0.1:8000", settings=Settings(environment="development"))
    text = "\n".join(lines)
    assert "  GraphQL  http://127.0.0.1:8000/loop/graphql" in lines
    assert "  docs     http://127.0.0.1:8000/arkloop/docs" in lines
    assert "Authorization: Bearer loop_dev_key" in text
    assert "API key ak-demo-" in text
    alone = banner("http://127.0.0.1:4242", "loop", Settings(environment="development"))
    assert alone[:3] == [
        "Loop API",
        "  REST     http://127.0.0.1:4242/",
        "  GraphQL  http://127.0.0.1:4242/graphql",
    ]


def test_the_banner_shows_no_credentials_in_production_nor_a_key_a_deployment_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    production = "\n".join(banner("http://h", settings=Settings(environment="production")))
    assert "demo" not in production and "Bearer" not in production
    monkeypatch.setenv("LOOP_API_KEY", "a-real-secret")
    developing = "\n".join(banner("http://h", "loop", Settings(environment="development")))
    assert "a-real-secret" not in developing and "demo" not in developing
