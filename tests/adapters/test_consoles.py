"""The browser consoles as a person uses them: `facet serve` in a process of its own on a fresh
SQLite database with the demo data, and Debian's chromium (driven by Playwright, never a
browser of its own) opening each domain's GraphiQL and Swagger UI. Every request the pages make
stays on loopback; any other is refused and reported."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route, expect, sync_playwright

from schema.arkloop import seed as arkloop_seed
from schema.loop.settings import DEV_API_KEY

from ..live import facet_serve

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
LOOPBACK = {"127.0.0.1", "localhost", "[::1]"}
WAIT_MS = 60_000


@dataclass(frozen=True)
class Console:
    query: str  # run in GraphiQL with the headers it starts with
    shows: str  # in its result
    path: str  # a GET route called with Swagger UI's "Try it out"
    api_key: str | None = None  # typed into Swagger UI's Authorize dialog


CONSOLES = {
    "loop": Console(
        "{ issues(limit: 5) { total items { title } } }",
        "Login failures spiked",
        "/api/issues",
        DEV_API_KEY,
    ),
    "arkloop": Console(
        "{ me { username email } }", '"username": "demo"', "/v1/me", arkloop_seed.API_KEY
    ),
    "loopos": Console("{ health { status } }", '"status": "ok"', "/health"),
}


@pytest.fixture(scope="module")
def chromium() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    reason = f"{CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`facet serve` as `make run` starts it, on a database it migrates and seeds itself."""
    url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('consoles') / 'facet.db'}"
    with facet_serve("--seed", database_url=url, FACET_ENVIRONMENT="development") as base:
        yield base


@pytest.fixture(scope="module")
def browser(chromium: Path) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page whose requests may reach loopback only: any other is refused, and fails
    the test."""
    context = browser.new_context()
    outside: list[str] = []

    def guard(route: Route) -> None:
        if urlsplit(route.request.url).hostname in LOOPBACK:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    opened = context.new_page()
    opened.set_default_timeout(WAIT_MS)
    yield opened
    context.close()
    assert outside == [], f"requests left loopback: {outside}"


@pytest.mark.parametrize("slug", list(CONSOLES))
def test_graphiql_runs_a_query_with_the_demo_headers(served: str, page: Page, slug: str) -> None:
    console = CONSOLES[slug]
    page.goto(f"{served}/{slug}/graphql")
    editor = page.locator(".graphiql-query-editor .CodeMirror")
    expect(editor).to_be_visible()
    editor.evaluate("(node, query) => node.CodeMirror.setValue(query)", console.query)
    page.locator(".graphiql-execute-button").click()
    expect(page.locator(".result-window")).to_contain_text(console.shows, timeout=WAIT_MS)


@pytest.mark.parametrize("slug", list(CONSOLES))
def test_swagger_ui_tries_a_route_out_under_the_domains_mount(
    served: str, page: Page, slug: str
) -> None:
    console = CONSOLES[slug]
    page.goto(f"{served}/{slug}/docs")
    if console.api_key is not None:
        page.locator(".auth-wrapper button.authorize").click()
        dialog = page.locator(".modal-ux")
        dialog.locator("input").fill(console.api_key)
        dialog.locator("button.authorize").click()
        dialog.locator("button.btn-done").click()
    route = page.locator(
        f'.opblock-get:has(.opblock-summary-path[data-path="{console.path}"])'
    ).first
    route.locator(".opblock-summary").click()
    route.locator(".try-out__btn").click()
    with page.expect_response(lambda r: urlsplit(r.url).path == f"/{slug}{console.path}") as sent:
        route.locator(".execute").click()
    assert sent.value.status == 200, sent.value.text()
    expect(route.locator(".live-responses-table tr.response .response-col_status")).to_have_text(
        "200"
    )
