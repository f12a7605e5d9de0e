"""Prompt templates as Loop renders them: Handlebars with `noEscape` (plain text) and missing
values rendered empty, Loop's helpers and partials, and the issue context agents work from."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from pybars import Compiler

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
