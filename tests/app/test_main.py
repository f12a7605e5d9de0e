"""Serving helpers of `app.main`."""

from __future__ import annotations

import gc

from app.main import freeze_startup_heap


def test_startup_heap_is_kept_out_of_collections() -> None:
    built_at_startup = [object() for _ in range(10)]
    try:
        freeze_startup_heap()
        assert gc.get_freeze_count() >= len(built_at_startup)
    finally:
        gc.unfreeze()  # the rest of the suite runs with a normal heap
