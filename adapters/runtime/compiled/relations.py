"""Relation fields at one level (a dataloader's value for a key read off each object, see
`plan.Batched`): their resolvers are not called; each object's key is read, the keys each
dataloader is asked for at the level go to one `Batch`, and each object's field is completed
from its key's outcome."""

from __future__ import annotations

from typing import Any

from graphql.pyutils import Undefined

from .batches import Batch
from .completion import Completion
from .plan import FieldPlan, ObjectPlan
from .propagation import Errors
from .records import Record, path_of


class Wants:
    """A relation field at one level: the objects wanting its value, their keys, and the batch
    of their dataloader that loads them."""

    __slots__ = ("batch", "field", "keys", "records")

    def __init__(self, field: FieldPlan) -> None:
        self.field = field
        self.records: list[Record] = []
        self.keys: list[Any] = []
        self.batch: Batch


class Relations:
    def __init__(self, context: Any, completion: Completion, errors: Errors) -> None:
        self.context = context
        self.completion = completion
        self.errors = errors

    def gather(self, wanted: list[tuple[FieldPlan, Record]]) -> list[Wants]:
        """The level's relation fields, each with its objects and their keys, which join their
        dataloader's batch."""
        by_field: dict[int, Wants] = {}
        for field, record in wanted:
            wants = by_field.get(id(field))
            if wants is None:
                wants = by_field[id(field)] = Wants(field)
            wants.records.append(record)
        batches: dict[Any, Batch] = {}
        for wants in by_field.values():
            self.read_keys(wants)
            batched = wants.field.batched
            assert batched is not None
            try:
                loader = batched.loader(self.context)
            except Exception as error:
                self.all_failed(wants, error)
                continue
            batch = batches.get(loader)
            if batch is None:
                batch = batches[loader] = Batch(loader)
            batch.keys.update(dict.fromkeys(wants.keys))
            wants.batch = batch
        for batch in batches.values():
            batch.keys.pop(None, None)
        return [wants for wants in by_field.values() if wants.records]

    def read_keys(self, wants: Wants) -> None:
        """Each object's key; an object whose key cannot be read has that as its error."""
        field = wants.field
        assert field.batched is not None
        key = field.batched.key
        try:
            wants.keys = [key(record.source) for record in wants.records]
            return
        except Exception:
            pass
        records, wants.records = wants.records, []
        for record in records:
            try:
                wants.keys.append(key(record.source))
            except Exception as error:
                self.errors.field_failed(record, field, path_of(record, field), error)
            else:
                wants.records.append(record)

    def all_failed(self, wants: Wants, error: Exception) -> None:
        for record in wants.records:
            self.errors.field_failed(record, wants.field, path_of(record, wants.field), error)
        wants.records, wants.keys = [], []

    def complete(self, wants: Wants) -> None:
        """Each object's relation field, from its key's outcome; a nullable object (the common
        relation) present goes straight to its result."""
        field, outcomes = wants.field, wants.batch.outcomes
        plan = field.shape if type(field.shape) is ObjectPlan else None
        name, typename = field.key, field.parent_type.name
        complete_field, object_result = (
            self.completion.complete_field,
            self.completion.object_result,
        )
        for record, key in zip(wants.records, wants.keys, strict=True):
            value = None if key is None else outcomes[key]
            if plan is None or value is None or value is Undefined or isinstance(value, Exception):
                complete_field(record, field, None, value)
            else:
                result = record.result
                result[name] = object_result(plan, value, result, name, True, record.slot, typename)
