"""Schemathesis driven by Loop's own OpenAPI file against Facet, on all its operations,
authenticated: no server error and no response that breaks Loop's own response schemas."""

from __future__ import annotations

import json
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from ..conftest import REFERENCE
from .conftest import AUTH

PRODUCT_DOCUMENT = REFERENCE / "loop-openapi.json"
if not PRODUCT_DOCUMENT.exists():
    pytest.skip("../shared/reference/loop-openapi.json is not present", allow_module_level=True)


def nullable_refs_as_meant(node: Any) -> Any:
    """Loop's file writes "X or null" as `allOf: [X, {type: [object, null]}]`, which no null can
    satisfy (X itself says `type: object`), while the product answers null there (an issue
    without parent, a template without active version). Read it as the `anyOf` it means."""
    if isinstance(node, list):
        return [nullable_refs_as_meant(item) for item in node]
    if not isinstance(node, dict):
        return node
    parts = node.get("allOf")
    if isinstance(parts, list) and len(parts) == 2 and parts[1] == {"type": ["object", "null"]}:
        return {"anyOf": [nullable_refs_as_meant(parts[0]), {"type": "null"}]}
    return {key: nullable_refs_as_meant(value) for key, value in node.items()}


product = schemathesis.openapi.from_dict(
    nullable_refs_as_meant(json.loads(PRODUCT_DOCUMENT.read_text()))
)


@product.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_product_contract(case: schemathesis.Case, loop_app: FastAPI) -> None:
    case.operation.schema.app = loop_app
    case.call_and_validate(
        headers=AUTH, app=loop_app, checks=[not_a_server_error, response_schema_conformance]
    )
