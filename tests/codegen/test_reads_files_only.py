"""Codegen reads files: generating a domain's router and OpenAPI document loads neither the app,
the adapter runtime, a domain package, nor a web or GraphQL server framework."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "tracker"
RUNTIME_PACKAGES = (
    "app",
    "schema",
    "adapters.runtime",
    "adapters.generated",
    "starlette",
    "fastapi",
    "strawberry",
)


def modules_loaded_by_codegen() -> list[str]:
    script = (
        "import json, pathlib, sys, codegen; "
        "codegen.generate('tracker', pathlib.Path(sys.argv[1])); "
        "print(json.dumps(sorted(sys.modules)))"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(FIXTURE)], capture_output=True, text=True, check=True
    )
    loaded: list[str] = json.loads(run.stdout)
    return loaded


def test_generating_imports_no_runtime_module() -> None:
    loaded = modules_loaded_by_codegen()
    assert "adapters.envelope_shapes.wrapped" in loaded  # the fixture's style, read as plain data
    runtime = [
        name
        for name in loaded
        if any(name == package or name.startswith(f"{package}.") for package in RUNTIME_PACKAGES)
    ]
    assert runtime == []
