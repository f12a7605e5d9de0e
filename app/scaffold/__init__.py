"""`facet new`: a domain in the one shape, rendered from the templates beside this module.

Each file under `templates/` becomes the file at the same path in the checkout, with `SLUG` in
its path replaced by the slug and `.tmpl` dropped. Its text is a `string.Template` over `$slug`,
`$Slug` (the prefix of class names), `$SLUG` (of environment variables), `$title`, `$envelope`
and `$kind` (its one route's envelope kind); `$$` is a literal `$`, as GraphQL variables need."""

from __future__ import annotations

import keyword
import pkgutil
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from string import Template

from adapters import envelope_shapes

from .migration import add_migration

__all__ = ["Refused", "add_migration", "envelope_styles", "plan", "write"]

# Short enough for every generated line to stay within the line length; a title is written
# into Python and TOML strings as it is.
SLUG = re.compile(r"[a-z][a-z0-9_]{0,19}")
TITLE = re.compile(r"[^\"\\\x00-\x1f\x7f]{1,30}")
# The generated route answers with the operation's result as it is, which every style offers.
ROUTE_KIND = "raw"


class Refused(Exception):
    """Why the domain cannot be added; nothing was written."""


@dataclass(frozen=True)
class NewDomain:
    slug: str
    title: str
    envelope: str

    def placeholders(self) -> dict[str, str]:
        return {
            "slug": self.slug,
            "Slug": "".join(part.capitalize() for part in self.slug.split("_")),
            "SLUG": self.slug.upper(),
            "title": self.title,
            "envelope": self.envelope,
            "kind": ROUTE_KIND,
        }


def envelope_styles() -> list[str]:
    """The response styles that exist: the modules of `adapters.envelope_shapes`."""
    modules = pkgutil.iter_modules(envelope_shapes.__path__)
    return sorted(module.name for module in modules if not module.name.startswith("_"))


def plan(root: Path, slug: str, *, envelope: str | None, title: str | None) -> dict[Path, str]:
    """The text of every file of domain `slug` by its path under `root`; raises `Refused` when
    the slug, style or title will not do or the domain's files would overwrite any."""
    domain = _checked(root, slug, envelope, title)
    values = domain.placeholders()
    return {
        root / path.replace("SLUG", slug).removesuffix(".tmpl"): Template(text).substitute(values)
        for path, text in _templates(resources.files(__package__) / "templates", "")
    }


def write(files: dict[Path, str]) -> None:
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _checked(root: Path, slug: str, envelope: str | None, title: str | None) -> NewDomain:
    _check_slug(root, slug)
    title = title if title is not None else slug.replace("_", " ").title()
    if not TITLE.fullmatch(title):
        raise Refused(
            f"{title!r} cannot be a title: use one line of up to 30 characters, "
            "without quotes or backslashes"
        )
    return NewDomain(slug, title, _style(envelope))


def _check_slug(root: Path, slug: str) -> None:
    if not SLUG.fullmatch(slug) or keyword.iskeyword(slug):
        raise Refused(
            f"{slug!r} cannot be a domain slug: use up to 20 lowercase letters, digits and "
            "underscores, starting with a letter (it names a Python package and a URL prefix)"
        )
    taken = [
        str(path.relative_to(root))
        for path in (
            root / "schema" / slug,
            root / "tests" / slug,
            root / "adapters" / "generated" / f"{slug}.py",
            root / "adapters" / "openapi" / f"{slug}.json",
        )
        if path.exists()
    ]
    if taken:
        raise Refused(f"domain {slug!r} would overwrite {', '.join(taken)}")


def _style(envelope: str | None) -> str:
    """The style asked for, or the first by name."""
    styles = envelope_styles()
    envelope = envelope or styles[0]
    if envelope not in styles:
        raise Refused(f"unknown envelope style {envelope!r}; choose from {', '.join(styles)}")
    if ROUTE_KIND not in envelope_shapes.get(envelope).KINDS:
        raise Refused(f"envelope style {envelope!r} has no {ROUTE_KIND!r} kind for the route")
    return envelope


def _templates(folder: Traversable, prefix: str) -> Iterator[tuple[str, str]]:
    """`(path, text)` of every template under `folder`, paths relative to the templates."""
    for entry in folder.iterdir():
        path = f"{prefix}{entry.name}"
        if entry.is_dir():
            yield from _templates(entry, f"{path}/")
        elif entry.name.endswith(".tmpl"):
            yield path, entry.read_text(encoding="utf-8")
