"""Compiled execution plans: fixed operations (REST routes, persisted queries, repeated
documents) run on the same resolvers and dataloaders without graphql-core's per-field
completion. `execute.CompiledPlanExecutor` serves a domain with them: every request still goes
through Strawberry's `Schema.execute` (parsing and validation caches, schema extensions such as
the unit of work, `process_errors`), and only graphql-core's execution of an operation that has
a plan is replaced by a `runner.Run`; whatever the runner does not support runs on the
standard executor. Every private part of Strawberry, graphql-core, DataLoader and asyncio the
runner relies on is in `internals`, checked once at startup."""
