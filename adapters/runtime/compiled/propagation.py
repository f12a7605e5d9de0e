"""Field errors, kept as graphql-core's executor keeps them: a nullable field's error nulls the
field, a non-null field's error nulls the nearest nullable position above it (or `data`), and
an error met under a position already nulled is dropped (graphql-core's `CollectedErrors`
decides that, through `Execution`)."""

from __future__ import annotations

from graphql import GraphQLError, located_error
from graphql.pyutils import Path

from .internals import Execution
from .plan import FieldPlan
from .records import Record, Slot


class Errors:
    __slots__ = ("add", "collected", "data_nulled", "has_nulled_position", "propagated")

    def __init__(self, execution: Execution) -> None:
        self.collected = execution.errors
        self.add = execution.add_error
        self.has_nulled_position = execution.has_nulled_position
        # An error reached the root: the answer's `data` is null.
        self.data_nulled = False
        # A non-null position failed, and its error nulled a position above it.
        self.propagated = False

    def nulled(self, record: Record) -> bool:
        """Whether the object's position, or one above it, was nulled by an error."""
        return bool(self.collected) and self.has_nulled_position(record.path)

    def field_failed(self, record: Record, field: FieldPlan, path: Path, raw: Exception) -> None:
        error = located_error(raw, field.nodes, path.as_list())
        if field.non_null:
            self.propagate(record.slot, error)
        else:
            record.result[field.key] = None
            self.add(error, path)

    def propagate(self, slot: Slot | None, error: GraphQLError) -> None:
        """Null the nearest nullable position above a failed non-null one."""
        self.propagated = True
        while slot is not None and not slot.nullable:
            slot = slot.parent
        if slot is None:
            self.data_nulled = True
            self.add(error, None)
            return
        slot.container[slot.key] = None
        self.add(error, slot.path)
