"""Against Loop's own OpenAPI file: every one of its operations exists in our document with
compatible parameters, request bodies and success statuses."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest

from adapters.runtime.app import OPENAPI_DIR

from ..conftest import reference_file


@cache
def ours() -> dict[str, Any]:
    return json.loads((OPENAPI_DIR / "loop.json").read_text())


@pytest.fixture(scope="module")
def product_document() -> dict[str, Any]:
    return json.loads(reference_file("loop-openapi.json").read_text())


def operations(document: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (method.upper(), path): operation
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    }


def test_every_operation_exists_with_compatible_parameters(product_document: dict) -> None:
    theirs = operations(product_document)
    mine = operations(ours())
    assert len(theirs) == 44
    for key, operation in theirs.items():
        assert key in mine, f"{key} is not served"
        served = {(p["name"], p["in"]): p for p in mine[key].get("parameters", [])}
        for parameter in operation.get("parameters", []):
            ident = (parameter["name"], parameter["in"])
            assert ident in served, f"{key}: parameter {ident} missing"
            assert served[ident].get("required", False) == parameter.get("required", False), (
                key,
                ident,
            )
        if "requestBody" in operation:
            assert "requestBody" in mine[key], key
            wanted = operation["requestBody"]["content"]["application/json"]["schema"]
            body = _resolve(
                ours(), mine[key]["requestBody"]["content"]["application/json"]["schema"]
            )
            assert set(wanted.get("properties", {})) <= set(body.get("properties", {})), key
            assert set(wanted.get("required", [])) == set(body.get("required", [])), key
        documented = {code for code in operation["responses"] if code.startswith("2")}
        assert documented <= set(mine[key]["responses"]), key


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in schema:
        return document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema
