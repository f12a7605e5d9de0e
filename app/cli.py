"""The `facet` command."""

from __future__ import annotations

import asyncio
import importlib
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from .domain import Domain

ROOT = Path(__file__).resolve().parent.parent
cli = typer.Typer(help="Facet: schema-first GraphQL plus the legacy REST APIs generated from it.")


def _domains() -> list[str]:
    from .main import DOMAINS

    return list(DOMAINS)


@cli.command()
def serve(
    domain: Annotated[str | None, typer.Option(help="Serve one domain at the root.")] = None,
    host: str = "127.0.0.1",
    port: Annotated[
        int | None, typer.Option(help="Default 8000, or the domain's own port.")
    ] = None,
    seed: Annotated[
        bool, typer.Option(help="Load the demo data into empty domains first.")
    ] = False,
) -> None:
    """Serve every domain under /<slug>, or one domain at the root."""
    import uvicorn

    from .clients import forwarded_header_options
    from .main import DOMAINS, create_app, prepare_heap_for_serving
    from .settings import get_settings

    if domain is not None and domain not in DOMAINS:
        raise typer.BadParameter(f"unknown domain {domain!r}; choose from {', '.join(DOMAINS)}")
    port = port or (DOMAINS[domain].local_port if domain else None) or 8000
    _prepare_database()
    if seed:
        _load_demo_data()
    _print_banner(f"http://{host}:{port}", domain)
    app = create_app(domain)
    prepare_heap_for_serving()
    options = forwarded_header_options(get_settings())
    uvicorn.run(app, host=host, port=port, log_level="info", **options)


def _prepare_database() -> None:
    """Migrate the embedded database, or stop when another one is not migrated."""
    from .migrations import NotReady, prepare_for_serving
    from .settings import get_settings

    try:
        if prepare_for_serving(get_settings().database_url):
            typer.echo("applied the database migrations")
    except NotReady as refusal:
        typer.echo(f"facet serve: {refusal}", err=True)
        raise typer.Exit(1) from None


def _print_banner(origin: str, domain: str | None) -> None:
    from .main import banner

    for line in banner(origin, domain):
        typer.echo(line)


@cli.command()
def migrate() -> None:
    """Apply all database migrations (SQLite file or PostgreSQL, from FACET_DATABASE_URL)."""
    from .migrations import upgrade

    upgrade()
    typer.echo("database is up to date")


@cli.command()
def seed() -> None:
    """Load the demo data into empty domains."""
    _load_demo_data()


def _load_demo_data() -> None:
    from .main import seed_all

    for line in asyncio.run(seed_all()):
        typer.echo(line)


@cli.command()
def sdl(slug: str) -> None:
    """Print a domain's GraphQL SDL."""
    from .main import DOMAINS

    typer.echo(DOMAINS[slug].schema.as_str())


@cli.command()
def openapi(slug: str) -> None:
    """Print a domain's OpenAPI document."""
    path = ROOT / "adapters" / "openapi" / f"{slug}.json"
    typer.echo(json.dumps(json.loads(path.read_text()), indent=2))


@cli.command()
def codegen(
    check: Annotated[bool, typer.Option(help="Fail if any generated file is stale.")] = False,
) -> None:
    """Export each domain's SDL, then generate its REST router and OpenAPI document."""
    import codegen as generator

    from .main import DOMAINS

    outputs = _generated(DOMAINS.values())
    if check:
        stale = generator.stale(outputs)
        for path in stale:
            typer.echo(f"stale: {path.relative_to(ROOT)}", err=True)
        if stale:
            typer.echo("run `facet codegen` and commit the result", err=True)
            raise typer.Exit(1)
        typer.echo("generated files are up to date")
        return
    generator.write(outputs)
    for path in outputs:
        typer.echo(f"wrote {path.relative_to(ROOT)}")


def _generated(domains: Iterable[Domain[Any]]) -> dict[Path, str]:
    """Each domain's SDL, exported from its schema, and its generated router and OpenAPI."""
    import codegen as generator

    outputs: dict[Path, str] = {}
    try:
        for spec in domains:
            sdl = spec.schema.as_str() + "\n"
            outputs[ROOT / "schema" / spec.slug / "schema.graphql"] = sdl
            outputs.update(generator.generate(spec.slug, ROOT, sdl=sdl))
    except generator.CodegenError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(1) from None
    return outputs


@cli.command()
def new(
    slug: str,
    envelope: Annotated[
        str | None,
        typer.Option(
            help="Response style, a module of adapters/envelope_shapes (default: first by name)."
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option(help="Display name (default: from the slug).")
    ] = None,
) -> None:
    """Add domain SLUG in the one shape: its modules, generated files, migration and test."""
    import codegen as generator

    from . import scaffold

    # Loads the hosted domains before anything is written: one that fails stops the command here.
    from .main import discover

    try:
        files = scaffold.plan(ROOT, slug, envelope=envelope, title=title)
    except scaffold.Refused as refusal:
        typer.echo(str(refusal), err=True)
        raise typer.Exit(1) from None
    scaffold.write(files)
    # The import system caches what directories hold: make it see the new package.
    importlib.invalidate_caches()
    generated = _generated([discover()[slug]])
    generator.write(generated)
    for path in sorted([*files, *generated, scaffold.add_migration(slug)]):
        typer.echo(f"wrote {path.relative_to(ROOT)}")


@cli.command()
def bench(
    http: Annotated[bool, typer.Option(help="Also measure requests/s over HTTP.")] = True,
) -> None:
    """Run the benchmarks of bench/ against their raw baselines; writes var/bench.json (needs a
    checkout)."""
    import importlib

    sys.path.insert(0, str(ROOT))
    benchmarks = importlib.import_module("bench")
    asyncio.run(benchmarks.main(http=http))


def main() -> None:
    _add_domain_commands()
    cli(sys.argv[1:])


def _add_domain_commands() -> None:
    """Each domain's own commands, as `facet <slug> ...`."""
    from .main import DOMAINS

    for spec in DOMAINS.values():
        if spec.commands is not None:
            cli.add_typer(spec.commands, name=spec.slug)
