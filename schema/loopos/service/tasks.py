"""One structured-output task per LoopOS AI service: the messages for the model, the JSON Schema
its answer must meet and, where one exists, the offline answer; plus the checks some answers get
afterwards."""

from __future__ import annotations

import json
from typing import Any

from app.ai import CapabilityMissing, Message, Task
from app.errors import Problem, ValidationFailed

from . import documents, offline, schemas

Request = dict[str, Any]
Result = dict[str, Any]
# Request keys that are transport, not content for the model.
_NOT_FOR_MODEL = frozenset({"images", "callback_url", "session_extra_data", "language"})


def messages(purpose: str, request: Request, images: list[str] | None = None) -> list[Message]:
    system = (
        f"You are LoopOS AI's {purpose}. Write every text for people in the language "
        f"{request.get('language', 'PT-PT')}. Answer with JSON only, matching the given schema."
    )
    content = {key: value for key, value in request.items() if key not in _NOT_FOR_MODEL}
    user = json.dumps(content, ensure_ascii=False)
    return [Message("system", system), Message("user", user, tuple(images or ()))]


def missing(*loc: str | int, message: str = "field required") -> ValidationFailed:
    problem = Problem(("body", *loc), "missing", message)
    return ValidationFailed(field_errors={".".join(map(str, loc)): [message]}, problems=[problem])


def decision(request: Request) -> Task:
    if not request["options"]:
        raise missing("options", message="ensure this value has at least 1 items")
    return Task(
        "decision",
        messages("decision agent: pick exactly one of the options and say why", request),
        schemas.decision(request["options"]),
        offline=lambda: offline.decision(request),
    )


def c2c_descriptor(request: Request) -> Task:
    return Task(
        "c2c_descriptor",
        messages("second-hand listing writer", request, request["images"]),
        schemas.C2C_DESCRIPTOR,
        long=True,
        needs="writing listings from photos",
    )


def c2c_variant(spec: Request) -> str:
    """Which check a validation request asks for, by the keys it carries."""
    if spec.get("marketplace_posting_title") or spec.get("marketplace_posting_description"):
        return "posting"
    if spec.get("brand_name"):
        return "brand"
    if spec.get("product_name"):
        return "product"
    raise missing(
        "agent_specific",
        "marketplace_posting_title",
        message="field required (or brand_name, or product_name)",
    )


def c2c_validation(request: Request) -> Task:
    spec = request["agent_specific"]
    variant = c2c_variant(spec)
    if variant == "posting":
        purpose, schema = "marketplace posting reviewer", schemas.POSTING_VALIDATION
        answer = None
    elif variant == "brand":
        purpose, schema = "brand matcher", schemas.BRAND_VALIDATION
        answer = lambda: offline.brand(spec)  # noqa: E731
    else:
        purpose, schema = "product matcher", schemas.PRODUCT_VALIDATION
        answer = lambda: offline.product(spec)  # noqa: E731
    return Task(
        f"c2c_validation_{variant}",
        messages(purpose, request, request["images"]),
        schema,
        offline=answer,
        needs="judging marketplace postings",
    )


def value_estimation(request: Request) -> Task:
    return Task(
        "value_estimation",
        messages("second-hand value estimator", request, request["images"]),
        schemas.VALUE_ESTIMATION,
        long=True,
        needs="market value knowledge",
    )


def id_validator(request: Request) -> Task:
    return Task(
        "id_validator",
        messages("identity document reader", request, request["images"]),
        schemas.ID_VALIDATION,
        long=True,
        offline=lambda: _id_offline(request),
        needs="reading images",
    )


def _id_offline(request: Request) -> Result:
    """Without a model only a bad check digit in the stated number can be reported."""
    spec = request["agent_specific"]
    verdict = documents.check(spec["doc_type"], spec["number"]) if spec.get("number") else None
    if verdict is None or verdict.valid:
        raise CapabilityMissing("reading images")
    return id_result_for(verdict, spec.get("name"))


def id_result_for(verdict: documents.Verdict, name: str | None) -> Result:
    return {
        "status": "ERROR_VALIDATION",
        "message": f"The document number {verdict.number} fails its {verdict.doc_type} check digit",
        "doc_type": verdict.doc_type,
        "number": verdict.number,
        "name": name.upper() if name else None,
        "expiry": None,
        "item_id": None,
        "ocr_confidence": None,
        "reasoning": "Checked with the document type's published check-digit rule.",
    }


def id_finish(request: Request, result: Result) -> Result:
    """The deterministic guard: a number the model read must pass its check digit."""
    if result.get("name"):
        result["name"] = result["name"].upper()
    doc_types = (
        [result["doc_type"]] if result.get("doc_type") else request["agent_specific"]["doc_type"]
    )
    verdict = documents.check(doc_types, result["number"]) if result.get("number") else None
    if verdict is not None and not verdict.valid and result["status"] == "OK":
        guarded = id_result_for(verdict, result.get("name"))
        return {**result, "status": guarded["status"], "message": guarded["message"]}
    return result


def translation_targets(request: Request) -> list[str]:
    targets = list(request.get("target_locales") or [])
    if request.get("target_locale"):
        targets.insert(0, request["target_locale"])
    if not targets:
        raise missing("target_locale")
    return list(dict.fromkeys(targets))


def translator(request: Request) -> Task:
    targets = translation_targets(request)
    for key, value in request["data"].items():
        if not isinstance(value, str):
            problem = Problem(("body", "data", key), "type", "str type expected", "String")
            raise ValidationFailed(
                field_errors={f"data.{key}": ["str type expected"]}, problems=[problem]
            )
    return Task(
        "translator",
        messages("translator of product catalogue texts", request),
        schemas.translation(targets, list(request["data"])),
        offline=lambda: offline.translation(request, targets),
    )


def protocol(request: Request) -> Task:
    return Task(
        "protocol_generator",
        messages("inspection protocol designer for second-hand items", request),
        schemas.PROTOCOL,
        offline=lambda: offline.protocol(request),
    )


def brands(request: Request) -> Task:
    return Task(
        "brands",
        messages("brand expert: list the most common brands of the category", request),
        schemas.BRANDS,
        offline=lambda: offline.brands(request),
    )


def limit_brands(request: Request, result: Result) -> Result:
    return {**result, "brands": result["brands"][: request["agent_specific"]["limit"]]}
