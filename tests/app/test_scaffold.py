"""`facet new`: a domain added to a copy of the checkout passes what `make test` checks (lint,
types, import contracts, generated files, its own tests on every backend the suite uses), and a
slug, style or title that will not do is refused with nothing written."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from typer.testing import CliRunner

from app import cli
from app.migrations import config

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
# Names no one would give a real domain: the checkout may hold any other (e.g. one added by
# following the README).
NEW = "scaffolded"
FREE = "never_scaffolded"
SHAPE = {
    "__init__.py",
    "settings.py",
    "context.py",
    "models.py",
    "repository.py",
    "service.py",
    "loaders.py",
    "types.py",
    "queries.py",
    "mutations.py",
    "errors.py",
    "seed.py",
    "operations.graphql",
    "rest.toml",
    "schema.graphql",
}
NEW_FILES = [f"schema/{NEW}", f"tests/{NEW}", "migrations/versions", f"adapters/generated/{NEW}.py"]


def run(checkout: Path, *command: str | Path) -> str:
    """Run `command` in the copy, on its code rather than the installed checkout's."""
    result = subprocess.run(
        [str(part) for part in command],
        cwd=checkout,
        env={**os.environ, "PYTHONPATH": str(checkout)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def copy_checkout(target: Path) -> None:
    """The files git sees (tracked, or new and not ignored), and mypy's cache when there is
    one: mypy then checks only what differs."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = ROOT / name
        if source.is_file():  # a tracked file may be deleted in the working tree
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    if (ROOT / ".mypy_cache").is_dir():
        # A file a running mypy replaces meanwhile is left out: mypy checks that module again.
        with contextlib.suppress(shutil.Error):
            shutil.copytree(ROOT / ".mypy_cache", target / ".mypy_cache")


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the checkout with a domain added by `facet new`."""
    copy = tmp_path_factory.mktemp("checkout")
    copy_checkout(copy)
    run(copy, BIN / "facet", "new", NEW)
    return copy


def files_under(checkout: Path) -> list[Path]:
    return sorted(
        path
        for folder in ("schema", "tests", "migrations", "adapters")
        for path in (checkout / folder).rglob("*")
        if "__pycache__" not in path.parts
    )


def test_the_domain_has_every_module_of_the_shape(checkout: Path) -> None:
    assert {path.name for path in (checkout / "schema" / NEW).iterdir()} == SHAPE
    assert {path.name for path in (checkout / "tests" / NEW).iterdir()} == {
        "__init__.py",
        f"test_{NEW}.py",
    }


def test_its_migration_follows_the_previous_head(checkout: Path) -> None:
    before = ScriptDirectory.from_config(config()).get_current_head()
    after = ScriptDirectory(str(checkout / "migrations"))
    head = after.get_revision("head")
    assert head is not None and head.revision.endswith(f"_{NEW}")
    assert head.down_revision == before


def test_the_domain_passes_the_static_checks(checkout: Path) -> None:
    run(checkout, BIN / "ruff", "check", *NEW_FILES)
    run(checkout, BIN / "ruff", "format", "--check", *NEW_FILES)
    run(checkout, BIN / "mypy", f"schema/{NEW}", f"tests/{NEW}")
    run(checkout, BIN / "lint-imports")
    assert "up to date" in run(checkout, BIN / "facet", "codegen", "--check")


def test_the_domain_passes_its_own_tests(checkout: Path) -> None:
    basetemp = checkout / "pytest-tmp"
    output = run(
        checkout,
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        f"--basetemp={basetemp}",
        f"tests/{NEW}",
    )
    assert " passed" in output and "skipped" not in output


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["Toy"], "cannot be a domain slug"),
        (["2toys"], "cannot be a domain slug"),
        (["class"], "cannot be a domain slug"),
        ([NEW], f"would overwrite schema/{NEW}, tests/{NEW}"),
        ([FREE, "--envelope", "nope"], "unknown envelope style 'nope'; choose from"),
        ([FREE, "--title", 'The "Shop"'], "cannot be a title"),
    ],
)
def test_what_will_not_do_is_refused_with_nothing_written(
    checkout: Path, monkeypatch: pytest.MonkeyPatch, arguments: list[str], message: str
) -> None:
    monkeypatch.setattr(cli, "ROOT", checkout)
    before = files_under(checkout)
    result = CliRunner().invoke(cli.cli, ["new", *arguments])
    assert result.exit_code == 1
    assert message in result.output
    assert files_under(checkout) == before
