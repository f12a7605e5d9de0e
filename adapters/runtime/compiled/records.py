"""What a run keeps while it fills a result: each object still to fill (`Record`), and each
position a completed value went to (`Slot`), whose path is built only when an error needs it."""

from __future__ import annotations

from typing import Any

from graphql.pyutils import Path

from .plan import FieldPlan, ObjectPlan


class Slot:
    """Where a completed value was stored: nulled when a non-null error propagates to it. Its
    path is built only when asked for (errors need it; most positions never do)."""

    __slots__ = ("_path", "container", "key", "nullable", "parent", "typename")

    def __init__(
        self,
        container: Any,
        key: str | int,
        nullable: bool,
        parent: Slot | None,
        typename: str | None,
    ) -> None:
        self.container = container
        self.key = key
        self.nullable = nullable
        self.parent = parent
        self.typename = typename
        self._path: Path | None = None

    @property
    def path(self) -> Path:
        if self._path is None:
            above = self.parent.path if self.parent is not None else None
            self._path = Path(above, self.key, self.typename)
        return self._path


# Where a completed value is stored: container, key, whether nullable, the parent slot, and
# the parent's type name (None for a list's item).
Position = tuple[Any, str | int, bool, Slot | None, str | None]


class Record:
    """An object whose selected fields are still to be filled in. A leaf-only object met again
    (the same source under the same plan) is an alias of the first: its position shares the
    first's result unless filling that one failed or never happened, and is then filled on its
    own."""

    __slots__ = ("aliases", "clean", "plan", "result", "slot", "source")

    def __init__(self, plan: ObjectPlan, source: Any, result: dict[str, Any], slot: Slot | None):
        self.plan = plan
        self.source = source
        self.result = result
        self.slot = slot
        # Filled without adding an error: aliases may share the result.
        self.clean = False
        self.aliases: list[Position] | None = None

    @property
    def path(self) -> Path | None:
        return self.slot.path if self.slot is not None else None


def path_of(record: Record, field: FieldPlan) -> Path:
    return Path(record.path, field.key, field.parent_type.name)
