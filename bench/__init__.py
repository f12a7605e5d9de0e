"""Reproducible benchmarks; `facet bench` runs `main`."""

from .loop_surfaces import main

__all__ = ["main"]
