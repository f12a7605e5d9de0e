"""Completing values as graphql-core's executor completes them, in tight loops: leaves from
tables, lists item by item, and objects stored now and filled at the next level (a leaf-only
object met again shares its first result)."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError, located_error
from graphql.pyutils import Path, Undefined, is_iterable

from .filler import INT_MAX, INT_MIN
from .internals import complete_leaf as graphql_core_leaf
from .plan import FieldPlan, Leaf, ListOf, NonNull, ObjectPlan, Shape
from .propagation import Errors
from .records import Record, Slot, path_of


class Completion:
    def __init__(self, errors: Errors) -> None:
        self.errors = errors
        # The objects to fill at the next level.
        self.next: list[Record] = []
        # The first record of each (leaf-only plan, source) pair; it keeps the source alive, so
        # the source's id is not reused while the run lasts.
        self.shared: dict[tuple[int, int], Record] = {}

    def complete_field(
        self, record: Record, field: FieldPlan, path: Path | None, value: Any
    ) -> None:
        result = record.result
        try:
            result[field.key] = self.complete(
                field.shape, value, field, result, field.key, field.parent_type.name, record.slot
            )
        except Exception as error:
            self.errors.field_failed(record, field, path or path_of(record, field), error)

    def complete(
        self,
        shape: Shape,
        value: Any,
        field: FieldPlan,
        container: Any,
        key: str | int,
        typename: str | None,
        parent: Slot | None,
    ) -> Any:
        """The completed value stored at `container[key]` (an object's field, whose parent
        type is `typename`, or a list's item)."""
        if isinstance(value, Exception):
            raise value
        nullable = True
        if type(shape) is NonNull:
            nullable = False
            shape = shape.inner
        if value is None or value is Undefined:
            if nullable:
                return None
            raise TypeError(
                f"Cannot return null for non-nullable field {field.parent_type}.{field.name}."
            )
        if type(shape) is Leaf:
            return complete_leaf(shape, value)
        if type(shape) is ListOf:
            slot = Slot(container, key, nullable, parent, typename)
            return self.complete_list(shape, value, field, slot)
        assert type(shape) is ObjectPlan
        return self.object_result(shape, value, container, key, nullable, parent, typename)

    def object_result(
        self,
        plan: ObjectPlan,
        value: Any,
        container: Any,
        key: str | int,
        nullable: bool,
        parent: Slot | None,
        typename: str | None,
    ) -> dict[str, Any]:
        """An object's result, stored now and filled at the next level (a leaf-only object met
        again shares its first result)."""
        if not plan.leaf_only:
            record = Record(plan, value, {}, Slot(container, key, nullable, parent, typename))
            self.next.append(record)
            return record.result
        seen = (id(plan), id(value))
        original = self.shared.get(seen)
        if original is None:
            slot = Slot(container, key, nullable, parent, typename)
            original = self.shared[seen] = Record(plan, value, {}, slot)
            self.next.append(original)
        elif original.aliases is None:
            original.aliases = [(container, key, nullable, parent, typename)]
        else:
            original.aliases.append((container, key, nullable, parent, typename))
        return original.result

    def complete_list(self, shape: ListOf, value: Any, field: FieldPlan, slot: Slot) -> list[Any]:
        if type(value) is not list and not is_iterable(value):
            raise GraphQLError(
                "Expected Iterable, but did not find one for field"
                f" '{field.parent_type}.{field.name}'."
            )
        inner = shape.inner
        # Items that are objects, never null: each one present goes straight to its result.
        plan = inner.inner if type(inner) is NonNull and type(inner.inner) is ObjectPlan else None
        complete, object_result = self.complete, self.object_result
        items: list[Any] = []
        for index, item in enumerate(value):
            if plan is not None and not (
                item is None or item is Undefined or isinstance(item, Exception)
            ):
                items.append(object_result(plan, item, items, index, False, slot, None))
                continue
            items.append(None)
            try:
                items[index] = complete(inner, item, field, items, index, None, slot)
            except Exception as raw:
                item_path = slot.path.add_key(index, None)
                error = located_error(raw, field.nodes, item_path.as_list())
                if type(inner) is NonNull:
                    raise error from None
                self.errors.add(error, item_path)
        return items


def complete_leaf(shape: Leaf, value: Any) -> Any:
    """graphql-core's leaf completion, with its common cases answered from tables."""
    kind = type(value)
    if kind is shape.passthrough or (kind is int and shape.int32 and INT_MIN <= value <= INT_MAX):
        return value
    if shape.enum_names is not None:
        members = shape.members
        try:
            name = shape.enum_names.get(
                value.value if members is not None and isinstance(value, members) else value
            )
        except TypeError:  # unhashable: graphql-core's scan below
            name = None
        if name is not None:
            return name
    coerced = shape.type.coerce_output_value(value)
    if coerced is Undefined or coerced is None:
        return graphql_core_leaf(shape.type, value)  # raises graphql-core's error
    return coerced
