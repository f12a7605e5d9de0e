"""Filling one object's result, field by field: what a generated filler (`filler.py`) does
inline, and the generic path it hands a field to. A field is read off the source, resolved
(its awaitable, if any, left for the level to settle) or, for a relation, left for the level's
batch load; each value is then completed."""

from __future__ import annotations

from typing import Any

from graphql.execution.values import get_argument_values
from graphql.pyutils import Path

from .completion import Completion
from .internals import Execution
from .plan import FieldPlan
from .propagation import Errors
from .records import Record, path_of

# A resolver's awaitable, with the field it resolves.
Pending = tuple[Record, FieldPlan, Path | None, Any]


class Filling:
    """The `filling` a generated filler is passed."""

    def __init__(self, execution: Execution, completion: Completion, errors: Errors) -> None:
        self.execution = execution
        self.errors = errors
        self.complete_field = completion.complete_field
        self.arguments: dict[int, dict[str, Any]] = {}
        # What filling a level leaves to do: resolvers' awaitables, and the objects whose
        # relation fields want their dataloader's value.
        self.pending: list[Pending] = []
        self.wanted: list[tuple[FieldPlan, Record]] = []

    def fill_record(self, record: Record) -> None:
        if not record.plan.leaf_only:
            record.plan.fill(self, record)
            return
        errors = len(self.errors.collected)
        record.plan.fill(self, record)
        record.clean = len(self.errors.collected) == errors

    def fill_field(self, record: Record, field: FieldPlan) -> None:
        if field.typename is not None:
            record.result[field.key] = field.typename
        elif field.attribute is not None:
            try:
                value = getattr(record.source, field.attribute)
            except Exception as error:
                self.errors.field_failed(record, field, path_of(record, field), error)
                return
            self.complete_field(record, field, None, value)
        elif field.batched is not None:
            self.load(record, field)
        else:
            self.resolve(record, field)

    def resume_fill(self, record: Record, index: int, error: Exception) -> None:
        """Reading or serializing field `index` raised: that is its error; fill the rest."""
        fields = record.plan.fields
        self.errors.field_failed(record, fields[index], path_of(record, fields[index]), error)
        for field in fields[index + 1 :]:
            self.fill_field(record, field)

    def load(self, record: Record, field: FieldPlan) -> None:
        """What the relation field's resolver would do, without calling it: the object waits
        for its key's value, loaded with the level's others (as a generated filler does)."""
        record.result[field.key] = None
        self.wanted.append((field, record))

    def resolve(self, record: Record, field: FieldPlan) -> None:
        path = path_of(record, field)
        execution = self.execution
        info = execution.resolve_info(field.definition, field.nodes, field.parent_type, path)
        try:
            if field.direct is not None:
                value = field.direct(record.source, info)
            else:
                resolve = field.resolve or execution.field_resolver
                value = resolve(record.source, info, **self.arguments_of(field))
        except Exception as error:
            self.errors.field_failed(record, field, path, error)
            return
        if execution.is_awaitable(value):
            record.result[field.key] = None
            self.pending.append((record, field, path, value))
        else:
            self.complete_field(record, field, path, value)

    def arguments_of(self, field: FieldPlan) -> dict[str, Any]:
        if field.arguments is not None:
            return field.arguments
        found = self.arguments.get(id(field))
        if found is None:
            execution = self.execution
            found = get_argument_values(
                field.definition,
                field.nodes[0],
                execution.variables,
                None,
                execution.hide_suggestions,
            )
            self.arguments[id(field)] = found
        return found
