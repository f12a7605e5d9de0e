"""A user's insights."""

from __future__ import annotations

from ..models import Insight
from .owned import Owned

insights = Owned(Insight)
