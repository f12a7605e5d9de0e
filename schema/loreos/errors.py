"""LoreOS's errors under the product's codes (`detail.code`), each with the one-line `fix` its
error body carries. A resource of another app is not found, never forbidden."""

from __future__ import annotations

from typing import Any, ClassVar

from app.errors import (
    Conflict,
    DomainError,
    Forbidden,
    NotFound,
    PayloadTooLarge,
    RateLimited,
    Unauthenticated,
)

MISSING_KEY = "Not authenticated"
INVALID_KEY = "Invalid or revoked API key"


def code_of(error: DomainError) -> str:
    """An error's code as a body names it where it is not the response's own error (an item of
    a bulk request): LoreOS's codes as they are, the platform's in LoreOS's lower case."""
    return error.code.lower()


class Fixable(DomainError):
    """An error whose body tells the caller how to fix it (`details["fix"]`)."""

    fix: ClassVar[str] = ""

    def __init__(self, message: str, fix: str | None = None, **details: Any) -> None:
        super().__init__(message, details={"fix": fix or self.fix, **details})


# A missing key and an invalid or revoked one are the platform's own codes: their `detail` is
# a plain string, as FastAPI's security dependencies answer.
class MissingKey(Unauthenticated):
    pass


class InvalidKey(Forbidden):
    pass


class ApiKeyExpired(Fixable, Forbidden):
    code = "api_key_expired"
    fix = "Get a new key: POST /v1/demo/sandbox-key (demo) or rotate the app's key."


class DemoQuotaExceeded(Fixable, Forbidden):
    code = "demo_quota_exceeded"
    fix = "Demo keys are capped; ask the LoreOS team for an app key to go further."


class DemoSurfaceDisabled(Fixable, Forbidden):
    code = "demo_key_surface_disabled"
    fix = "This surface is not available to demo keys; use an app key."


class DemoInputTooLarge(Fixable, PayloadTooLarge):
    code = "demo_input_too_large"
    fix = "Send at most 1,200 characters per message with a demo key."


class DemoSandboxDisabled(Fixable, Forbidden):
    code = "demo_sandbox_disabled"
    fix = "Sandbox keys are turned off on this server; use an app key."


class BudgetExceeded(Fixable, DomainError):
    code = "budget_exceeded"
    status = 402
    graphql_code = "PAYMENT_REQUIRED"
    fix = "Raise budget_policies.limit_credits for the app or the end-user's budget policy."


class CharacterNotFound(Fixable, NotFound):
    code = "character_not_found"
    fix = "Check the slug; GET /v1/characters/{slug} lists only your app's characters."


class SessionNotFound(Fixable, NotFound):
    code = "session_not_found"
    fix = "Check the session_id; start one with POST /v1/sessions."


class ChannelNotFound(Fixable, NotFound):
    code = "channel_not_found"
    fix = "List the session's channels: GET /v1/sessions/{session_id}/channels."


class InvalidCategory(Fixable, DomainError):
    code = "invalid_category"
    status = 422
    fix = "Use one of identity, wardrobe, accessory, prop, place, scene, style or keyframe."


class ImageRejected(Fixable, DomainError):
    code = "image_rejected"
    status = 422
    fix = "Send a PNG, JPEG or WebP image."


class ImageTooLarge(Fixable, PayloadTooLarge):
    code = "image_too_large"
    fix = "Send a smaller image (FACET_LOREOS_MAX_ASSET_BYTES)."


class ImageFetchFailed(Fixable, DomainError):
    code = "image_fetch_failed"
    status = 422
    fix = "Give a direct https URL of the image that answers 200 without a redirect."


class IdentityRequired(Fixable, Conflict):
    code = "identity_asset_required"
    fix = "Upload the character's identity asset (category identity) first."


class ProductionActivationBlocked(Fixable, Conflict):
    code = "production_activation_blocked"
    fix = "Pass the readiness checks in detail.readiness.blockers, then activate again."


class ImportNotFound(Fixable, NotFound):
    code = "import_not_found"
    fix = "Check the import_id POST /v1/imports answered."


class ImportModeUnsupported(Fixable, DomainError):
    code = "import_mode_unsupported"
    status = 422
    fix = "Import in authoring_only mode, then start sessions with POST /v1/sessions."


class AssetNotFound(Fixable, NotFound):
    code = "visual_asset_not_found"
    fix = "Check the asset_key; GET /v1/characters/{slug}/visual-readiness lists the assets."


class SlugTaken(Fixable, Conflict):
    code = "character_slug_taken"
    fix = "Character slugs are unique across all apps; choose another slug."


class SessionExited(Fixable, Conflict):
    code = "session_exited"
    fix = "This session has ended; start a new one with POST /v1/sessions."


class InvalidValue(Fixable, DomainError):
    """A value the field rules let through but LoreOS's do not."""

    code = "validation_error"
    status = 422
    fix = "Correct the value and send the request again."


class AppNotFound(Fixable, NotFound):
    code = "app_not_found"
    fix = "Use the app_id GET /v1/me answers for your key."


class ApiKeyNotFound(Fixable, NotFound):
    code = "api_key_not_found"
    fix = "Use the key_prefix GET /v1/me answers (the part of the key before its last `_`)."


class DemoSandboxRateLimited(RateLimited):
    code = "demo_sandbox_rate_limited"

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message, retry_after)
        self.details = {"fix": f"Wait {retry_after} s (Retry-After), then ask again."}
