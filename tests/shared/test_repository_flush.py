"""Repository reads are Core statements, which skip the ORM's autoflush: a read sees the ORM
changes of its transaction not yet flushed (new, changed and deleted records) all the same."""

from __future__ import annotations

from app.db import Database
from schema.loop.models import Label
from schema.loop.repository.issues import labels


async def test_reads_see_the_transactions_unflushed_orm_changes(database: Database) -> None:
    async with database.session() as session, session.begin():
        label = Label(id="fresh-label", name="fresh", color="#1")
        session.add(label)
        found = await labels.by_ids(session, ["fresh-label"])
        assert [row.name for row in found] == ["fresh"]

        label.name = "renamed"
        renamed = await labels.get(session, "fresh-label")
        assert renamed is not None and renamed.name == "renamed"

        await session.delete(label)
        assert await labels.get(session, "fresh-label") is None
