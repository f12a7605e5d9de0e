"""LoopOS AI behaviour on the offline provider, the same over REST and GraphQL."""

from __future__ import annotations

import pytest

from .api import GraphQL, Rest

Api = Rest | GraphQL
OPTIONS = ["Excellent", "Good", "Fair", "Poor"]


async def test_decision_is_always_one_of_the_options(api: Api) -> None:
    body = {
        "prompt": "What condition?",
        "options": OPTIONS,
        "item_context": "iPhone 12 with scratches",
    }
    result = (await api.call("loopos_ai_decision", body)).data
    assert result["decision"] == "Fair" and "condition" in result["reasoning"]
    listed = {
        "prompt": "Which box?",
        "options": "small box, large box",
        "item_context": "a large TV",
    }
    assert (await api.call("loopos_ai_decision", listed)).data["decision"] == "large box"


async def test_brand_and_product_checks_match_the_reference_lists(api: Api) -> None:
    brand = {"agent_specific": {"brand_name": " apple ", "reference_brands": "Samsung:3,Apple:7"}}
    assert (await api.call("loopos_ai_c2c_validation", brand)).data == {
        "new_brand": False,
        "new_brand_name": None,
        "existing_brand_name": "Apple",
        "existing_brand_id": 7,
    }
    product = {"agent_specific": {"product_name": "Galaxy S9", "reference_products": ["Galaxy S8"]}}
    assert (await api.call("loopos_ai_c2c_validation", product)).data == {
        "new_product": True,
        "new_product_name": "Galaxy S9",
        "existing_product_name": None,
        "existing_product_id": None,
    }


async def test_what_needs_a_model_names_the_missing_capability(api: Api) -> None:
    posting = {"agent_specific": {"marketplace_posting_title": "Nice phone"}, "images": ["x"]}
    outcome = await api.call("loopos_ai_c2c_validation", posting)
    assert outcome.status == 501 and "reading images" in str(outcome.value)
    item = {"agent_specific": {"loopos_item": {"item": {"data": {"name": "Bike"}}}}}
    outcome = await api.call("loopos_ai_value_estimation", item)
    assert outcome.status == 501 and "offline provider" in str(outcome.value)


async def test_id_number_failing_its_check_digit_is_a_validation_error(api: Api) -> None:
    body = {
        "images": ["front", "back"],
        "agent_specific": {"doc_type": "dni-es", "number": "12345678A"},
    }
    result = (await api.call("loopos_ai_id_validator", body)).data
    assert result["status"] == "ERROR_VALIDATION" and result["doc_type"] == "dni-es"
    body["agent_specific"]["number"] = "12345678Z"  # valid: reading the images is still needed
    assert (await api.call("loopos_ai_id_validator", body)).status == 501


async def test_translation_from_the_dictionary_only(api: Api) -> None:
    body = {
        "source_locale": "en",
        "target_locales": ["pt-PT", "es"],
        "context": "ui",
        "data": {"a": "Good"},
    }
    result = (await api.call("loopos_ai_translator", body)).data
    assert result == {
        "translations": {"context": "ui", "data": {"pt-PT": {"a": "Bom"}, "es": {"a": "Bueno"}}}
    }
    body["data"] = {"a": "A lovely sunny day"}
    assert (await api.call("loopos_ai_translator", body)).status == 501


async def test_protocol_from_the_node_context(api: Api) -> None:
    body = {
        "node_type": "product",
        "node_context": {"name": "iPhone 12", "parent_categories": ["Phones"]},
        "language": "pt",
    }
    elements = (await api.call("loopos_ai_protocol_generator", body)).data["elements"]
    classes = [element["class"] for element in elements]
    assert classes[0] == "Protocol::Element::Info" and "Protocol::Element::Warning" in classes
    condition = elements[1]
    assert condition["attributes"]["label"] == "Estado"
    assert {"label": "Partido", "deal_breaker": True} in condition["options"]


async def test_brands(api: Api) -> None:
    body = {"agent_specific": {"category_name": "Smartphones", "limit": 2}}
    assert (await api.call("loopos_ai_brands", body)).data == {
        "category_name": "Smartphones",
        "brands": ["Apple", "Samsung"],
    }
    body = {"agent_specific": {"category_name": "Antique furniture"}}
    assert (await api.call("loopos_ai_brands", body)).status == 501


@pytest.mark.parametrize("images", [[], ["x"]])
async def test_chat_needs_a_model(api: Api, images: list[str]) -> None:
    body = {
        "messages": [{"role": "user", "text": "hi"}],
        "images": images,
        "loopos_core_base_url": "http://core",
        "loopos_submission_base_url": "http://submission",
    }
    outcome = await api.call("chat", body)
    wanted = "reading images" if images else "text generation"
    assert outcome.status == 501 and wanted in str(outcome.value)
