"""Schemathesis driven by Loop's own OpenAPI file against Facet: on the core routes, no server
error and no response that breaks Loop's own response schemas."""

from __future__ import annotations

import json

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from ..conftest import REFERENCE
from .conftest import AUTH
from .test_loop_product_contract import CORE_PATHS

PRODUCT_DOCUMENT = REFERENCE / "loop-openapi.json"
if not PRODUCT_DOCUMENT.exists():
    pytest.skip("../shared/reference/loop-openapi.json is not present", allow_module_level=True)

product = schemathesis.openapi.from_dict(json.loads(PRODUCT_DOCUMENT.read_text())).include(
    path_regex=CORE_PATHS
)


@product.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_product_contract(case: schemathesis.Case, loop_app: FastAPI) -> None:
    case.operation.schema.app = loop_app
    case.call_and_validate(
        headers=AUTH, app=loop_app, checks=[not_a_server_error, response_schema_conformance]
    )
