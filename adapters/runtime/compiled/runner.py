"""Running a compiled plan, level by level: every object at one depth has its fields read or
resolved before any deeper object, and all the resolvers' awaitables of a level are gathered
together, so dataloaders batch as under graphql-core. Batched fields (a dataloader's value for
a key read off the object) call no resolver: a level's keys go to their dataloader in one call
(`batches`). A resolver loading from that same dataloader at that level gets a batch of its
own, one statement more than graphql-core would send. Values are completed in tight loops
instead of graphql-core's per-field completion; errors, their paths and null propagation
follow the executor this replaces (its `CollectedErrors` decides what is kept).

Errors are met in another order: graphql-core meets them in the order its tasks happen to run
(which, with a database behind the dataloaders, depends on I/O timing), and drops those met
under a position an earlier error nulled. So a query whose run ends with several errors, or
with an error that nulled a non-null position, is answered again by graphql-core's executor
(`execute.CompiledPlanExecutor`); a mutation keeps the runner's answer, the same data with its
errors listed, or kept, possibly differently."""

from __future__ import annotations

from asyncio import FIRST_COMPLETED, Future, sleep, wait
from collections.abc import Awaitable, Coroutine
from types import CoroutineType
from typing import Any

from graphql import (
    ExecutionResult,
    ExperimentalIncrementalExecutionResults,
    GraphQLError,
    located_error,
)
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path, Undefined, is_iterable

from .batches import Batch, outcome
from .filler import INT_MAX, INT_MIN
from .internals import Execution, accept_yield
from .internals import complete_leaf as graphql_core_leaf
from .plan import FieldPlan, Leaf, ListOf, NonNull, ObjectPlan, Shape


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


Pending = tuple[Record, FieldPlan, Path | None, Any]
Result = ExecutionResult | ExperimentalIncrementalExecutionResults


class Wants:
    """A batched field at one level: the objects wanting its value, their keys, and the batch
    of their dataloader that loads them."""

    __slots__ = ("batch", "field", "keys", "records")

    def __init__(self, field: FieldPlan) -> None:
        self.field = field
        self.records: list[Record] = []
        self.keys: list[Any] = []
        self.batch: Batch


class Run:
    def __init__(self, execution: Execution) -> None:
        self.execution = execution
        self.errors = execution.errors
        self.add_error = execution.add_error
        self.has_nulled_position = execution.has_nulled_position
        self.is_awaitable = execution.is_awaitable
        self.data_nulled = False
        # A non-null position failed, and its error nulled a position above it.
        self.propagated = False
        self.arguments: dict[int, dict[str, Any]] = {}
        # What filling a level leaves to do: objects for the next level, resolvers' awaitables,
        # and the objects whose batched fields want their dataloader's value.
        self.next: list[Record] = []
        self.pending: list[Pending] = []
        self.wanted: list[tuple[FieldPlan, Record]] = []
        # The first record of each (leaf-only plan, source) pair; it keeps the source alive, so
        # the source's id is not reused while the run lasts.
        self.shared: dict[tuple[int, int], Record] = {}

    async def execute(self, plan: ObjectPlan, serially: bool) -> Result:
        data: dict[str, Any] = {}
        root = self.execution.root
        if serially:
            for one in plan.one_by_one():
                await self.levels([Record(one, root, data, None)])
                if self.data_nulled:
                    break
        else:
            await self.levels([Record(plan, root, data, None)])
        return self.execution.response(None if self.data_nulled else data)

    async def levels(self, records: list[Record]) -> None:
        while records:
            self.next, self.pending, self.wanted = [], [], []
            for record in records:
                if not self.nulled(record):
                    self.fill_record(record)
                if record.aliases is not None and not record.clean:
                    self.fill_aliases(record)
            if self.pending or self.wanted:
                await self.settle_level()
            records = self.next

    async def settle_level(self) -> None:
        """Await what filling a level left: the resolvers' awaitables, and each dataloader's
        keys wanted by batched fields, loaded together; then complete each field's value."""
        pending, wanted = self.pending, self.batched_fields()
        batches = list({id(wants.batch): wants.batch for wants in wanted}.values())
        loads = [load_each(batches)] if batches else []
        values = await settle([p[3] for p in pending] + loads)
        if loads and values[-1] is not None:
            raise values[-1]  # a batch load's own failure, not a key's
        for (record, field, path, _), value in zip(pending, values, strict=False):
            if isinstance(value, BaseException) and not isinstance(value, Exception):
                raise value
            self.complete_field(record, field, path, value)
        for wants in wanted:
            self.complete_wanted(wants)

    def complete_wanted(self, wants: Wants) -> None:
        """Each object's batched field, from its key's outcome; a nullable object (the common
        relation) present goes straight to its result."""
        field, outcomes = wants.field, wants.batch.outcomes
        plan = field.shape if type(field.shape) is ObjectPlan else None
        name, typename = field.key, field.parent_type.name
        for record, key in zip(wants.records, wants.keys, strict=True):
            value = None if key is None else outcomes[key]
            if plan is None or value is None or value is Undefined or isinstance(value, Exception):
                self.complete_field(record, field, None, value)
            else:
                result = record.result
                result[name] = self.object_result(
                    plan, value, result, name, True, record.slot, typename
                )

    def batched_fields(self) -> list[Wants]:
        """The level's batched fields, each with its objects and their keys, which join their
        dataloader's batch."""
        by_field: dict[int, Wants] = {}
        for field, record in self.wanted:
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
                loader = batched.loader(self.execution.context)
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
                self.field_failed(record, field, self.path_of(record, field), error)
            else:
                wants.records.append(record)

    def all_failed(self, wants: Wants, error: Exception) -> None:
        for record in wants.records:
            self.field_failed(record, wants.field, self.path_of(record, wants.field), error)
        wants.records, wants.keys = [], []

    def nulled(self, record: Record) -> bool:
        return bool(self.errors) and self.has_nulled_position(record.path)

    def fill_aliases(self, original: Record) -> None:
        """Filling the shared result added an error, or never happened (its position was
        nulled): each alias's position gets a result of its own."""
        assert original.aliases is not None
        for position in original.aliases:
            record = Record(original.plan, original.source, {}, Slot(*position))
            if not self.nulled(record):
                container, key = position[0], position[1]
                container[key] = record.result
                self.fill_record(record)

    def fill_record(self, record: Record) -> None:
        if not record.plan.leaf_only:
            record.plan.fill(self, record)
            return
        errors = len(self.errors)
        record.plan.fill(self, record)
        record.clean = len(self.errors) == errors

    def fill_field(self, record: Record, field: FieldPlan) -> None:
        if field.typename is not None:
            record.result[field.key] = field.typename
        elif field.attribute is not None:
            try:
                value = getattr(record.source, field.attribute)
            except Exception as error:
                self.field_failed(record, field, self.path_of(record, field), error)
                return
            self.complete_field(record, field, None, value)
        elif field.batched is not None:
            self.load(record, field)
        else:
            self.resolve(record, field)

    def resume_fill(self, record: Record, index: int, error: Exception) -> None:
        """Reading or serializing field `index` raised: that is its error; fill the rest."""
        fields = record.plan.fields
        self.field_failed(record, fields[index], self.path_of(record, fields[index]), error)
        for field in fields[index + 1 :]:
            self.fill_field(record, field)

    @staticmethod
    def path_of(record: Record, field: FieldPlan) -> Path:
        return Path(record.path, field.key, field.parent_type.name)

    def load(self, record: Record, field: FieldPlan) -> None:
        """What the batched field's resolver would do, without calling it: the object waits
        for its key's value, loaded with the level's others (as a generated filler does)."""
        record.result[field.key] = None
        self.wanted.append((field, record))

    def resolve(self, record: Record, field: FieldPlan) -> None:
        path = self.path_of(record, field)
        execution = self.execution
        info = execution.resolve_info(field.definition, field.nodes, field.parent_type, path)
        try:
            if field.direct is not None:
                value = field.direct(record.source, info)
            else:
                resolve = field.resolve or execution.field_resolver
                value = resolve(record.source, info, **self.arguments_of(field))
        except Exception as error:
            self.field_failed(record, field, path, error)
            return
        if self.is_awaitable(value):
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

    def complete_field(
        self, record: Record, field: FieldPlan, path: Path | None, value: Any
    ) -> None:
        result = record.result
        try:
            result[field.key] = self.complete(
                field.shape, value, field, result, field.key, field.parent_type.name, record.slot
            )
        except Exception as error:
            self.field_failed(record, field, path or self.path_of(record, field), error)

    def field_failed(self, record: Record, field: FieldPlan, path: Path, raw: Exception) -> None:
        error = located_error(raw, field.nodes, path.as_list())
        if field.non_null:
            self.propagate(record.slot, error)
        else:
            record.result[field.key] = None
            self.add_error(error, path)

    def propagate(self, slot: Slot | None, error: GraphQLError) -> None:
        """Null the nearest nullable position above a failed non-null one."""
        self.propagated = True
        while slot is not None and not slot.nullable:
            slot = slot.parent
        if slot is None:
            self.data_nulled = True
            self.add_error(error, None)
            return
        slot.container[slot.key] = None
        self.add_error(error, slot.path)

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
                self.add_error(error, item_path)
        return items


async def load_each(batches: list[Batch]) -> None:
    """One batch after another: a request's statements queue for its one connection anyway."""
    for batch in batches:
        await batch.load()


async def settle(awaitables: list[Any]) -> list[Any]:
    """Each awaitable's result or exception, like `gather(..., return_exceptions=True)`, but
    coroutines are stepped here rather than each wrapped in a task: all of them run until they
    suspend (on dataloader futures, which batch as before), then each is resumed once its
    future is done, until every one has finished. A bare future (a resolver may return a
    dataloader's) has nothing to resume: it is only read once the coroutines are done. A lone
    awaitable is simply awaited."""
    if len(awaitables) == 1:
        return [await _settled(awaitables[0])]
    results: list[Any] = [None] * len(awaitables)
    futures: list[tuple[int, Future[Any]]] = []
    suspended: list[tuple[int, Coroutine[Any, Any, Any], Any]] = []

    def step(index: int, coroutine: Coroutine[Any, Any, Any], error: Exception | None) -> None:
        try:
            yielded = coroutine.send(None) if error is None else coroutine.throw(error)
        except StopIteration as done:
            results[index] = done.value
        except BaseException as failed:  # returned, like gather(return_exceptions=True)
            results[index] = failed
        else:
            if isinstance(yielded, Future):
                accept_yield(yielded)
            suspended.append((index, coroutine, yielded))

    for index, awaitable in enumerate(awaitables):
        if isinstance(awaitable, Future):
            futures.append((index, awaitable))
        else:
            step(index, awaitable if type(awaitable) is CoroutineType else _await(awaitable), None)
    while suspended:
        blocked = [y for _, _, y in suspended if isinstance(y, Future) and not y.done()]
        try:
            # Resume whatever can go on as soon as it can: one coroutine may wait on another.
            # Many wait on one future (a dataloader's for a shared key): watch it once.
            await (
                wait(set(blocked), return_when=FIRST_COMPLETED)
                if len(blocked) == len(suspended)
                else sleep(0)
            )
        except BaseException:
            for _, coroutine, _ in suspended:
                coroutine.close()
            raise
        waiting, suspended = suspended, []
        for index, coroutine, yielded in waiting:
            if isinstance(yielded, Future) and not yielded.done():
                suspended.append((index, coroutine, yielded))
                continue
            bad = None
            if yielded is not None and not isinstance(yielded, Future):
                bad = RuntimeError(f"Task got bad yield: {yielded!r}")
            step(index, coroutine, bad)
    for index, future in futures:
        if not future.done():
            await wait((future,))  # never raises the future's own error or cancellation
        results[index] = outcome(future)
    return results


async def _await(awaitable: Awaitable[Any]) -> Any:
    return await awaitable


async def _settled(awaitable: Awaitable[Any]) -> Any:
    try:
        return await awaitable
    except BaseException as failed:  # returned, like gather(return_exceptions=True)
        return failed


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
