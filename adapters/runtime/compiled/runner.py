"""Running a compiled plan, level by level: every object at one depth has its fields read or
resolved before any deeper object, and all the resolvers' awaitables of a level are settled
together, so dataloaders batch as under graphql-core. Relation fields (a dataloader's value for
a key read off the object) call no resolver: a level's keys go to their dataloader in one call
(`relations`, `batches`). A resolver loading from that same dataloader at that level gets a
batch of its own, one statement more than graphql-core would send. Values are completed in
tight loops instead of graphql-core's per-field completion (`completion`); errors, their paths
and null propagation follow the executor this replaces (`propagation`).

The concerns, one module each: `filling` fills an object's fields (the generated fillers'
generic path), `completion` completes values, `relations` loads relation fields in bulk,
`propagation` keeps errors, `settle` awaits a level's awaitables; `Run` walks the levels.

Errors are met in another order: graphql-core meets them in the order its tasks happen to run
(which, with a database behind the dataloaders, depends on I/O timing), and drops those met
under a position an earlier error nulled. So a query whose run ends with several errors, or
with an error that nulled a non-null position, is answered again by graphql-core's executor
(`execute.CompiledPlanExecutor`); a mutation keeps the runner's answer, the same data with its
errors listed, or kept, possibly differently."""

from __future__ import annotations

from typing import Any

from graphql import ExecutionResult, ExperimentalIncrementalExecutionResults

from .batches import load_each
from .completion import Completion
from .filling import Filling
from .internals import Execution
from .plan import ObjectPlan
from .propagation import Errors
from .records import Record, Slot
from .relations import Relations
from .settle import settle

Result = ExecutionResult | ExperimentalIncrementalExecutionResults


class Run:
    def __init__(self, execution: Execution) -> None:
        self.execution = execution
        self.errors = Errors(execution)
        self.completion = Completion(self.errors)
        self.filling = Filling(execution, self.completion, self.errors)
        self.relations = Relations(execution.context, self.completion, self.errors)

    @property
    def propagated(self) -> bool:
        """Whether an error nulled a position above the non-null one that failed."""
        return self.errors.propagated

    async def execute(self, plan: ObjectPlan, serially: bool) -> Result:
        data: dict[str, Any] = {}
        root = self.execution.root
        if serially:
            for one in plan.one_by_one():
                await self.levels([Record(one, root, data, None)])
                if self.errors.data_nulled:
                    break
        else:
            await self.levels([Record(plan, root, data, None)])
        return self.execution.response(None if self.errors.data_nulled else data)

    async def levels(self, records: list[Record]) -> None:
        filling, completion, errors = self.filling, self.completion, self.errors
        while records:
            completion.next, filling.pending, filling.wanted = [], [], []
            for record in records:
                if not errors.nulled(record):
                    filling.fill_record(record)
                if record.aliases is not None and not record.clean:
                    self.fill_aliases(record)
            if filling.pending or filling.wanted:
                await self.settle_level()
            records = completion.next

    async def settle_level(self) -> None:
        """Await what filling a level left: the resolvers' awaitables, and each dataloader's
        keys wanted by relation fields, loaded together; then complete each field's value."""
        pending, wanted = self.filling.pending, self.relations.gather(self.filling.wanted)
        batches = list({id(wants.batch): wants.batch for wants in wanted}.values())
        loads = [load_each(batches)] if batches else []
        values = await settle([p[3] for p in pending] + loads)
        if loads and values[-1] is not None:
            raise values[-1]  # a batch load's own failure, not a key's
        complete_field = self.completion.complete_field
        for (record, field, path, _), value in zip(pending, values, strict=False):
            if isinstance(value, BaseException) and not isinstance(value, Exception):
                raise value
            complete_field(record, field, path, value)
        for wants in wanted:
            self.relations.complete(wants)

    def fill_aliases(self, original: Record) -> None:
        """Filling the shared result added an error, or never happened (its position was
        nulled): each alias's position gets a result of its own."""
        assert original.aliases is not None
        for position in original.aliases:
            record = Record(original.plan, original.source, {}, Slot(*position))
            if not self.errors.nulled(record):
                container, key = position[0], position[1]
                container[key] = record.result
                self.filling.fill_record(record)
