"""`callback_url`: accepted at once, stored as a job, delivered by POST to a real receiver on
loopback, retried with backoff when the receiver fails, and still there after a restart."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import select

from app.db import Database
from app.jobs import DONE, Job, Worker
from app.settings import Settings
from schema.loopos import domain
from schema.loopos.settings import LooposSettings

from ..live import Recorder, serving

DECISION = {"prompt": "p", "options": ["red", "blue"], "item_context": "a blue bike"}


@pytest.fixture
def receiver() -> Iterator[tuple[Recorder, str]]:
    recorder = Recorder()
    with serving(recorder.app) as url:
        yield recorder, url


def worker(database: Database, settings: Settings) -> Worker:
    fast = settings.model_copy(update={"jobs_backoff_seconds": 0.0})
    return Worker(database, fast, domain.handlers(LooposSettings()))


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
    bad_url = await loopos.post("/loopos_ai_decision", json={**DECISION, "callback_url": "nope"})
    assert bad_url.status_code == 422
