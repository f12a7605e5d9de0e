"""The `facet` command's read-only subcommands."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from app.cli import cli

runner = CliRunner()


def test_codegen_check_is_clean() -> None:
    result = runner.invoke(cli, ["codegen", "--check"])
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output


def test_openapi_and_sdl_print_the_domain() -> None:
    document = json.loads(runner.invoke(cli, ["openapi", "loop"]).output)
    assert document["paths"]["/api/issues"]["get"]["operationId"] == "listIssues"
    sdl = runner.invoke(cli, ["sdl", "loop"]).output
    assert "issue(id: ID!): Issue!" in sdl


def test_unknown_domain_is_refused() -> None:
    result = runner.invoke(cli, ["serve", "--domain", "nope"])
    assert result.exit_code != 0 and "unknown domain" in result.output
