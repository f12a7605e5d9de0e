"""What LoopOS AI can answer without a model, deterministically and with its reasons: a
decision by lexical scoring, brand and product matching against the reference lists, protocol
elements from the node's context, dictionary translations and a small brand catalogue."""

from __future__ import annotations

from typing import Any

from app.ai import CapabilityMissing
from app.ai.lexical import words

from .catalogue import ELECTRONICS, brands_for, protocol_labels
from .glossary import lookup
from .scoring import rank

Request = dict[str, Any]


def decision(request: Request) -> dict[str, Any]:
    query = " ".join(
        filter(None, (request["prompt"], request["item_context"], request.get("context")))
    )
    ranked = rank(query, request["options"])
    best = ranked[0]
    reasons = []
    if best.shared:
        reasons.append(f"it shares the words {', '.join(best.shared)} with the request")
    if best.cue_gap is not None:
        reasons.append("its condition level is the closest to what the item context describes")
    why = " and ".join(reasons) or "no option matched the request better, so the first is kept"
    return {
        "decision": best.option,
        "reasoning": f"Offline lexical scoring chose '{best.option}' because {why}.",
    }


def _parse_reference(entry: str) -> tuple[str, int | None]:
    name, _, ident = entry.rpartition(":")
    if name and ident.strip().isdigit():
        return name.strip(), int(ident)
    return entry.strip(), None


def reference_match(name: str, references: list[str]) -> tuple[str, int | None] | None:
    """The reference entry naming the same thing (case, accents and spacing ignored)."""
    key = words(name)
    for entry in references:
        reference, ident = _parse_reference(entry)
        if words(reference) == key:
            return reference, ident
    return None


def brand(spec: Request) -> dict[str, Any]:
    found = reference_match(spec["brand_name"], spec.get("reference_brands") or [])
    return {
        "new_brand": found is None,
        "new_brand_name": spec["brand_name"].strip() if found is None else None,
        "existing_brand_name": found[0] if found else None,
        "existing_brand_id": found[1] if found else None,
    }


def product(spec: Request) -> dict[str, Any]:
    found = reference_match(spec["product_name"], spec.get("reference_products") or [])
    return {
        "new_product": found is None,
        "new_product_name": spec["product_name"].strip() if found is None else None,
        "existing_product_name": found[0] if found else None,
        "existing_product_id": found[1] if found else None,
    }


def protocol(request: Request) -> dict[str, Any]:
    node = request["node_context"]
    labels = protocol_labels(request["language"])
    text = " ".join(
        [node["name"], node.get("description") or "", *(node.get("parent_categories") or [])]
    )
    elements: list[dict[str, Any]] = [
        _element("Info", f"{node['name']}: {node.get('description') or labels['inspect']}", False),
        _element("Input::Select", labels["condition"], True, labels["conditions"]),
    ]
    if set(words(text)) & ELECTRONICS:
        elements.append(_element("Input::Select", labels["powers_on"], True, labels["yes_no"]))
        elements.append(_element("Input::Text", labels["serial"], False))
        elements.append(_element("Warning", labels["data_warning"], False))
    elements.append(_element("Input::Boolean", labels["original_box"], False))
    if request["node_type"] == "product":
        elements.append(_element("Input::Number", labels["purchase_year"], False))
    return {"elements": elements}


def _element(kind: str, label: str, required: bool, options: Any = None) -> dict[str, Any]:
    element: dict[str, Any] = {
        "class": f"Protocol::Element::{kind}",
        "attributes": {"label": label, "required": required, "hint": None},
        "options": None,
    }
    if options is not None:
        element["options"] = [{"label": text, "deal_breaker": bad} for text, bad in options]
    return element


def translation(request: Request, targets: list[str]) -> dict[str, Any]:
    source, data = request["source_locale"], request["data"]
    translated: dict[str, dict[str, str]] = {}
    missing = []
    for target in targets:
        row = translated.setdefault(target, {})
        for key, text in data.items():
            found = lookup(str(text), source, target)
            if found is None:
                missing.append(key)
            row[key] = found or ""
    if missing:
        keys = ", ".join(sorted(set(missing)))
        raise CapabilityMissing(f"translating text outside the built-in dictionary ({keys})")
    return {"translations": {"context": request["context"], "data": translated}}


def brands(request: Request) -> dict[str, Any]:
    spec = request["agent_specific"]
    found = brands_for(spec["category_name"])
    if found is None:
        raise CapabilityMissing(f"brand knowledge for the category '{spec['category_name']}'")
    return {"category_name": spec["category_name"], "brands": list(found[: spec["limit"]])}
