"""`callback_url`: accepted at once, stored as a job, delivered by POST to a real receiver on
loopback (internal targets are allowed in these tests' settings), retried with backoff when the
receiver fails, still there after a restart, signed when a secret is set; internal targets are
refused on arrival and at delivery when not allowed, and a host that does not exist fails at
once. How deliveries share the worker and which answers are retried: test_callback_queue."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import delete, select

from app.db import Database
from app.domain import DomainSettings
from app.jobs import DONE, FAILED, Job, Worker, enqueue
from app.settings import Settings
from schema.loopos import domain
from schema.loopos.service.callbacks import QUEUE
from schema.loopos.settings import LooposSettings

from ..live import Recorder, serving

DECISION = {"prompt": "p", "options": ["red", "blue"], "item_context": "a blue bike"}


@pytest.fixture
def receiver() -> Iterator[tuple[Recorder, str]]:
    recorder = Recorder()
    with serving(recorder.app) as url:
        yield recorder, url


def worker(database: Database, settings: Settings, **loopos: object) -> Worker:
    fast = settings.model_copy(update={"jobs_backoff_seconds": 0.0})
    domain_settings = LooposSettings.model_validate({"allow_private_callbacks": True, **loopos})
    return Worker(database, fast, domain.handlers(domain_settings))


async def test_accepted_then_delivered_after_a_failure(
    loopos: httpx.AsyncClient, database: Database, settings: Settings, receiver
) -> None:
    recorder, url = receiver
    recorder.reply({"error": "busy"}, 503)
    recorder.reply({"ok": True})
    ack = await loopos.post("/loopos_ai_decision", json={**DECISION, "callback_url": f"{url}/hook"})
    assert ack.status_code == 200
    body = ack.json()
    assert body["status"] == "accepted" and body["callback_url"] == f"{url}/hook"

    # A new worker stands for a restarted process: the job was stored, not kept in memory.
    assert await worker(database, settings).run_once() == 1
    assert await worker(database, settings).run_once() == 1

    assert [request["path"] for request in recorder.requests] == ["/hook", "/hook"]
    delivered = recorder.requests[-1]
    synchronous = (await loopos.post("/loopos_ai_decision", json=DECISION)).json()
    assert delivered["json"] == synchronous and delivered["json"]["decision"] == "blue"
    assert delivered["headers"]["x-loopos-job-id"] == body["job_id"]
    assert "x-loopos-signature" not in delivered["headers"]
    async with database.session() as session:
        job = (await session.scalars(select(Job))).one()
    assert (job.status, job.attempts) == (DONE, 2)


async def test_errors_are_delivered_too(
    loopos: httpx.AsyncClient, database: Database, settings: Settings, receiver
) -> None:
    recorder, url = receiver
    item = {"agent_specific": {"loopos_item": {"item": {"data": {"name": "Bike"}}}}}
    ack = await loopos.post("/loopos_ai_value_estimation", json={**item, "callback_url": url})
    assert ack.json()["status"] == "accepted"
    await worker(database, settings).run_once()
    assert recorder.requests[0]["headers"]["x-loopos-status"] == "501"
    assert "offline provider" in recorder.requests[0]["json"]["error"]


async def test_invalid_requests_are_refused_before_storing(loopos: httpx.AsyncClient) -> None:
    body = {"source_locale": "en", "context": "c", "data": {}, "callback_url": "http://127.0.0.1:1"}
    response = await loopos.post("/loopos_ai_translator", json=body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "target_locale"]
    for bad in ("nope", "http://a b/", "http://host/\r\nX: 1", "http://u@host/", "http://-x-/"):
        bad_url = await loopos.post("/loopos_ai_decision", json={**DECISION, "callback_url": bad})
        assert bad_url.status_code == 422, bad
        assert bad_url.json()["detail"][0]["loc"] == ["body", "callback_url"], bad


async def test_a_secret_signs_the_exact_body(
    loopos: httpx.AsyncClient, database: Database, settings: Settings, receiver
) -> None:
    recorder, url = receiver
    await loopos.post("/loopos_ai_decision", json={**DECISION, "callback_url": url})
    await worker(database, settings, callback_secret="s3cret").run_once()
    delivered = recorder.requests[0]
    expected = hmac.new(b"s3cret", delivered["body"], hashlib.sha256).hexdigest()
    assert delivered["headers"]["x-loopos-signature"] == f"sha256={expected}"
    assert delivered["json"]["decision"] == "blue"


async def test_internal_targets_are_refused_on_arrival_when_not_allowed(
    loopos: httpx.AsyncClient,
    database: Database,
    domain_settings: dict[str, DomainSettings],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(domain_settings["loopos"], "allow_private_callbacks", False)
    for target in ("http://127.0.0.1:8000/hook", "http://169.254.169.254/", "http://[::1]/"):
        response = await loopos.post(
            "/loopos_ai_decision", json={**DECISION, "callback_url": target}
        )
        assert response.status_code == 422
        [problem] = response.json()["detail"]
        assert problem["loc"] == ["body", "callback_url"]
        assert "internal address" in problem["msg"]
    async with database.session() as session:
        assert (await session.scalars(select(Job))).all() == []


async def test_a_target_refused_at_delivery_fails_at_once(
    loopos: httpx.AsyncClient, database: Database, settings: Settings, receiver
) -> None:
    recorder, url = receiver
    await loopos.post("/loopos_ai_decision", json={**DECISION, "callback_url": url})
    await worker(database, settings, allow_private_callbacks=False).run_once()
    assert await worker(database, settings).run_once() == 0
    assert recorder.requests == []
    async with database.session() as session:
        job = (await session.scalars(select(Job))).one()
    assert (job.status, job.attempts) == (FAILED, 1)
    assert job.last_error is not None and "internal address" in job.last_error


async def test_a_host_that_does_not_exist_at_delivery_fails_at_once(
    database: Database, settings: Settings
) -> None:
    request = {**DECISION, "callback_url": "http://no-such-host.invalid/hook"}
    for allow_private_callbacks in (False, True):
        async with database.session() as session, session.begin():
            await session.execute(delete(Job))
            await enqueue(session, QUEUE, {"service": "loopos_ai_decision", "request": request})
        await worker(database, settings, allow_private_callbacks=allow_private_callbacks).run_once()
        async with database.session() as session:
            job = (await session.scalars(select(Job))).one()
        assert (job.status, job.attempts) == (FAILED, 1)
        assert job.last_error == "GiveUp: callback_url's host does not exist"
