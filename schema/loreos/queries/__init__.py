"""LoreOS's queries, one class per concern, merged into the schema's `Query`; every one reads
the caller's app only."""

from __future__ import annotations

from strawberry.tools import merge_types

from .account import AccountQuery
from .runtime import RuntimeQuery

Query = merge_types("Query", (RuntimeQuery, AccountQuery))
