"""Every response style is two modules of one name: its shape (plain data, for codegen's OpenAPI)
and its renderer (the runtime's responses)."""

from __future__ import annotations

import pkgutil

from adapters import envelope_shapes
from adapters.runtime import envelopes


def styles(package_path: list[str]) -> set[str]:
    return {module.name for module in pkgutil.iter_modules(package_path)}


def test_every_shape_has_a_renderer_and_every_renderer_a_shape() -> None:
    shapes = styles(list(envelope_shapes.__path__))
    assert shapes  # the listing found the modules
    assert styles(list(envelopes.__path__)) == shapes
