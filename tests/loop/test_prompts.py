"""Prompt templates, versions, reviews (EWMA and improvement tasks) and selection/hydration."""

from __future__ import annotations

import httpx
import pytest

from schema.loop.service.hydration import matches, render
from schema.loop.service.prompts import ewma, needs_improvement

from .api import GraphQL, Rest
from .test_issues import new_issue

Api = Rest | GraphQL
AUTHOR = {"authorType": "human", "authorName": "dorian"}


async def new_template(api: Api, slug: str = "signal-triage", **fields: object) -> dict:
    outcome = await api.call("createTemplate", input={"slug": slug, "name": "Triage", **fields})
    assert outcome.status == 201, outcome
    return outcome.data


async def new_version(api: Api, template: dict, content: str) -> dict:
    outcome = await api.call(
        "createTemplateVersion", id=template["id"], input={"content": content, **AUTHOR}
    )
    assert outcome.status == 201, outcome
    return outcome.data


async def test_template_rules(api: Api) -> None:
    template = await new_template(api, conditions={"type": "signal"})
    assert template["specificity"] == 10 and template["conditions"] == {"type": "signal"}
    assert template["activeVersionId"] is None
    duplicate = await api.call("createTemplate", input={"slug": "signal-triage", "name": "x"})
    assert (duplicate.status, duplicate.error) == (409, "Template slug already exists")
    for slug in ("Bad Slug", "-lead", "trail-", "a--b", ""):
        assert (await api.call("createTemplate", input={"slug": slug, "name": "x"})).status == 422
    bad = {"slug": "ok", "name": "x", "specificity": 101}
    assert (await api.call("createTemplate", input=bad)).status == 422
    patched = await api.call("updateTemplate", id=template["id"], input={"specificity": 50})
    assert patched.data["specificity"] == 50
    assert (await api.call("listTemplates")).data["total"] == 1
    assert (await api.call("deleteTemplate", id=template["id"])).status == 204
    assert (await api.call("getTemplate", id=template["id"])).status == 404
    # As in Loop, a deleted template keeps its slug.
    again = await api.call("createTemplate", input={"slug": "signal-triage", "name": "x"})
    assert (again.status, again.error) == (409, "Template slug already exists")


async def test_versions_and_promotion(api: Api) -> None:
    template = await new_template(api)
    first = await new_version(api, template, "v1 {{issue.title}}")
    second = await new_version(api, template, "v2 {{issue.title}}")
    assert (first["version"], first["status"]) == (1, "active")
    assert (second["version"], second["status"]) == (2, "draft")
    fetched = (await api.call("getTemplate", id=template["id"])).data
    assert fetched["activeVersion"]["id"] == first["id"]
    promoted = await api.call("promoteTemplateVersion", id=template["id"], versionId=second["id"])
    assert promoted.data["status"] == "active"
    again = await api.call("promoteTemplateVersion", id=template["id"], versionId=second["id"])
    assert (again.status, again.error) == (422, "Version is already active")
    versions = (await api.call("listTemplateVersions", id=template["id"])).data
    statuses = [(v["version"], v["status"]) for v in versions["items"]]
    assert statuses == [(2, "active"), (1, "retired")]
    injected = await api.call(
        "createTemplateVersion", id=template["id"], input={"content": "{{{raw}}}", **AUTHOR}
    )
    assert injected.status == 422
    other = await new_template(api, "other")
    stranger = await api.call("promoteTemplateVersion", id=other["id"], versionId=first["id"])
    assert stranger.status == 404


async def review(api: Api, version: dict, issue: dict, score: int) -> dict:
    body = {
        "versionId": version["id"],
        "issueId": issue["id"],
        "clarity": score,
        "completeness": score,
        "relevance": score,
        "authorType": "agent",
    }
    outcome = await api.call("submitPromptReview", input=body)
    assert outcome.status == 201, outcome
    return outcome.data


async def improvement_tasks(api: Api) -> list[dict]:
    issues = (await api.call("listIssues", type=["task"])).data["items"]
    return [issue for issue in issues if issue["title"].startswith("Improve prompt template")]


async def test_low_reviews_file_one_improvement_task(api: Api) -> None:
    template = await new_template(api)
    version = await new_version(api, template, "x")
    issue = await new_issue(api)
    await review(api, version, issue, 2)
    await review(api, version, issue, 2)
    assert await improvement_tasks(api) == []
    await review(api, version, issue, 3)  # score 0.3*3 + 0.7*2 = 2.3 < 3.5 with 3 reviews
    tasks = await improvement_tasks(api)
    assert [task["title"] for task in tasks] == [
        "Improve prompt template: signal-triage (avg review 2.3/5, 3 reviews since v1)"
    ]
    assert (tasks[0]["status"], tasks[0]["priority"]) == ("todo", 3)
    labels = (await api.call("getIssue", id=tasks[0]["id"])).data["labels"]
    assert sorted((label["name"], label["color"]) for label in labels) == [
        ("meta", "#6b7280"),
        ("prompt-improvement", "#f59e0b"),
    ]
    await review(api, version, issue, 1)
    assert len(await improvement_tasks(api)) == 1  # not twice while one is open
    reviews = (await api.call("listTemplateReviews", id=template["id"])).data
    assert reviews["total"] == 4
    fetched = (await api.call("getTemplate", id=template["id"])).data["activeVersion"]
    assert fetched["reviewScore"] == pytest.approx(0.3 * 1 + 0.7 * 2.3)


async def test_review_errors(api: Api) -> None:
    issue = await new_issue(api)
    body = {
        "versionId": "nope",
        "issueId": issue["id"],
        "clarity": 3,
        "completeness": 3,
        "relevance": 3,
        "authorType": "agent",
    }
    missing = await api.call("submitPromptReview", input=body)
    assert (missing.status, missing.error) == (404, "Version not found")
    version = await new_version(api, await new_template(api), "x")
    out_of_range = {**body, "versionId": version["id"], "clarity": 6}
    assert (await api.call("submitPromptReview", input=out_of_range)).status == 422


def test_ewma_and_thresholds_exactly() -> None:
    assert ewma(None, 4.0) == 4.0
    assert ewma(4.0, 1.0) == pytest.approx(0.3 * 1.0 + 0.7 * 4.0)
    assert not needs_improvement(1.0, 2)
    assert needs_improvement(3.49, 3) and not needs_improvement(3.5, 3)
    assert needs_improvement(4.9, 15) and not needs_improvement(4.9, 14)


def test_condition_matching() -> None:
    facts = {
        "type": "signal",
        "signalSource": "sentry",
        "labels": ["a", "b"],
        "projectId": "p",
        "hasFailedSessions": False,
        "hypothesisConfidence": 0.6,
    }
    assert matches({}, facts)
    assert matches({"type": "signal", "labels": ["a"]}, facts)
    assert not matches({"labels": ["a", "c"]}, facts)
    assert matches({"hypothesisConfidence": 0.5}, facts)
    assert not matches({"hypothesisConfidence": 0.7}, facts)
    assert not matches({"signalSource": "github"}, facts)


def test_hydration_golden() -> None:
    context = {
        "issue": {"id": "i1", "number": 7, "title": "A & <B>", "priority": 1},
        "parent": {"number": 3, "title": "Root", "status": "todo", "description": None},
        "siblings": [{"number": 8, "title": "Sib", "status": "done"}],
        "labels": [{"name": "bug", "color": "#f00"}],
        "meta": {"versionId": "v1"},
        "loopUrl": "http://loop",
        "loopToken": "k",
    }
    template = (
        "# {{issue.title}} ({{priority_label issue.priority}}) {{nothing.here}}\n"
        "{{#each labels}}[{{name}}]{{/each}}\n{{> parent_context}}{{> sibling_context}}"
        "{{json meta}}"
    )
    assert render(template, context) == (
        "# A & <B> (urgent) \n[bug]\n## Parent issue\n#3 Root (todo)\n"
        '## Sibling issues\n- #8 Sib (done)\n{\n  "versionId": "v1"\n}'
    )


async def test_preview_selects_and_hydrates(api: Api) -> None:
    issue = await new_issue(api, type="signal", title="Spike")
    empty = (await api.call("previewTemplate", issueId=issue["id"])).data
    assert empty["template"] is None and empty["prompt"] is None
    assert empty["message"] == "No matching template found"
    generic = await new_template(api, "generic")
    await new_version(api, generic, "generic")
    specific = await new_template(api, "signals", conditions={"type": "signal"}, specificity=50)
    await new_version(api, specific, "Triage #{{issue.number}}: {{issue.title}}")
    preview = (await api.call("previewTemplate", issueId=issue["id"])).data
    assert preview["template"]["slug"] == "signals" and preview["version"]["version"] == 1
    assert preview["prompt"] == f"Triage #{issue['number']}: Spike"
    assert (await api.call("previewTemplate", issueId="nope")).status == 404


async def test_an_unknown_condition_is_refused(api: Api) -> None:
    # Loop's conditions are strict: a misspelt one (`label` for `labels`) would match every
    # issue if dropped. Unknown keys elsewhere in the body are still dropped.
    misspelt = {"slug": "s", "name": "x", "conditions": {"type": "task", "label": ["bug"]}}
    refused = await api.call("createTemplate", input=misspelt)
    assert refused.status == 422
    template = await new_template(api, conditions={"type": "task"})
    patched = await api.call(
        "updateTemplate", id=template["id"], input={"conditions": {"labels": ["a"], "x": 1}}
    )
    assert patched.status == 422
    assert (await api.call("getTemplate", id=template["id"])).data["conditions"] == {"type": "task"}
    assert (await api.call("listTemplates")).data["total"] == 1


async def test_rest_names_the_unknown_conditions(http: httpx.AsyncClient) -> None:
    body = {"slug": "s", "name": "x", "extra": 1, "conditions": {"label": ["bug"], "kind": 1}}
    response = await http.post("/api/templates", json=body)
    assert (response.status_code, response.json()) == (
        422,
        {
            "error": "Validation error",
            "details": {
                "formErrors": [],
                "fieldErrors": {"conditions": ["Unrecognized key(s) in object: 'label', 'kind'"]},
            },
        },
    )
