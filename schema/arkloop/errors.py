"""Arkloop's errors under the product's codes (`auth.*`, `validation.*`, `<resource>.not_found`,
`policy.*`), rendered as `{code, message, trace_id, details?}`."""

from __future__ import annotations

from typing import Any

from app.errors import (
    BadRequest,
    Conflict,
    DomainError,
    Forbidden,
    NotFound,
    RateLimited,
    Unauthenticated,
    ValidationFailed,
)


class MissingToken(Unauthenticated):
    code = "auth.missing_token"


class InvalidAuthorization(Unauthenticated):
    code = "auth.invalid_authorization"


class InvalidToken(Unauthenticated):
    code = "auth.invalid_token"


class TokenExpired(Unauthenticated):
    code = "auth.token_expired"


class InvalidCredentials(Unauthenticated):
    code = "auth.invalid_credentials"


class RegistrationClosed(Forbidden):
    code = "auth.registration_disabled"


class InviteRequired(Forbidden):
    code = "auth.invite_required"


class CaptchaFailed(Forbidden):
    code = "auth.captcha_failed"


class PolicyDenied(Forbidden):
    code = "policy.denied"

    def __init__(self, action: str) -> None:
        super().__init__("Not allowed", details={"action": action})


class LoginTaken(Conflict):
    code = "auth.login_exists"


class EmailTaken(Conflict):
    code = "auth.email_exists"


class SlugTaken(Conflict):
    code = "accounts.slug_exists"


class RunBusy(Conflict):
    code = "runs.thread_busy"


class RunNotWaiting(Conflict):
    code = "runs.not_waiting_for_input"


# Also the answer for another account's records: they do not exist for the caller.
class ThreadNotFound(NotFound):
    code = "threads.not_found"

    def __init__(self) -> None:
        super().__init__("Thread not found")


class RunNotFound(NotFound):
    code = "runs.not_found"

    def __init__(self) -> None:
        super().__init__("Run not found")


class ProjectNotFound(NotFound):
    code = "projects.not_found"

    def __init__(self) -> None:
        super().__init__("Project not found")


class ApiKeyNotFound(NotFound):
    code = "api_keys.not_found"

    def __init__(self) -> None:
        super().__init__("API key not found")


class AccountNotFound(NotFound):
    code = "accounts.not_found"

    def __init__(self) -> None:
        super().__init__("Account not found")


class NotificationNotFound(NotFound):
    code = "notifications.not_found"

    def __init__(self) -> None:
        super().__init__("Notification not found")


class UserNotFound(NotFound):
    code = "users.not_found"

    def __init__(self) -> None:
        super().__init__("User not found")


def invalid(message: str, **details: Any) -> ValidationFailed:
    """A 422 `validation.error` whose details say why (`reason`) and what else matters."""
    error = ValidationFailed(message=message)
    error.details = details
    return error


def cursor_incomplete() -> ValidationFailed:
    return invalid(
        "before_updated_at and before_id must be given together",
        reason="cursor_incomplete",
        required=["before_updated_at", "before_id"],
    )


class _Unprocessable(DomainError):
    status = 422


class EmailTokenInvalid(_Unprocessable):
    code = "email.token_invalid"

    def __init__(self) -> None:
        super().__init__("Token invalid or expired")


class OtpInvalid(_Unprocessable):
    code = "auth.otp_invalid"

    def __init__(self) -> None:
        super().__init__("Code invalid or expired")


class OtpUnavailable(_Unprocessable):
    code = "auth.otp_unavailable"


class OtpLocked(DomainError):
    code = "auth.otp_locked"
    status = 429

    def __init__(self) -> None:
        super().__init__("Too many attempts")


class TooManyAttempts(RateLimited):
    """Sign-in attempts past the throttle's limits, refused before any secret is checked, under
    the code Arkloop's docs give every 429."""

    code = "rate_limit"

    def __init__(self, retry_after: int) -> None:
        message = f"Too many sign-in attempts; try again in {retry_after} seconds"
        super().__init__(message, retry_after)


class OtpRateLimited(DomainError):
    code = "auth.otp_rate_limited"
    status = 429

    def __init__(self) -> None:
        super().__init__("A code was sent moments ago; wait before asking again")


class FlowTokenInvalid(Unauthenticated):
    code = "auth.flow_token_invalid"

    def __init__(self) -> None:
        super().__init__("Flow token invalid or expired")


class InviteInvalid(Forbidden):
    code = "auth.invite_code_invalid"

    def __init__(self) -> None:
        super().__init__("Invite code invalid, used or expired")


class TeamNotFound(NotFound):
    code = "teams.not_found"

    def __init__(self) -> None:
        super().__init__("Team not found")


class TeamMemberExists(Conflict):
    code = "teams.member_exists"


class InvitationNotFound(NotFound):
    code = "invitations.not_found"

    def __init__(self) -> None:
        super().__init__("Invitation not found")


class InvitationEmailMismatch(Forbidden):
    code = "invitations.email_mismatch"

    def __init__(self) -> None:
        super().__init__("The invitation was sent to another email address")


class WorkspacePathInvalid(BadRequest):
    code = "workspace_files.invalid_path"


class WorkspaceFileNotFound(NotFound):
    code = "workspace_files.not_found"


class LlmProviderNotFound(NotFound):
    code = "llm_providers.not_found"

    def __init__(self) -> None:
        super().__init__("LLM provider not found")


class LlmProviderModelNotFound(NotFound):
    code = "llm_provider_models.not_found"

    def __init__(self) -> None:
        super().__init__("Provider model not found")


class LlmProviderNameTaken(Conflict):
    code = "llm_providers.name_exists"

    def __init__(self) -> None:
        super().__init__("The account already has a provider with this name")


class LlmProviderModelTaken(Conflict):
    code = "llm_provider_models.model_exists"

    def __init__(self) -> None:
        super().__init__("The provider already has this model")


class CreditsExhausted(DomainError):
    """The account's balance is spent: runs are refused before any model is called."""

    code = "credits.insufficient"
    status = 402

    def __init__(self) -> None:
        super().__init__("No credits left on this account")
