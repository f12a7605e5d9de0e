"""Arkloop's request bodies, with their limits declared as `@constraints`."""

from __future__ import annotations

import enum
from typing import Any

import strawberry

from schema._shared.constraints import Constraints, nullable, required, rules
from schema._shared.scalars import JSONObject

UNSET: Any = strawberry.UNSET
EMAIL = r"[^@\s]+@[^@\s]+\.[^@\s]+"
LOGIN = r"[A-Za-z0-9_.-]+"


@strawberry.enum
class Visibility(enum.Enum):
    private = "private"
    shared = "shared"


@strawberry.input
class RegisterInput:
    login: str = required(min_length=3, max_length=64, pattern=LOGIN)
    password: str = required(min_length=8, max_length=256)
    email: str = required(max_length=320, pattern=EMAIL)
    invite_code: str | None = nullable(max_length=200)
    locale: str | None = nullable(max_length=20)
    cf_turnstile_token: str | None = nullable(max_length=4096)


@strawberry.input
class LoginInput:
    login: str = required(min_length=1, max_length=320)
    password: str = required(min_length=1, max_length=256)
    cf_turnstile_token: str | None = nullable(max_length=4096)


@strawberry.input
class CheckInput:
    login: str = required(min_length=1, max_length=320)


@strawberry.input
class UpdateMeInput:
    username: str = required(min_length=3, max_length=64, pattern=LOGIN)


@strawberry.input
class CreateApiKeyInput:
    name: str = required(min_length=1, max_length=200)
    scopes: list[str] | None = rules()


@strawberry.input
class CreateAccountInput:
    slug: str = required(min_length=2, max_length=100, pattern=r"[a-z0-9][a-z0-9-]*")
    name: str = required(min_length=1, max_length=200)


@strawberry.input
class CreateThreadInput:
    title: str | None = nullable(max_length=500)
    is_private: bool = strawberry.field(default=False, directives=[Constraints(not_null=True)])
    project_id: strawberry.ID | None = nullable()


@strawberry.input
class UpdateThreadInput:
    title: str | None = nullable(max_length=500)
    project_id: strawberry.ID | None = nullable()


@strawberry.input
class CreateMessageInput:
    content: str = required(min_length=1, max_length=1_000_000)
    content_json: JSONObject | None = nullable()


@strawberry.input
class CreateRunInput:
    route_id: str | None = nullable(max_length=200)
    persona_id: str | None = nullable(max_length=200)
    output_route_id: str | None = nullable(max_length=200)
    output_model_key: str | None = nullable(max_length=200)
    model: str | None = nullable(max_length=200)
    work_dir: str | None = nullable(max_length=1000)
    reasoning_mode: str | None = nullable(max_length=50)


@strawberry.input
class RunInputInput:
    content: str = required(min_length=1, max_length=32 * 1024)


@strawberry.input
class CreateProjectInput:
    name: str = required(min_length=1, max_length=200)
    description: str | None = nullable(max_length=10_000)
    team_id: strawberry.ID | None = nullable()
    visibility: Visibility = strawberry.field(
        default=Visibility.private, directives=[Constraints(not_null=True)]
    )


@strawberry.input
class EmailVerifyConfirmInput:
    token: str = required(min_length=1, max_length=200)


@strawberry.input
class EmailOtpSendInput:
    email: str = required(max_length=256, pattern=EMAIL)
    cf_turnstile_token: str | None = nullable(max_length=4096)


@strawberry.input
class EmailOtpVerifyInput:
    """The docs name the code `otp`; Arkloop's server reads `code`. Either is accepted."""

    email: str = required(min_length=1, max_length=256)
    otp: str | None = nullable(min_length=1, max_length=20)
    code: str | None = nullable(min_length=1, max_length=20)


@strawberry.input
class ResolveInput:
    identity: str = required(min_length=1, max_length=256)
    cf_turnstile_token: str | None = nullable(max_length=4096)


@strawberry.input
class ResolveOtpSendInput:
    flow_token: str = required(min_length=1, max_length=4096)
    cf_turnstile_token: str | None = nullable(max_length=4096)


@strawberry.input
class ResolveOtpVerifyInput:
    flow_token: str = required(min_length=1, max_length=4096)
    code: str = required(min_length=1, max_length=20)


@strawberry.input
class CreateTeamInput:
    name: str = required(min_length=1, max_length=200)


@strawberry.input
class AddTeamMemberInput:
    user_id: strawberry.ID = required()
    role: str = required(pattern="member|admin")


@strawberry.input
class CreateInvitationInput:
    email: str = required(max_length=320, pattern=EMAIL)
    role: str = required(pattern="member|admin")


PROVIDER_NAME = r"[^^]+"  # the selector's prefix: `^` separates it from the model
PROVIDER_KINDS = "openai|anthropic"
OPENAI_API_MODES = "auto|responses|chat_completions"


@strawberry.input
class _LlmProviderSettings:
    base_url: str | None = nullable(max_length=2000)
    openai_api_mode: str | None = nullable(pattern=OPENAI_API_MODES)
    advanced_json: JSONObject | None = nullable()


@strawberry.input
class CreateLlmProviderInput(_LlmProviderSettings):
    name: str = required(min_length=1, max_length=200, pattern=PROVIDER_NAME)
    provider: str = required(pattern=PROVIDER_KINDS)
    api_key: str = required(min_length=1, max_length=4096)


@strawberry.input
class UpdateLlmProviderInput(_LlmProviderSettings):
    """Every field optional; `null` clears `base_url`, `openai_api_mode` or `advanced_json`."""

    name: str | None = rules(min_length=1, max_length=200, pattern=PROVIDER_NAME)
    provider: str | None = rules(pattern=PROVIDER_KINDS)
    api_key: str | None = rules(min_length=1, max_length=4096)


@strawberry.input
class _LlmProviderModelSettings:
    priority: int | None = rules()
    is_default: bool | None = rules()
    tags: list[str] | None = rules()
    when: JSONObject | None = rules()
    advanced_json: JSONObject | None = rules()
    multiplier: float | None = rules(minimum=0)
    cost_per_1k_input: float | None = nullable(minimum=0)
    cost_per_1k_output: float | None = nullable(minimum=0)
    cost_per_1k_cache_write: float | None = nullable(minimum=0)
    cost_per_1k_cache_read: float | None = nullable(minimum=0)


@strawberry.input
class CreateLlmProviderModelInput(_LlmProviderModelSettings):
    model: str = required(min_length=1, max_length=200)


@strawberry.input
class UpdateLlmProviderModelInput(_LlmProviderModelSettings):
    model: str | None = rules(min_length=1, max_length=200)
