"""A new domain's first migration: an Alembic revision after the current head that creates the
tables the domain's `models` declare. Alembic renders it with the project's script template and
formats it (the hooks in alembic.ini); `env.py` runs offline, so no database is opened."""

from __future__ import annotations

import io
from pathlib import Path

from alembic import command
from alembic.operations import ops
from alembic.runtime.migration import MigrationContext
from alembic.script import Script, ScriptDirectory
from sqlalchemy import Table

from app.db import Base
from app.migrations import config


def add_migration(slug: str) -> Path:
    """Write the revision creating domain `slug`'s tables; its models must be importable."""
    cfg = config()
    # env.py runs, so that `create_tables` is handed the revision with every model imported;
    # offline it would print the (here empty) SQL of what it runs.
    cfg.set_main_option("revision_environment", "true")
    cfg.output_buffer = io.StringIO()
    revisions = sum(1 for _ in ScriptDirectory.from_config(cfg).walk_revisions())

    def create_tables(
        context: MigrationContext, revision: object, directives: list[ops.MigrationScript]
    ) -> None:
        tables = _tables_of(f"schema.{slug}.models")
        script = directives[0]
        script.upgrade_ops = ops.UpgradeOps([ops.CreateTableOp.from_table(t) for t in tables])
        script.downgrade_ops = ops.DowngradeOps(
            [ops.DropTableOp.from_table(table) for table in reversed(tables)]
        )

    script = command.revision(
        cfg,
        message=f"{slug} tables",
        # Numbered as the revisions before it: `0006_shop`.
        rev_id=f"{revisions + 1:04d}_{slug}",
        sql=True,
        process_revision_directives=create_tables,
    )
    assert isinstance(script, Script)
    return Path(script.path)


def _tables_of(module: str) -> list[Table]:
    """The tables mapped by the classes of `module`, in the order they can be created."""
    owned = {
        mapper.local_table for mapper in Base.registry.mappers if mapper.class_.__module__ == module
    }
    return [table for table in Base.metadata.sorted_tables if table in owned]
