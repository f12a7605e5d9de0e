"""OpenLoomi's GraphQL types, one module per concern."""

from __future__ import annotations

from typing import Any

import strawberry


def given(input: Any) -> dict[str, Any]:
    """An input's fields that were sent, by their Python names."""
    return {
        name: value
        for name, value in vars(input).items()
        if value is not strawberry.UNSET and not name.startswith("_")
    }
