"""Serving helpers of `app.main`."""

from __future__ import annotations

import gc

from app.main import GC_THRESHOLDS, prepare_heap_for_serving


def test_startup_heap_is_kept_out_of_collections() -> None:
    built_at_startup = [object() for _ in range(10)]
    thresholds = gc.get_threshold()
    try:
        prepare_heap_for_serving()
        assert gc.get_freeze_count() >= len(built_at_startup)
        assert gc.get_threshold() == GC_THRESHOLDS
    finally:
        gc.unfreeze()  # the rest of the suite runs with a normal heap
        gc.set_threshold(*thresholds)
