"""A session's health: invariants over its log, runs and ledger, counts within the window,
and whether the reply worker is behind (a run generating for minutes makes the session
degraded). Bad windows are 422; another app's session is not found."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from app.clock import utcnow
from app.db import Database
from app.jobs import Worker
from schema.loreos.models import Run

from .api import GraphQL, Rest
from .helpers import app_key, character, session


async def test_health_follows_a_turn_and_a_stuck_run(
    api: Rest | GraphQL, database: Database, worker: Worker
) -> None:
    key = await app_key(database)
    await character(api, key, greeting={"text": "Hi"})
    sid = await session(api, key)
    await api.call("sendMessage", key, session_id=sid, input={"text": "hello"})
    waiting = (await api.call("sessionHealth", key, session_id=sid)).data
    assert (waiting["status"], waiting["since"], waiting["worker"]["behind"]) == (
        "healthy",
        "6h",
        False,
    )
    assert (waiting["counts"]["user_messages"], waiting["counts"]["runs_generating"]) == (1, 1)
    assert {i["key"]: i["ok"] for i in waiting["invariants"]} == {
        "cursors_gap_free": True,
        "runs_settled": True,
        "no_stuck_runs": True,
        "deliveries_ok": True,
    }

    async with database.session() as db, db.begin():
        await db.execute(update(Run).values(created_at=utcnow() - timedelta(minutes=10)))
    stuck = (await api.call("sessionHealth", key, session_id=sid, since="1h")).data
    assert (stuck["status"], stuck["worker"]["behind"]) == ("degraded", True)
    assert stuck["worker"]["oldest_generating_seconds"] >= 600
    assert "generating" in stuck["diagnosis"]

    assert await worker.run_once() == 1
    done = (await api.call("sessionHealth", key, session_id=sid, since="2d")).data
    assert (done["status"], done["worker"]["behind"]) == ("healthy", False)
    counts = done["counts"]
    assert (counts["runs_completed"], counts["character_messages"], counts["events"]) == (1, 1, 5)
    # The run began before a one-minute window.
    recent = (await api.call("sessionHealth", key, session_id=sid, since="1m")).data
    assert recent["counts"]["runs_completed"] == 0


async def test_bad_windows_and_other_apps(api: Rest | GraphQL, database: Database) -> None:
    key = await app_key(database)
    await character(api, key)
    sid = await session(api, key)
    for since in ("6x", "91d", "h", "-1h", ""):
        refused = await api.call("sessionHealth", key, session_id=sid, since=since)
        assert (refused.status, refused.code) == (422, "validation_error"), since
    other = await app_key(database, "Other")
    foreign = await api.call("sessionHealth", other, session_id=sid)
    assert (foreign.status, foreign.code) == (404, "session_not_found")
