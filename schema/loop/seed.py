"""Demo data for a fresh Loop: a goal and its project, labels, a small issue tree, a relation
and a comment thread. Runs only when Loop has no issues yet."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from .repository.issues import issues as issue_records
from .service import issues, projects, prompts


async def seed(session: AsyncSession) -> str:
    if await issue_records.exist(session):
        return "loop: already has data, left as is"
    goal = await projects.create_goal(
        session,
        {
            "title": "Reduce login failure rate to < 5%",
            "metric": "login_failure_rate",
            "target_value": 0.05,
            "current_value": 0.18,
            "unit": "ratio",
        },
    )
    project = await projects.create_project(
        session,
        {
            "name": "Auth Reliability",
            "status": "active",
            "goal_id": goal.id,
            "description": "Improve authentication reliability and reduce failures.",
        },
    )
    await projects.update_goal(session, goal.id, {"project_id": project.id})
    frontend = await issues.create_label(session, "frontend", "#ff6b6b")
    backend = await issues.create_label(session, "backend", "#4dabf7")
    signal = await issues.create_issue(
        session,
        {
            "title": "[PostHog] error_rate: Login failures spiked",
            "type": "signal",
            "priority": 2,
            "project_id": project.id,
            "signal_source": "posthog",
            "signal_payload": {"event": "error_rate", "value": 0.22},
        },
        [backend.id],
    )
    hypothesis = await issues.create_issue(
        session,
        {
            "title": "Expired JWT secret causes login failures",
            "type": "hypothesis",
            "status": "backlog",
            "priority": 2,
            "parent_id": signal.id,
            "project_id": project.id,
            "hypothesis": {
                "statement": "Rotating the JWT secret fixes the failures",
                "confidence": 0.75,
                "evidence": ["Failures began at the rotation"],
                "validationCriteria": "Failure rate below 5% within a day",
            },
        },
        [backend.id],
    )
    task = await issues.create_issue(
        session,
        {
            "title": "Fix the login form error message",
            "type": "task",
            "status": "todo",
            "priority": 3,
            "project_id": project.id,
        },
        [frontend.id],
    )
    await issues.create_relation(session, task.id, "blocked_by", hypothesis.id)
    first = await issues.create_comment(
        session,
        signal.id,
        {
            "body": "Auth failures started right after the deploy.",
            "author_name": "ana",
            "author_type": "human",
        },
    )
    await issues.create_comment(
        session,
        signal.id,
        {
            "body": "Confirmed: the JWT secret expired.",
            "author_name": "claude-agent",
            "author_type": "agent",
            "parent_id": first.id,
        },
    )
    await _templates(session)
    return "loop: demo data loaded (1 goal, 1 project, 2 labels, 3 issues, 2 prompt templates)"


TRIAGE = """# Triage signal #{{issue.number}}: {{issue.title}}
Priority: {{priority_label issue.priority}}
{{> project_and_goal_context}}
Payload:
{{json issue.signalPayload}}

Decide whether this is real, find the cause, and file follow-up issues.
{{> api_reference}}
{{> review_instructions}}"""

TASK = """# Task #{{issue.number}}: {{issue.title}}
{{issue.description}}
{{> parent_context}}
{{> sibling_context}}
{{> api_reference}}
{{> review_instructions}}"""


async def _templates(session: AsyncSession) -> None:
    for slug, name, conditions, content in (
        ("signal-triage", "Signal Triage", {"type": "signal"}, TRIAGE),
        ("task-execution", "Task Execution", {"type": "task"}, TASK),
    ):
        template = await prompts.create_template(
            session, {"slug": slug, "name": name, "conditions": conditions}
        )
        await prompts.create_version(
            session,
            template.id,
            {
                "content": content,
                "changelog": "Initial version",
                "author_type": "human",
                "author_name": "facet-seed",
            },
        )
