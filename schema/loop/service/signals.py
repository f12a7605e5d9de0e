"""Signals: one signal plus its triage issue, written together; and the provider webhooks that
turn GitHub, Sentry and PostHog payloads into signals after checking their signatures."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import BadRequest, InvalidSignature
from app.jsonvalues import nests_deeper
from schema._shared.repository import Row

from ..errors import DEEP_PAYLOAD, INVALID_SIGNATURE, MALFORMED_PAYLOAD
from ..repository.issues import signals
from .issues import create_issue

SEVERITY_PRIORITY = {"critical": 1, "high": 2, "medium": 3, "low": 4}
SENTRY_LEVELS = {"fatal": "critical", "error": "high", "warning": "medium"}


@dataclass(frozen=True)
class Ingested:
    signal: Row
    issue: Row


def issue_title(source: str, type: str, payload: Mapping[str, Any]) -> str:
    """As Loop words it: the payload's message, else its title (strings only), else the type."""
    said = (payload.get("message"), payload.get("title"))
    summary = _first(*(text(value) for value in said if isinstance(value, str)), type)
    return f"[{source}] {type}: {summary}"[:500]


def text(value: Any) -> str | None:
    """A payload's value as the text a column keeps: strings without NUL characters (which
    PostgreSQL text cannot hold), numbers written out, anything else none."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


async def ingest(session: AsyncSession, fields: Mapping[str, Any]) -> Ingested:
    """The signal and its triage issue in the request's one transaction."""
    source, type, payload = fields["source"], fields["type"], fields["payload"]
    issue = await create_issue(
        session,
        {
            "title": issue_title(source, type, payload),
            "type": "signal",
            "status": "triage",
            "priority": SEVERITY_PRIORITY[fields["severity"]],
            "signal_source": source,
            "signal_payload": payload,
            **({"project_id": fields["project_id"]} if fields.get("project_id") else {}),
        },
        [],
    )
    signal = await signals.insert(
        session,
        {
            "source": source,
            "source_id": fields.get("source_id"),
            "type": type,
            "severity": fields["severity"],
            "payload": payload,
            "issue_id": issue.id,
        },
    )
    return Ingested(signal, issue)


def verify_hmac(secret: str | None, raw_body: str, signature: str | None, prefix: str = "") -> None:
    """Constant-time check of a hex HMAC-SHA256 of the raw body; a missing secret refuses all."""
    if not secret or not signature:
        raise InvalidSignature(INVALID_SIGNATURE)
    digest = hmac.new(secret.encode(), raw_body.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(f"{prefix}{digest}", signature.strip()):
        raise InvalidSignature(INVALID_SIGNATURE)


def verify_secret(secret: str | None, given: str | None) -> None:
    if not secret or not given or not hmac.compare_digest(secret.encode(), given.encode()):
        raise InvalidSignature(INVALID_SIGNATURE)


def parse_payload(raw_body: str, max_depth: int) -> dict[str, Any]:
    """The payload as responses can write it back (orjson reads no lone surrogates and no
    integers past 64 bits), nested at most `max_depth` levels: it is stored with the signal."""
    try:
        payload = orjson.loads(raw_body)
    except orjson.JSONDecodeError:
        raise BadRequest(MALFORMED_PAYLOAD) from None
    if not isinstance(payload, dict):
        raise BadRequest(MALFORMED_PAYLOAD)
    if nests_deeper(payload, max_depth):
        raise BadRequest(DEEP_PAYLOAD.format(depth=max_depth))
    return payload


def _first(*values: Any) -> Any:
    return next((value for value in values if value), None)


def github_signal(event: str | None, delivery: str | None, body: dict[str, Any]) -> dict[str, Any]:
    subject = _object(body.get("pull_request")) or _object(body.get("issue"))
    commit = _object(body.get("head_commit"))
    summary = _first(
        text(subject.get("title")), text(commit.get("message")), text(body.get("action")), event
    )
    severity = "high" if event in {"workflow_run", "check_run"} else "medium"
    if _object(body.get("workflow_run")).get("conclusion") == "failure":
        severity = "high"
    return {
        "source": "github",
        "source_id": delivery,
        "type": event or "event",
        "severity": severity,
        "payload": {**body, "message": summary},
    }


def sentry_signal(resource: str | None, body: dict[str, Any]) -> dict[str, Any]:
    data = _object(body.get("data"))
    item = _first(*(_object(data.get(key)) for key in ("issue", "event", "error"))) or {}
    level = text(item.get("level")) or "error"
    return {
        "source": "sentry",
        "source_id": _first(text(item.get("id")), text(item.get("event_id"))),
        "type": resource or "event",
        "severity": SENTRY_LEVELS.get(level, "low"),
        "payload": {
            **body,
            "message": _first(text(item.get("title")), text(item.get("culprit")), resource),
        },
    }


def posthog_signal(body: dict[str, Any]) -> dict[str, Any]:
    event = body.get("event")
    details = _object(event)
    name = text(details.get("event")) if isinstance(event, dict) else text(event)
    uuid = details.get("uuid") if isinstance(event, dict) else body.get("uuid")
    severity = text(body.get("severity"))
    return {
        "source": "posthog",
        "source_id": text(uuid),
        "type": name or "event",
        "severity": severity if severity in SEVERITY_PRIORITY else "medium",
        "payload": body,
    }


def _object(value: Any) -> dict[str, Any]:
    """A payload's value where an object is expected: the object, or an empty one."""
    return value if isinstance(value, dict) else {}
