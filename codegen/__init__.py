"""Facet codegen: a domain's SDL and annotated operations → its REST router and OpenAPI document.
Pure: it reads files and never imports the live app or its schema."""

from __future__ import annotations

from pathlib import Path

from .checks import check_domain
from .load import load
from .model import CodegenError, Problems
from .openapi import render_openapi
from .router import render_router
from .routes import build_routes

__all__ = ["CodegenError", "generate", "stale", "write"]


def generate(slug: str, root: Path, *, sdl: str | None = None) -> dict[Path, str]:
    """The generated router and OpenAPI document of domain `slug` under `root`, by path.
    `sdl` replaces `schema/<slug>/schema.graphql` (e.g. freshly exported); raises
    `CodegenError` listing every problem found."""
    problems = Problems()
    if not slug.isidentifier() or not slug.islower():
        problems.add(slug, "a domain slug must be a lowercase Python identifier")
        problems.raise_if_any()
    sources = load(slug, root, problems, sdl=sdl)
    domain = build_routes(sources, problems)
    if domain is not None:
        check_domain(domain, problems)
    problems.raise_if_any()
    config, envelope = sources.config, sources.envelope
    assert domain is not None and config is not None and envelope is not None
    return {
        root / "adapters" / "generated" / f"{slug}.py": render_router(domain, config),
        root / "adapters" / "openapi" / f"{slug}.json": render_openapi(domain, config, envelope),
    }


def write(outputs: dict[Path, str]) -> None:
    """Write each output, creating directories as needed."""
    for path, text in outputs.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))


def stale(outputs: dict[Path, str]) -> list[Path]:
    """The outputs whose file is missing or differs from what would be generated."""
    return [
        path
        for path, text in outputs.items()
        if not path.is_file() or path.read_bytes() != text.encode("utf-8")
    ]
