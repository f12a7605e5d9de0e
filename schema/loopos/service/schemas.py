"""The JSON Schemas a model's answer must meet, one per service (closed objects, every key
present, null where a value may be unknown)."""

from __future__ import annotations

from typing import Any

Schema = dict[str, Any]
STRING: Schema = {"type": "string"}
TEXT_OR_NULL: Schema = {"type": ["string", "null"]}
NUMBER_OR_NULL: Schema = {"type": ["number", "null"]}
BOOLEAN: Schema = {"type": "boolean"}
INT_OR_NULL: Schema = {"type": ["integer", "null"]}
STRINGS: Schema = {"type": "array", "items": STRING}


def obj(**properties: Schema) -> Schema:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def choice(values: list[str]) -> Schema:
    return {"type": "string", "enum": values}


def decision(options: list[str]) -> Schema:
    return obj(decision=choice(options), reasoning=STRING)


C2C_DESCRIPTOR = obj(
    value_out_max=NUMBER_OR_NULL,
    value_out_min=NUMBER_OR_NULL,
    value_out_average=NUMBER_OR_NULL,
    marketplace_posting_title=STRING,
    marketplace_posting_description=STRING,
    condition=choice(["A", "B", "C", "D"]),
    dimensions_box=choice(["S", "L"]),
    warning=BOOLEAN,
    warning_message=TEXT_OR_NULL,
)
POSTING_VALIDATION = obj(
    approved=BOOLEAN,
    rejection_reason=TEXT_OR_NULL,
    confidence_score={"type": "number", "minimum": 0, "maximum": 1},
    validation_notes=TEXT_OR_NULL,
    required_modifications=STRINGS,
    message_to_user={"type": ["string", "null"], "maxLength": 200},
)
BRAND_VALIDATION = obj(
    new_brand=BOOLEAN,
    new_brand_name=TEXT_OR_NULL,
    existing_brand_name=TEXT_OR_NULL,
    existing_brand_id=INT_OR_NULL,
)
PRODUCT_VALIDATION = obj(
    new_product=BOOLEAN,
    new_product_name=TEXT_OR_NULL,
    existing_product_name=TEXT_OR_NULL,
    existing_product_id=INT_OR_NULL,
)
_RANGES = {
    f"{kind}_{end}": NUMBER_OR_NULL
    for kind in ("value_out", "recycling_value", "repair_cost")
    for end in ("max", "min", "average")
}
VALUE_ESTIMATION = obj(**_RANGES, reasoning=STRING, description=STRING, references=STRINGS)
ID_VALIDATION = obj(
    status=choice(["OK", "ERROR_IMAGE_QUALITY", "ERROR_VALIDATION"]),
    message=STRING,
    doc_type=TEXT_OR_NULL,
    number=TEXT_OR_NULL,
    name=TEXT_OR_NULL,
    expiry={"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    item_id=TEXT_OR_NULL,
    ocr_confidence={"type": ["number", "null"], "minimum": 0, "maximum": 1},
    reasoning=STRING,
)


def translation(targets: list[str], keys: list[str]) -> Schema:
    row = obj(**dict.fromkeys(keys, STRING))
    return obj(translations=obj(context=STRING, data=obj(**dict.fromkeys(targets, row))))


_INPUTS = ("Text", "Select", "Number", "Date", "Boolean")
_ELEMENT_CLASSES = [
    *(f"Protocol::Element::Input::{kind}" for kind in _INPUTS),
    "Protocol::Element::Info",
    "Protocol::Element::Warning",
]
PROTOCOL = obj(
    elements={
        "type": "array",
        "items": obj(
            **{"class": choice(_ELEMENT_CLASSES)},
            attributes=obj(label=STRING, required=BOOLEAN, hint=TEXT_OR_NULL),
            options={
                "type": ["array", "null"],
                "items": obj(label=STRING, deal_breaker=BOOLEAN),
            },
        ),
    }
)
BRANDS = obj(category_name=STRING, brands=STRINGS)
