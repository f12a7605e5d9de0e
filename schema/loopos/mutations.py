"""LoopOS AI's services as mutations, one per documented endpoint and named like its path.
With a `callback_url` each answers `CallbackAccepted` at once and delivers the result later."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import strawberry

from schema._shared import fields

from . import service
from .service import callbacks
from .types.inputs import (
    BrandsInput,
    C2cDescriptorInput,
    C2cValidationInput,
    ChatInput,
    DecisionInput,
    IdValidatorInput,
    ProtocolGeneratorInput,
    TranslatorInput,
    ValueEstimationInput,
)
from .types.outputs import (
    Brands,
    BrandsResult,
    BrandValidation,
    C2cDescriptor,
    C2cDescriptorResult,
    C2cValidationResult,
    CallbackAccepted,
    ChatMessage,
    Decision,
    DecisionResult,
    ElementAttributes,
    ElementOption,
    IdValidation,
    IdValidationResult,
    LooposInfo,
    PostingValidation,
    ProductValidation,
    Protocol,
    ProtocolElement,
    ProtocolResult,
    Translation,
    TranslationResult,
    Translations,
    ValueEstimation,
    ValueEstimationResult,
)

T = TypeVar("T")


async def answer(
    info: LooposInfo, name: str, input: object, build: Callable[[dict[str, Any]], T]
) -> T | CallbackAccepted:
    request = callbacks.plain(input)
    if request.get("callback_url"):
        context = info.context
        ack = await callbacks.schedule(context.session, context.domain_settings, name, request)
        return CallbackAccepted(**ack)
    return build(await service.run(name, request, info.context.ai))


def _validation(
    result: dict[str, Any],
) -> PostingValidation | BrandValidation | ProductValidation:
    if "approved" in result:
        return PostingValidation(**result)
    return BrandValidation(**result) if "new_brand" in result else ProductValidation(**result)


def _protocol(result: dict[str, Any]) -> Protocol:
    return Protocol(
        elements=[
            ProtocolElement(
                class_=element["class"],
                attributes=ElementAttributes(**element["attributes"]),
                options=[ElementOption(**option) for option in element["options"]]
                if element.get("options") is not None
                else None,
            )
            for element in result["elements"]
        ]
    )


def _translation(result: dict[str, Any]) -> Translation:
    return Translation(translations=Translations(**result["translations"]))


@strawberry.type
class Mutation:
    @fields.mutation(public=True, description="Chat; answers the assistant's reply as messages.")
    async def chat(self, info: LooposInfo, input: ChatInput) -> list[ChatMessage]:
        replies = await service.chat(callbacks.plain(input), info.context.ai)
        return [ChatMessage(**reply) for reply in replies]

    @fields.mutation(public=True, description="Decide: always one of the options.")
    async def loopos_ai_decision(self, info: LooposInfo, input: DecisionInput) -> DecisionResult:
        return await answer(info, "loopos_ai_decision", input, lambda r: Decision(**r))

    @fields.mutation(public=True)
    async def loopos_ai_c2c_descriptor(
        self, info: LooposInfo, input: C2cDescriptorInput
    ) -> C2cDescriptorResult:
        return await answer(info, "loopos_ai_c2c_descriptor", input, lambda r: C2cDescriptor(**r))

    @fields.mutation(public=True, description="Posting, brand or product check, by the keys sent.")
    async def loopos_ai_c2c_validation(
        self, info: LooposInfo, input: C2cValidationInput
    ) -> C2cValidationResult:
        return await answer(info, "loopos_ai_c2c_validation", input, _validation)

    @fields.mutation(public=True)
    async def loopos_ai_value_estimation(
        self, info: LooposInfo, input: ValueEstimationInput
    ) -> ValueEstimationResult:
        return await answer(
            info, "loopos_ai_value_estimation", input, lambda r: ValueEstimation(**r)
        )

    @fields.mutation(public=True, description="Document numbers are checked by check digit.")
    async def loopos_ai_id_validator(
        self, info: LooposInfo, input: IdValidatorInput
    ) -> IdValidationResult:
        return await answer(info, "loopos_ai_id_validator", input, lambda r: IdValidation(**r))

    @fields.mutation(public=True)
    async def loopos_ai_translator(
        self, info: LooposInfo, input: TranslatorInput
    ) -> TranslationResult:
        return await answer(info, "loopos_ai_translator", input, _translation)

    @fields.mutation(public=True)
    async def loopos_ai_protocol_generator(
        self, info: LooposInfo, input: ProtocolGeneratorInput
    ) -> ProtocolResult:
        return await answer(info, "loopos_ai_protocol_generator", input, _protocol)

    @fields.mutation(public=True, description="Common brands of a category.")
    async def loopos_ai_brands(self, info: LooposInfo, input: BrandsInput) -> BrandsResult:
        return await answer(info, "loopos_ai_brands", input, lambda r: Brands(**r))
