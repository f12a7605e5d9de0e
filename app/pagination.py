"""Offset pagination shared by list operations."""

from __future__ import annotations


def offset_for(limit: int, offset: int | None, page: int | None) -> int:
    """`offset` wins; else the 1-based `page` some products document; else the start."""
    if offset is not None:
        return offset
    if page is not None:
        return (page - 1) * limit
    return 0
