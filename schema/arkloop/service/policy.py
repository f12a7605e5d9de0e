"""What each role may do: a principal's permissions are its role's, narrowed to an API key's
scopes when it has any. A missing permission is 403 `policy.denied` naming the action."""

from __future__ import annotations

from .. import errors
from .auth import Principal

PERMISSIONS = {
    "owner": [
        "data.threads.read",
        "data.threads.manage",
        "data.projects.read",
        "data.projects.manage",
        "data.runs.read",
        "data.runs.manage",
        "data.api_keys.manage",
        "account.manage",
    ],
    "admin": [
        "data.threads.read",
        "data.threads.manage",
        "data.projects.read",
        "data.projects.manage",
        "data.runs.read",
        "data.runs.manage",
        "data.api_keys.manage",
        "account.manage",
    ],
    "member": [
        "data.threads.read",
        "data.threads.manage",
        "data.projects.read",
        "data.runs.read",
        "data.runs.manage",
        "data.api_keys.manage",
    ],
}
KNOWN = {permission for granted in PERMISSIONS.values() for permission in granted}


def permissions(who: Principal) -> list[str]:
    """The role's permissions, narrowed to an API key's scopes when it has any."""
    granted = PERMISSIONS.get(who.role, [])
    return [p for p in granted if who.scopes is None or p in who.scopes]


def require(who: Principal, permission: str) -> None:
    if permission not in permissions(who):
        raise errors.PolicyDenied(permission)


def delegated_scopes(who: Principal, requested: list[str]) -> list[str]:
    """The scopes of a key `who` creates, never more than `who` may do. No scopes inherit the
    creator's: its user's role for a login or an unscoped key, the creator's own scopes for a
    scoped key (an empty list would grant the whole role). A known permission the creator lacks
    is refused, even one outside the role, which a later promotion would otherwise grant."""
    if not requested:
        return list(who.scopes) if who.scopes is not None else []
    held = permissions(who)
    for scope in requested:
        if scope in KNOWN and scope not in held:
            raise errors.PolicyDenied(scope)
    return requested
