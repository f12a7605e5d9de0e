"""`@constraints` reach OpenAPI however a domain spells the directive's arguments (`minLength`
under camelCase names, `min_length` under snake_case ones), and every domain's committed
document carries every rule its input types declare."""

from __future__ import annotations

import importlib
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from strawberry.types.base import StrawberryObjectDefinition

import codegen
from schema._shared.constraints import Constraints

HERE = Path(__file__).parent
REPO = HERE.parents[1]
FIXTURE = HERE / "fixtures" / "tracker"
SLUG = "tracker"
DOMAINS = ("loop", "arkloop", "loopos")
CAMEL_ARGUMENTS = re.compile(r"\b(minLength|maxLength|notNull):")


def openapi(root: Path) -> dict[str, Any]:
    outputs = codegen.generate(SLUG, root)
    document: dict[str, Any] = json.loads(outputs[root / "adapters" / "openapi" / f"{SLUG}.json"])
    return document


def test_snake_case_directive_arguments_give_the_same_document(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    schema_file = tmp_path / "schema" / SLUG / "schema.graphql"
    camel = schema_file.read_text()
    snake = CAMEL_ARGUMENTS.sub(lambda m: re.sub(r"([A-Z])", r"_\1", m[1]).lower() + ":", camel)
    assert "min_length: 1, max_length: 200" in snake and "not_null: true" in snake
    schema_file.write_text(snake)

    document = openapi(tmp_path)

    assert document == openapi(FIXTURE)
    schemas = document["components"]["schemas"]
    assert schemas["CreateTaskInput"]["properties"]["title"] == {
        "type": "string",
        "minLength": 1,
        "maxLength": 200,
    }
    search = next(
        param
        for param in document["paths"]["/api/tasks"]["get"]["parameters"]
        if param["name"] == "search"
    )
    assert search["schema"] == {"type": "string", "maxLength": 100}


def expected_keywords(rules: Constraints) -> dict[str, Any]:
    """The JSON Schema keywords a field's rules must appear as."""
    found: dict[str, Any] = {}
    for name, keyword in (
        ("min_length", "minLength"),
        ("max_length", "maxLength"),
        ("minimum", "minimum"),
        ("maximum", "maximum"),
    ):
        value = getattr(rules, name)
        if isinstance(value, int | float):
            found[keyword] = value
    if isinstance(rules.pattern, str):
        found["pattern"] = f"^(?:{rules.pattern})$"
    return found


def admits_null(value: dict[str, Any]) -> bool:
    kind = value.get("type")
    either = value.get("anyOf", ())
    return (
        kind == "null"
        or (isinstance(kind, list) and "null" in kind)
        or any(map(admits_null, either))
    )


def declared_rules(slug: str) -> dict[tuple[str, str], Constraints]:
    """Every input field's `@constraints`, by input type and GraphQL field name."""
    schema = importlib.import_module(f"schema.{slug}").schema
    names = schema.config.name_converter
    found: dict[tuple[str, str], Constraints] = {}
    for type_ in schema.schema_converter.type_map.values():
        definition = type_.definition
        if not isinstance(definition, StrawberryObjectDefinition) or not definition.is_input:
            continue
        for field in definition.fields:
            for directive in field.directives:
                if isinstance(directive, Constraints):
                    found[(definition.name, names.get_graphql_name(field))] = directive
    return found


@pytest.mark.parametrize("slug", DOMAINS)
def test_every_declared_rule_is_in_the_committed_document(slug: str) -> None:
    document = json.loads((REPO / "adapters" / "openapi" / f"{slug}.json").read_text())
    components = document["components"]["schemas"]
    checked = 0
    for (type_name, field_name), rules in declared_rules(slug).items():
        if type_name not in components:
            continue  # an input no documented route takes
        value = components[type_name]["properties"][field_name]
        where = f"{type_name}.{field_name}"
        for keyword, bound in expected_keywords(rules).items():
            assert value.get(keyword) == bound, f"{where}: {keyword} is not {bound!r}"
        if rules.not_null is True:
            assert not admits_null(value), f"{where} is never null"
        checked += 1
    assert checked > 0
