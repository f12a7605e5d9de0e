"""OpenLoomi's client-facing messages, as the product words them, raised with the error types of
`app.errors`; the bare style renders each as `{error: <message>}`."""

from __future__ import annotations

from app.errors import BadRequest, UpstreamFailed


class Unavailable(UpstreamFailed):
    """A service the request needs (a mail server) could not be reached."""

    status = 503


class UnsupportedType(BadRequest):
    """An upload whose bytes are of a type not kept here."""

    status = 415


UNAUTHORIZED = "Unauthorized"
TOKEN_EXPIRED_TOO_LONG = "Token expired too long. Please login again."
USER_NOT_FOUND = "User not found"

CREDENTIALS_REQUIRED = "Email and password are required"
INVALID_CREDENTIALS = "Invalid email or password"
INVALID_EMAIL = "Invalid email format"
WEAK_PASSWORD = "Password does not meet requirements"
USER_EXISTS = "User already exists"
TOO_MANY_REQUESTS = "Too many requests. Please try again later."
WRONG_CURRENT_PASSWORD = "Current password is incorrect"
PASSWORDS_DIFFER = "New password and confirmation do not match"
PASSWORD_FIELDS_REQUIRED = "currentPassword and newPassword are required"

INSIGHT_NOT_FOUND = "Insight not found"
TITLE_REQUIRED = "title is required"
DESCRIPTION_REQUIRED = "description is required"
UPDATES_REQUIRED = "updates object is required"
BOT_NOT_FOUND = "Bot not found"

CHAT_NOT_FOUND = "Chat not found"
CHAT_ID_REQUIRED = "chatId is required"
MESSAGES_REQUIRED = "messages is required"

ACCOUNT_NOT_FOUND = "Integration account not found"
BOT_ID_REQUIRED = "Bot ID is required"
RECIPIENT_REQUIRED = "At least one recipient is required"
MESSAGE_REQUIRED = "Message content is required"
