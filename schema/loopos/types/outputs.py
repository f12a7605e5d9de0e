"""LoopOS AI response bodies. Each service answers its own flat object, or the acknowledgement
when the request named a `callback_url`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from schema._shared.scalars import JSONObject

if TYPE_CHECKING:
    from ..context import LooposContext

    LooposInfo = Info[LooposContext, None]
else:
    LooposInfo = Info


@strawberry.type(description="The request was accepted; its result is POSTed to callback_url.")
class CallbackAccepted:
    status: str
    job_id: str
    callback_url: str


@strawberry.type
class Health:
    status: str


@strawberry.type
class ChatMessage:
    text: str
    role: str
    html: str | None = None


@strawberry.type
class Decision:
    decision: str
    reasoning: str


@strawberry.type
class C2cDescriptor:
    value_out_max: float | None
    value_out_min: float | None
    value_out_average: float | None
    marketplace_posting_title: str
    marketplace_posting_description: str
    condition: str
    dimensions_box: str
    warning: bool
    warning_message: str | None


@strawberry.type
class PostingValidation:
    approved: bool
    rejection_reason: str | None
    confidence_score: float
    validation_notes: str | None
    required_modifications: list[str]
    message_to_user: str | None


@strawberry.type
class BrandValidation:
    new_brand: bool
    new_brand_name: str | None
    existing_brand_name: str | None
    existing_brand_id: int | None


@strawberry.type
class ProductValidation:
    new_product: bool
    new_product_name: str | None
    existing_product_name: str | None
    existing_product_id: int | None


@strawberry.type
class ValueEstimation:
    value_out_max: float | None
    value_out_min: float | None
    value_out_average: float | None
    recycling_value_max: float | None
    recycling_value_min: float | None
    recycling_value_average: float | None
    repair_cost_max: float | None
    repair_cost_min: float | None
    repair_cost_average: float | None
    reasoning: str
    description: str
    references: list[str]


@strawberry.type
class IdValidation:
    status: str
    message: str
    doc_type: str | None
    number: str | None
    name: str | None
    expiry: str | None
    item_id: str | None
    ocr_confidence: float | None
    reasoning: str


@strawberry.type
class Translations:
    context: str
    data: JSONObject


@strawberry.type
class Translation:
    translations: Translations


@strawberry.type
class ElementAttributes:
    label: str
    required: bool
    hint: str | None


@strawberry.type
class ElementOption:
    label: str
    deal_breaker: bool


@strawberry.type
class ProtocolElement:
    class_: str = strawberry.field(name="class")
    attributes: ElementAttributes
    options: list[ElementOption] | None = None


@strawberry.type
class Protocol:
    elements: list[ProtocolElement]


@strawberry.type
class Brands:
    category_name: str
    brands: list[str]


DecisionResult = Annotated[Decision | CallbackAccepted, strawberry.union("DecisionResult")]
C2cDescriptorResult = Annotated[
    C2cDescriptor | CallbackAccepted, strawberry.union("C2cDescriptorResult")
]
C2cValidationResult = Annotated[
    PostingValidation | BrandValidation | ProductValidation | CallbackAccepted,
    strawberry.union("C2cValidationResult"),
]
ValueEstimationResult = Annotated[
    ValueEstimation | CallbackAccepted, strawberry.union("ValueEstimationResult")
]
IdValidationResult = Annotated[
    IdValidation | CallbackAccepted, strawberry.union("IdValidationResult")
]
TranslationResult = Annotated[Translation | CallbackAccepted, strawberry.union("TranslationResult")]
ProtocolResult = Annotated[Protocol | CallbackAccepted, strawberry.union("ProtocolResult")]
BrandsResult = Annotated[Brands | CallbackAccepted, strawberry.union("BrandsResult")]
