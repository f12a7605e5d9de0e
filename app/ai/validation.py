"""Structured output is only handed on once it validates against the task's JSON Schema."""

from __future__ import annotations

import logging
from typing import Any

from jsonschema import Draft202012Validator

from .types import JsonSchema, ProviderFailed

log = logging.getLogger("facet.ai")


def validated(value: Any, schema: JsonSchema, task: str) -> dict[str, Any]:
    errors = sorted(Draft202012Validator(schema).iter_errors(value), key=lambda e: e.path)
    if errors or not isinstance(value, dict):
        log.warning("%s: answer does not match its schema: %s", task, [e.message for e in errors])
        raise ProviderFailed(f"The AI answer for {task} did not match the expected schema")
    return value
