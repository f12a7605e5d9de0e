"""Hydration: the template an issue gets (its conditions matched against the issue's facts) and
its prompt, rendered as Loop renders templates: Handlebars with `noEscape` (plain text) and
missing values rendered empty, Loop's helpers and partials, over the issue context agents work
from."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pybars import Compiler
from sqlalchemy.ext.asyncio import AsyncSession

from schema._shared.repository import Row

from ..repository.issues import issues, labels
from ..repository.projects import goals, projects
from ..repository.prompts import templates, versions

PRIORITY_LABELS = {0: "none", 1: "urgent", 2: "high", 3: "medium", 4: "low"}

# Loop compiles with `noEscape`; pybars always escapes `{{x}}`, so plain mustaches become
# triple-stash ones. Stored content never holds `{{{` (versions reject it), so this is exact.
_MUSTACHE = re.compile(r"\{\{(?![{#/>!^&]|else\b)\s*(.*?)\s*\}\}")

# Block tags stand alone on their lines, so Handlebars' whitespace rules drop those lines.
PARTIALS = {
    "parent_context": """{{#if parent}}
## Parent issue
#{{parent.number}} {{parent.title}} ({{parent.status}})
{{#if parent.description}}
{{parent.description}}
{{/if}}
{{/if}}
""",
    "sibling_context": """{{#if siblings}}
## Sibling issues
{{#each siblings}}
- #{{number}} {{title}} ({{status}})
{{/each}}
{{/if}}
""",
    "project_and_goal_context": """{{#if project}}
## Project
{{project.name}} ({{project.status}}, {{project.health}})
{{#if goal}}
Goal: {{goal.title}} ({{goal.metric}}: {{goal.currentValue}} of {{goal.targetValue}} {{goal.unit}})
{{/if}}
{{/if}}
""",
    "api_reference": """## Loop API
Base URL: {{loopUrl}}
Authorization: Bearer {{loopToken}}
- PATCH /api/issues/{{issue.id}} to update status or record your summary
- POST /api/issues/{{issue.id}}/comments to report progress
- POST /api/issues to file follow-up work
""",
    "review_instructions": """## Review this prompt
When done, POST /api/prompt-reviews with {"versionId": "{{meta.versionId}}", \
"issueId": "{{issue.id}}", "clarity": 1-5, "completeness": 1-5, "relevance": 1-5, \
"feedback": "...", "authorType": "agent"}
""",
}


def _plain(template: str) -> str:
    return _MUSTACHE.sub(lambda match: "{{{" + match.group(1) + "}}}", template)


def _json_helper(_: Any, value: Any) -> str:
    return json.dumps(value, indent=2, default=str)


def _priority_helper(_: Any, value: Any) -> str:
    return PRIORITY_LABELS.get(value, "unknown") if isinstance(value, int) else "unknown"


HELPERS = {"json": _json_helper, "priority_label": _priority_helper}


@lru_cache(maxsize=256)
def _compiled(content: str) -> Any:
    return Compiler().compile(_plain(content))


@lru_cache(maxsize=1)
def _partials() -> dict[str, Any]:
    return {name: _compiled(text) for name, text in PARTIALS.items()}


def render(content: str, context: dict[str, Any]) -> str:
    """Compiled templates are cached by content, so each version compiles once."""
    return str(_compiled(content)(context, helpers=HELPERS, partials=_partials()))


# --- selection ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    template: Row
    version: Row
    prompt: str


def matches(conditions: Mapping[str, Any], facts: Mapping[str, Any]) -> bool:
    """All conditions must hold; `labels` must all be present; confidence is a minimum."""
    for key, wanted in conditions.items():
        if key == "labels":
            if not set(wanted) <= set(facts["labels"]):
                return False
        elif key == "hypothesisConfidence":
            if facts["hypothesisConfidence"] is None or facts["hypothesisConfidence"] < wanted:
                return False
        elif facts.get(key) != wanted:
            return False
    return True


async def _context(session: AsyncSession, issue: Row) -> dict[str, Any]:
    parent = await issues.live(session, issue.parent_id) if issue.parent_id else None
    project = await projects.live(session, issue.project_id) if issue.project_id else None
    goal = await goals.live(session, project.goal_id) if project and project.goal_id else None
    labelled = await labels.by_issue_ids(session, [issue.id])
    family = (
        await issues.siblings(session, issue)
        if parent
        else await issues.children_by_parent_ids(session, [issue.id])
    )
    return {
        "issue": _row(issue),
        "parent": _row(parent),
        ("siblings" if parent else "children"): [_row(row) for row in family],
        "project": _row(project),
        "goal": _row(goal),
        "labels": [{"name": label.name, "color": label.color} for _, _, label in labelled],
        "blocking": [_ref(row) for row in await issues.related_to(session, issue.id, "blocks")],
        "blockedBy": [
            _ref(row) for row in await issues.related_to(session, issue.id, "blocked_by")
        ],
        "previousSessions": (
            [{"status": issue.status, "agentSummary": issue.agent_summary}]
            if issue.agent_summary
            else []
        ),
    }


def _row(row: Row | None) -> dict[str, Any] | None:
    """A row as templates see it: Loop's camelCase names."""
    if row is None:
        return None
    return {_camel(name): value for name, value in row._mapping.items()}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _ref(issue: Row) -> dict[str, Any]:
    return {"number": issue.number, "title": issue.title}


def _facts(issue: Row, labels: list[str]) -> dict[str, Any]:
    hypothesis = issue.hypothesis or {}
    return {
        "type": issue.type,
        "signalSource": issue.signal_source,
        "labels": labels,
        "projectId": issue.project_id,
        "hasFailedSessions": bool(issue.agent_summary) and issue.status != "done",
        "hypothesisConfidence": hypothesis.get("confidence"),
    }


async def select_and_hydrate(
    session: AsyncSession, issue: Row, *, loop_url: str, loop_token: str
) -> Selection | None:
    """Project-specific templates first, then higher specificity; none matching gives None."""
    context = await _context(session, issue)
    facts = _facts(issue, [label["name"] for label in context["labels"]])
    candidates = [
        template
        for template in await templates.with_active_version(session)
        if template.project_id in (None, issue.project_id) and matches(template.conditions, facts)
    ]
    if not candidates:
        return None
    template = max(candidates, key=lambda t: (t.project_id is not None, t.specificity))
    version = await versions.get(session, template.active_version_id)
    assert version is not None
    meta = {
        "templateId": template.id,
        "templateSlug": template.slug,
        "versionId": version.id,
        "versionNumber": version.version,
    }
    context |= {"loopUrl": loop_url, "loopToken": loop_token, "meta": meta}
    return Selection(template, version, render(version.content, context))
