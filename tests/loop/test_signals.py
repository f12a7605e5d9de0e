"""Signals and provider webhooks."""

from __future__ import annotations

import hashlib
import hmac
import json

import httpx
import pytest
from fastapi import FastAPI

from app.db import Database
from app.domain import DomainSettings
from app.main import create_app
from app.settings import Settings

from ..conftest import AUTH, http_client
from ..nesting import nested_text
from .api import GraphQL, Rest

Api = Rest | GraphQL
SECRET = "whsec-test"


async def test_signal_creates_its_triage_issue(api: Api) -> None:
    body = {
        "source": "posthog",
        "type": "error_rate",
        "severity": "critical",
        "payload": {"message": "Login failures spiked", "value": 0.22},
        "sourceId": "evt_1",
    }
    created = await api.call("ingestSignal", input=body)
    assert created.status == 201
    signal, issue = created.data["signal"], created.data["issue"]
    assert issue["title"] == "[posthog] error_rate: Login failures spiked"
    assert (issue["type"], issue["status"], issue["priority"]) == ("signal", "triage", 1)
    assert signal["issueId"] == issue["id"] and signal["sourceId"] == "evt_1"
    assert issue["signalSource"] == "posthog" and issue["signalPayload"]["value"] == 0.22


@pytest.mark.parametrize(
    ("severity", "payload", "priority", "summary"),
    [("high", {"title": "T"}, 2, "T"), ("medium", {}, 3, "crash"), ("low", {}, 4, "crash")],
)
async def test_priority_and_title_follow_the_product(
    api: Api, severity: str, payload: dict, priority: int, summary: str
) -> None:
    body = {"source": "s", "type": "crash", "severity": severity, "payload": payload}
    issue = (await api.call("ingestSignal", input=body)).data["issue"]
    assert issue["priority"] == priority and issue["title"] == f"[s] crash: {summary}"


async def test_bad_signal_writes_nothing(api: Api) -> None:
    bad = {"source": "s", "type": "t", "severity": "apocalyptic", "payload": {}}
    assert (await api.call("ingestSignal", input=bad)).status == 422
    missing = {"source": "s", "type": "t", "severity": "low"}
    assert (await api.call("ingestSignal", input=missing)).status == 422
    unknown = {"source": "s", "type": "t", "severity": "low", "payload": {}, "projectId": "x"}
    assert (await api.call("ingestSignal", input=unknown)).status == 422
    assert (await api.call("listIssues")).data["total"] == 0


@pytest.fixture
async def hooks(
    settings: Settings, domain_settings: dict[str, DomainSettings], database: Database
) -> httpx.AsyncClient:
    loop = domain_settings["loop"].model_copy(
        update={
            "github_webhook_secret": SECRET,
            "sentry_client_secret": SECRET,
            "posthog_webhook_secret": SECRET,
        }
    )
    app: FastAPI = create_app(settings=settings, domain_settings={**domain_settings, "loop": loop})
    async with http_client(app) as client:
        yield client
    await app.state.database.dispose()


def sign(raw: bytes, secret: str = SECRET) -> str:
    return hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()


GITHUB = {
    "action": "opened",
    "pull_request": {"title": "Fix auth expiry", "number": 42},
    "repository": {"full_name": "org/repo"},
}


async def issue_count(client: httpx.AsyncClient) -> int:
    return (await client.get("/api/issues", headers=AUTH)).json()["total"]


async def test_github_webhook_verifies_the_raw_body(hooks: httpx.AsyncClient) -> None:
    # Key order and spacing matter: the signature covers the bytes as sent.
    raw = b'{"action":"opened",  "pull_request": {"title": "Fix auth expiry"}}'
    headers = {
        "X-GitHub-Event": "pull_request",
        "X-GitHub-Delivery": "d-1",
        "content-type": "application/json",
    }
    ok = await hooks.post(
        "/api/signals/github",
        content=raw,
        headers={**headers, "X-Hub-Signature-256": f"sha256={sign(raw)}"},
    )
    assert ok.status_code == 200, ok.text
    data = ok.json()["data"]
    assert data["signal"]["type"] == "pull_request" and data["signal"]["sourceId"] == "d-1"
    assert data["issue"]["title"] == "[github] pull_request: Fix auth expiry"
    for signature in (None, "sha256=" + "0" * 64, sign(raw), f"sha256={sign(raw, 'other')}"):
        extra = {"X-Hub-Signature-256": signature} if signature else {}
        refused = await hooks.post("/api/signals/github", content=raw, headers={**headers, **extra})
        assert refused.status_code == 401
        assert refused.json() == {"error": "Invalid webhook signature"}
    # The same signature replayed over another body is refused.
    replayed = await hooks.post(
        "/api/signals/github",
        content=raw.replace(b"Fix", b"Break"),
        headers={**headers, "X-Hub-Signature-256": f"sha256={sign(raw)}"},
    )
    assert replayed.status_code == 401
    assert await issue_count(hooks) == 1


async def test_sentry_and_posthog_webhooks(hooks: httpx.AsyncClient) -> None:
    sentry = json.dumps(
        {
            "action": "created",
            "data": {
                "issue": {"id": "123", "title": "TypeError: x is undefined", "level": "fatal"}
            },
        }
    ).encode()
    created = await hooks.post(
        "/api/signals/sentry",
        content=sentry,
        headers={"Sentry-Hook-Signature": sign(sentry), "Sentry-Hook-Resource": "issue"},
    )
    assert created.status_code == 200, created.text
    issue = created.json()["data"]["issue"]
    assert issue["priority"] == 1 and issue["title"] == "[sentry] issue: TypeError: x is undefined"
    assert (await hooks.post("/api/signals/sentry", content=sentry)).status_code == 401

    posthog = json.dumps({"event": {"event": "$exception", "uuid": "u-1"}}).encode()
    accepted = await hooks.post(
        "/api/signals/posthog", content=posthog, headers={"X-PostHog-Secret": SECRET}
    )
    assert accepted.status_code == 200
    assert accepted.json()["data"]["signal"]["type"] == "$exception"
    wrong = await hooks.post(
        "/api/signals/posthog", content=posthog, headers={"X-PostHog-Secret": "nope"}
    )
    assert wrong.status_code == 401
    assert await issue_count(hooks) == 2


async def test_webhooks_refuse_without_a_configured_secret(http: httpx.AsyncClient) -> None:
    raw = b"{}"
    response = await http.post(
        "/api/signals/github", content=raw, headers={"X-Hub-Signature-256": f"sha256={sign(raw)}"}
    )
    assert response.status_code == 401


async def test_signed_but_malformed_payload_is_400(hooks: httpx.AsyncClient) -> None:
    for raw in (b"not json", b"[1, 2]"):
        response = await hooks.post(
            "/api/signals/sentry", content=raw, headers={"Sentry-Hook-Signature": sign(raw)}
        )
        assert response.status_code == 400, raw
    assert await issue_count(hooks) == 0


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        (b'{"event": ' + nested_text(64) + b"}", "Webhook payload nests deeper than 64 levels"),
        (nested_text(5000), "Webhook payload must be a JSON object"),
        (b'{"event": "\\ud800"}', "Webhook payload must be a JSON object"),
    ],
    ids=["too deep", "past what JSON is read to", "lone surrogate"],
)
async def test_a_payload_responses_could_not_write_back_is_400(
    hooks: httpx.AsyncClient, raw: bytes, error: str
) -> None:
    """It would be stored with its signal, and fail every answer holding it."""
    headers = {"X-PostHog-Secret": SECRET}
    response = await hooks.post("/api/signals/posthog", content=raw, headers=headers)
    assert (response.status_code, response.json()) == (400, {"error": error})
    assert await issue_count(hooks) == 0
    at_the_limit = b'{"event": ' + nested_text(63) + b"}"
    assert (
        await hooks.post("/api/signals/posthog", content=at_the_limit, headers=headers)
    ).status_code == 200


@pytest.mark.parametrize("raw", [b'{"action": "opened\x00"}', b"\x00"], ids=["in JSON", "alone"])
async def test_a_body_holding_nul_meets_its_signature_check_first(
    hooks: httpx.AsyncClient, raw: bytes
) -> None:
    """As in Loop, the signature is checked before the body is read; signed, a NUL is no JSON."""
    unsigned, signed = "sha256=" + "0" * 64, f"sha256={sign(raw)}"
    outcomes = []
    for signature in (unsigned, signed):
        headers = {"X-Hub-Signature-256": signature, "X-GitHub-Event": "push"}
        response = await hooks.post("/api/signals/github", content=raw, headers=headers)
        outcomes.append((response.status_code, response.json()["error"]))
        over_graphql = await GraphQL(hooks).call(
            "receiveGithubWebhook", rawBody=raw.decode(), signature=signature, event="push"
        )
        outcomes.append((over_graphql.status, over_graphql.error))
    refused = (401, "Invalid webhook signature")
    malformed = (400, "Webhook payload must be a JSON object")
    assert outcomes == [refused, refused, malformed, malformed]
    assert await issue_count(hooks) == 0


async def test_text_loop_takes_at_any_length_is_kept(api: Api) -> None:
    """Loop's columns are text: a long source, type or author name is stored, not a 500."""
    long = "x" * 300
    body = {"source": long, "type": long, "severity": "low", "payload": {"message": "a\x00b"}}
    created = await api.call("ingestSignal", input=body)
    assert created.status == 201, created
    signal, issue = created.data["signal"], created.data["issue"]
    assert (signal["source"], signal["type"]) == (long, long)
    assert issue["title"] == f"[{long}] {long}: ab"[:500]
    author = {"authorType": "human", "authorName": long}
    comment = await api.call("createComment", id=issue["id"], input={"body": "b", **author})
    assert comment.data["authorName"] == long
    template = (await api.call("createTemplate", input={"slug": "t", "name": "T"})).data
    version = await api.call(
        "createTemplateVersion", id=template["id"], input={"content": "c", **author}
    )
    assert version.data["authorName"] == long


@pytest.mark.parametrize(
    ("path", "payload", "title", "source_id"),
    [
        ("github", {"pull_request": {"title": "a\x00b"}}, "[github] push: ab", None),
        (
            "github",
            {"pull_request": [1], "head_commit": "c", "workflow_run": 1},
            "[github] push: push",
            None,
        ),
        ("github", {"pull_request": {"title": 5}}, "[github] push: 5", None),
        (
            "sentry",
            {"data": {"issue": {"id": 123, "title": "T", "level": 3}}},
            "[sentry] event: T",
            "123",
        ),
        (
            "sentry",
            {"data": {"issue": "x", "event": {"event_id": [1]}}},
            "[sentry] event: event",
            None,
        ),
        ("sentry", {"data": []}, "[sentry] event: event", None),
        ("posthog", {"event": {"event": {"x": 1}, "uuid": 5}}, "[posthog] event: event", "5"),
        ("posthog", {"event": "e\x00", "uuid": [1], "severity": ["high"]}, "[posthog] e: e", None),
        ("posthog", {"event": "x" * 300}, f"[posthog] {'x' * 300}: {'x' * 300}"[:500], None),
    ],
)
async def test_signed_payloads_of_any_shape_are_stored(
    hooks: httpx.AsyncClient, path: str, payload: dict, title: str, source_id: str | None
) -> None:
    raw = json.dumps(payload).encode()
    headers = {
        "github": {"X-Hub-Signature-256": f"sha256={sign(raw)}", "X-GitHub-Event": "push"},
        "sentry": {"Sentry-Hook-Signature": sign(raw)},
        "posthog": {"X-PostHog-Secret": SECRET},
    }[path]
    response = await hooks.post(f"/api/signals/{path}", content=raw, headers=headers)
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert (data["issue"]["title"], data["signal"]["sourceId"]) == (title, source_id)
