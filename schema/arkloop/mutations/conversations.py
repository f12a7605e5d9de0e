"""Threads, messages, runs and projects, each behind its permission."""

from __future__ import annotations

import strawberry

from schema._shared.rows import provided

from ..context import permitted_mutation
from ..service import conversations, runs
from ..types.common import ArkloopInfo, Ok
from ..types.conversations import (
    ForkedThread,
    IdMapping,
    Message,
    Project,
    Thread,
    thread_fields,
)
from ..types.inputs import (
    CreateMessageInput,
    CreateProjectInput,
    CreateRunInput,
    CreateThreadInput,
    RunInputInput,
    UpdateThreadInput,
)
from ..types.runs import RunCreated

# Run options Arkloop accepts that select routes and personas this server does not have;
# they are recorded with the run, not acted on.
RUN_COLUMNS = ("route_id", "persona_id", "model")


@strawberry.type
class ConversationMutation:
    @permitted_mutation("data.threads.manage")
    async def create_thread(self, info: ArkloopInfo, input: CreateThreadInput) -> Thread:
        title = input.title if isinstance(input.title, str) else None
        project_id = input.project_id if isinstance(input.project_id, str) else None
        row = await conversations.create_thread(
            info.context.session, info.context.principal, title, input.is_private, project_id
        )
        return Thread.of(row)

    @permitted_mutation(
        "data.threads.manage", description="`null` clears the title or the project."
    )
    async def update_thread(
        self, info: ArkloopInfo, id: strawberry.ID, input: UpdateThreadInput
    ) -> Thread:
        row = await conversations.update_thread(
            info.context.session, info.context.principal, id, provided(input)
        )
        return Thread.of(row)

    @permitted_mutation("data.threads.manage", description="Soft-deletes the thread.")
    async def delete_thread(self, info: ArkloopInfo, id: strawberry.ID) -> Ok:
        await conversations.delete_thread(info.context.session, info.context.principal, id)
        return Ok()

    @permitted_mutation("data.threads.manage")
    async def star_thread(self, info: ArkloopInfo, id: strawberry.ID) -> Ok:
        await conversations.star_thread(info.context.session, info.context.principal, id, True)
        return Ok()

    @permitted_mutation("data.threads.manage")
    async def unstar_thread(self, info: ArkloopInfo, id: strawberry.ID) -> Ok:
        await conversations.star_thread(info.context.session, info.context.principal, id, False)
        return Ok()

    @permitted_mutation(
        "data.threads.manage", description="Copies the thread (up to `message_id`, when given)."
    )
    async def fork_thread(
        self, info: ArkloopInfo, id: strawberry.ID, message_id: strawberry.ID | None = None
    ) -> ForkedThread:
        row, mapping = await conversations.fork_thread(
            info.context.session, info.context.principal, id, message_id
        )
        pairs = [IdMapping(old_id=old, new_id=new) for old, new in mapping]
        return ForkedThread(**thread_fields(row), id_mapping=pairs)

    @permitted_mutation(
        "data.runs.manage", description="Drops the last assistant message and starts a new run."
    )
    async def retry_thread(self, info: ArkloopInfo, id: strawberry.ID) -> RunCreated:
        context = info.context
        run = await runs.retry(context.session, context.principal, id, context.trace_id)
        return RunCreated(run_id=run.id, trace_id=run.trace_id)

    @permitted_mutation("data.threads.manage")
    async def create_message(
        self, info: ArkloopInfo, thread_id: strawberry.ID, input: CreateMessageInput
    ) -> Message:
        content_json = input.content_json if isinstance(input.content_json, dict) else None
        row = await conversations.add_message(
            info.context.session, info.context.principal, thread_id, input.content, content_json
        )
        return Message.of(row)

    @permitted_mutation(
        "data.runs.manage", description="Starts the agent on the thread; follow its events."
    )
    async def create_run(
        self, info: ArkloopInfo, thread_id: strawberry.ID, input: CreateRunInput | None = None
    ) -> RunCreated:
        sent = provided(input) if input is not None else {}
        values = {key: sent[key] for key in RUN_COLUMNS if sent.get(key) is not None}
        context = info.context
        run = await runs.create_run(
            context.session, context.principal, thread_id, values, context.trace_id
        )
        return RunCreated(run_id=run.id, trace_id=run.trace_id)

    @permitted_mutation("data.runs.manage")
    async def cancel_run(self, info: ArkloopInfo, id: strawberry.ID) -> Ok:
        await runs.cancel(info.context.session, info.context.principal, id)
        return Ok()

    @permitted_mutation("data.runs.manage", description="Answers a run waiting for input.")
    async def provide_run_input(
        self, info: ArkloopInfo, id: strawberry.ID, input: RunInputInput
    ) -> Ok:
        await runs.provide_input(info.context.session, info.context.principal, id, input.content)
        return Ok()

    @permitted_mutation("data.projects.manage")
    async def create_project(self, info: ArkloopInfo, input: CreateProjectInput) -> Project:
        values = {k: v for k, v in provided(input).items() if v is not None}
        row = await conversations.create_project(
            info.context.session, info.context.principal, values
        )
        return Project.of(row)
