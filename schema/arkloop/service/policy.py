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
        "account.manage",
    ],
    "admin": [
        "data.threads.read",
        "data.threads.manage",
        "data.projects.read",
        "data.projects.manage",
        "data.runs.read",
        "data.runs.manage",
        "account.manage",
    ],
    "member": [
        "data.threads.read",
        "data.threads.manage",
        "data.projects.read",
        "data.runs.read",
        "data.runs.manage",
    ],
}


def permissions(who: Principal) -> list[str]:
    """The role's permissions, narrowed to an API key's scopes when it has any."""
    granted = PERMISSIONS.get(who.role, [])
    return [p for p in granted if who.scopes is None or p in who.scopes]


def require(who: Principal, permission: str) -> None:
    if permission not in permissions(who):
        raise errors.PolicyDenied(permission)
