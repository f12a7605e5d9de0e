"""Dispatch: ranking, blockers, prompts, and exactly-once claims under concurrency."""

from __future__ import annotations

import asyncio

import httpx

from app.db import Database

from .api import GraphQL, Rest
from .test_issues import new_issue
from .test_prompts import new_template, new_version

Api = Rest | GraphQL


async def test_queue_ranks_with_the_score_breakdown(api: Api) -> None:
    goal = (await api.call("createGoal", input={"title": "G"})).data
    project = (await api.call("createProject", input={"name": "P", "goalId": goal["id"]})).data
    task = await new_issue(api, title="task", status="todo", priority=3)
    signal = await new_issue(
        api, title="signal", type="signal", status="todo", priority=1, projectId=project["id"]
    )
    await new_issue(api, title="not todo", status="backlog", priority=1)
    queue = (await api.call("dispatchQueue")).data
    assert queue["total"] == 2
    top, second = queue["items"]
    assert top["issue"]["id"] == signal["id"] and second["issue"]["id"] == task["id"]
    assert top["breakdown"] == {
        "priorityWeight": 100,
        "goalBonus": 20,
        "ageBonus": 0,
        "typeBonus": 50,
    }
    assert top["score"] == 170
    assert second["breakdown"] == {
        "priorityWeight": 50,
        "goalBonus": 0,
        "ageBonus": 0,
        "typeBonus": 20,
    }
    only = (await api.call("dispatchQueue", projectId=project["id"])).data
    assert [entry["issue"]["id"] for entry in only["items"]] == [signal["id"]]


async def test_claims_respect_blockers_and_hydrate(api: Api) -> None:
    blocker = await new_issue(api, title="blocker", status="backlog")
    blocked = await new_issue(api, title="blocked", status="todo", priority=1)
    await api.call(
        "createRelation",
        id=blocked["id"],
        input={"type": "blocked_by", "relatedIssueId": blocker["id"]},
    )
    free = await new_issue(api, title="free", status="todo", priority=4)
    template = await new_template(api, "tasks", conditions={"type": "task"})
    version = await new_version(api, template, "Do #{{issue.number}} {{issue.title}}")

    claim = await api.call("claimNextIssue")
    assert claim.status == 200
    assert claim.data["issue"]["id"] == free["id"]
    assert claim.data["issue"]["status"] == "in_progress"
    assert claim.data["prompt"] == f"Do #{free['number']} free"
    assert claim.data["meta"] == {
        "templateSlug": "tasks",
        "templateId": template["id"],
        "versionId": version["id"],
        "versionNumber": 1,
        "reviewUrl": "POST /api/prompt-reviews",
    }
    nothing = await api.call("claimNextIssue")
    assert (nothing.status, nothing.value) == (204, None)
    await api.call("updateIssue", id=blocker["id"], input={"status": "done"})
    unblocked = await api.call("claimNextIssue")
    assert unblocked.data["issue"]["id"] == blocked["id"]
    used = (await api.call("getTemplate", id=template["id"])).data["activeVersion"]
    assert used["usageCount"] == 2


async def test_no_body_on_204(http: httpx.AsyncClient) -> None:
    response = await http.get("/api/dispatch/next")
    assert response.status_code == 204 and response.content == b""


async def test_concurrent_claims_take_each_issue_once(http: httpx.AsyncClient) -> None:
    api = Rest(http)
    eligible = {(await new_issue(api, title=f"t{n}", status="todo"))["id"] for n in range(10)}
    blocker = await new_issue(api, title="blocker", status="todo")
    eligible.add(blocker["id"])
    for n in range(3):
        held = await new_issue(api, title=f"held{n}", status="todo")
        await api.call(
            "createRelation",
            id=held["id"],
            input={"type": "blocked_by", "relatedIssueId": blocker["id"]},
        )
    results = await asyncio.gather(*(http.get("/api/dispatch/next") for _ in range(22)))
    statuses = sorted(response.status_code for response in results)
    claimed = [r.json()["issue"]["id"] for r in results if r.status_code == 200]
    assert statuses == [200] * 11 + [204] * 11
    assert len(claimed) == len(set(claimed)) and set(claimed) == eligible
    queue = (await http.get("/api/dispatch/queue")).json()
    assert queue["total"] == 0  # the blocker is in progress, so the held issues stay blocked


async def test_the_claim_is_one_statement(http: httpx.AsyncClient, database: Database) -> None:
    await new_issue(Rest(http), status="todo")
    with database.count_statements() as seen:
        assert (await http.get("/api/dispatch/next")).status_code == 200
    claims = [sql for sql in seen if sql.lstrip().upper().startswith("UPDATE LOOP_ISSUES")]
    assert len(claims) == 1
    if not database.is_sqlite:
        assert "FOR UPDATE SKIP LOCKED" in claims[0]
