"""LoopOS AI request bodies, field for field as the product documents them (snake_case), with
its defaults. Unknown keys are ignored, as the product's FastAPI models do."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry

from schema._shared.constraints import Constraints
from schema._shared.scalars import CommaList, JSONObject

DEFAULT_LANGUAGE = "PT-PT"
CALLBACK_PATTERN = r"https?://[^\s/?#]+[^\s]*"


def callback() -> Any:
    return strawberry.field(
        default=None,
        description="Accept at once and POST the result to this URL later.",
        directives=[Constraints(pattern=CALLBACK_PATTERN)],
    )


@strawberry.enum
class ChatRole(Enum):
    user = "user"
    assistant = "assistant"


@strawberry.enum
class NodeType(Enum):
    category = "category"
    product = "product"
    subcategory = "subcategory"


@strawberry.input
class ChatMessageInput:
    role: ChatRole
    text: str
    html: str | None = None


@strawberry.input
class ChatInput:
    messages: list[ChatMessageInput]
    loopos_core_base_url: str
    loopos_submission_base_url: str
    language: str = DEFAULT_LANGUAGE
    images: list[str] = strawberry.field(default_factory=list)
    conversation: bool = True
    session_id: str | None = None
    loopos_core_context: str | None = None


@strawberry.input
class DecisionInput:
    prompt: str
    options: CommaList
    item_context: str
    language: str = DEFAULT_LANGUAGE
    context: str | None = None
    loopos_core_context: str | None = None
    session_extra_data: JSONObject | None = None
    callback_url: str | None = callback()


@strawberry.input
class C2cDescriptorSpecific:
    category_name: str
    product_name: str
    brand_name: str
    user_description: str
    condition: str | None = strawberry.field(
        default=None, directives=[Constraints(pattern="[A-D]")]
    )
    value_out_max: float | None = None
    value_out_min: float | None = None
    value_out_average: float | None = None


@strawberry.input
class C2cDescriptorInput:
    images: list[str]
    agent_specific: C2cDescriptorSpecific
    language: str = DEFAULT_LANGUAGE
    loopos_core_context: str | None = None
    session_extra_data: JSONObject | None = None
    callback_url: str | None = callback()


@strawberry.input(description="One of three checks, chosen by the keys present.")
class C2cValidationSpecific:
    marketplace_posting_title: str | None = None
    marketplace_posting_description: str | None = None
    category_name: str | None = None
    brand_name: str | None = None
    reference_brands: CommaList | None = None
    product_name: str | None = None
    reference_products: CommaList | None = None


@strawberry.input
class C2cValidationInput:
    agent_specific: C2cValidationSpecific
    images: list[str] = strawberry.field(default_factory=list)
    language: str = DEFAULT_LANGUAGE
    loopos_core_context: str | None = None
    session_extra_data: JSONObject | None = None
    callback_url: str | None = callback()


@strawberry.input
class ItemData:
    name: str
    brand: str | None = None
    condition: str | None = None
    description: str | None = None
    category: str | None = None


@strawberry.input
class LooposItemBody:
    data: ItemData


@strawberry.input
class LooposItem:
    item: LooposItemBody


@strawberry.input
class ValueEstimationSpecific:
    loopos_item: LooposItem


@strawberry.input
class ValueEstimationInput:
    agent_specific: ValueEstimationSpecific
    images: list[str] = strawberry.field(default_factory=list)
    language: str = DEFAULT_LANGUAGE
    loopos_core_context: str | None = None
    session_extra_data: JSONObject | None = None
    callback_url: str | None = callback()


@strawberry.input
class IdValidatorSpecific:
    doc_type: CommaList
    name: str | None = None
    number: str | None = None
    validity: bool | None = None


@strawberry.input
class IdValidatorInput:
    images: list[str]
    agent_specific: IdValidatorSpecific
    language: str = DEFAULT_LANGUAGE
    loopos_core_context: str | None = None
    session_extra_data: JSONObject | None = None
    callback_url: str | None = callback()


@strawberry.input
class TranslatorInput:
    source_locale: str
    context: str
    data: JSONObject
    target_locale: str | None = None
    target_locales: list[str] | None = None
    callback_url: str | None = callback()


@strawberry.input
class NodeContext:
    name: str
    description: str | None = None
    parent_categories: list[str] | None = None


@strawberry.input
class ProtocolGeneratorInput:
    node_type: NodeType
    node_context: NodeContext
    language: str
    callback_url: str | None = callback()


@strawberry.input
class BrandsSpecific:
    category_name: str
    limit: int = strawberry.field(default=10, directives=[Constraints(minimum=1, maximum=50)])


@strawberry.input
class BrandsInput:
    agent_specific: BrandsSpecific
    language: str = DEFAULT_LANGUAGE
    loopos_core_context: str | None = None
    session_extra_data: JSONObject | None = None
    callback_url: str | None = callback()
