"""A signal, and what ingesting one answers: the signal with its triage issue."""

from __future__ import annotations

from datetime import datetime

import strawberry

from schema._shared.rows import from_row
from schema._shared.scalars import JSONObject

from ..models import SignalSeverity
from ..service import signals
from .issues import Issue

strawberry.enum(SignalSeverity)


@strawberry.type
class Signal:
    id: strawberry.ID
    source: str
    source_id: str | None
    type: str
    severity: SignalSeverity
    payload: JSONObject
    issue_id: strawberry.ID
    created_at: datetime


@strawberry.type(description="A signal and the triage issue created with it.")
class SignalIngestion:
    signal: Signal
    issue: Issue

    @classmethod
    def of(cls, ingested: signals.Ingested) -> SignalIngestion:
        return cls(signal=from_row(Signal, ingested.signal), issue=from_row(Issue, ingested.issue))
